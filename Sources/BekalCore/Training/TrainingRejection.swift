/// Why a session, an instructor, an evaluation or a count of tools was refused, and the
/// warning that stops a completion below the attendance threshold until it is confirmed.
public enum TrainingRejection: BekalFailure, Equatable {
    case instructorCodeUnusable(String)
    case instructorExists(code: String)
    case unknownInstructor(String)
    case nameEmpty
    case topicEmpty
    case hoursOutOfRange(Int)
    case sessionBeforeTraining(date: LocalDate, cohort: String, starts: LocalDate)
    case dateInFuture(date: LocalDate, today: LocalDate)
    /// A skills session is for one track; guidance is for every track of the cohort.
    case skillsNeedTrack
    /// The trainees named absent are not trainees of this session.
    case notATrainee(beneficiary: String, cohort: String)
    case noTrainees(cohort: String, track: String?)
    case scoreOutOfRange(Int)
    case alreadyEvaluated(beneficiary: String, cohort: String, score: Int)
    case quantityNegative(Int64)
    case certificateNumberEmpty
    case certificateExpiresBeforeIssue(issuedOn: LocalDate, validUntil: LocalDate)
    /// Marking her completed while she attended fewer sessions than the threshold asks: confirm it.
    case attendanceBelowThreshold(beneficiary: String, attended: Int, held: Int, thresholdPercent: Int)

    public var code: String {
        switch self {
        case .instructorCodeUnusable: "instructor_code"
        case .instructorExists: "instructor_exists"
        case .unknownInstructor: "instructor_unknown"
        case .nameEmpty: "training_name_empty"
        case .topicEmpty: "session_topic_empty"
        case .hoursOutOfRange: "session_hours"
        case .sessionBeforeTraining: "session_before_training"
        case .dateInFuture: "training_date_in_future"
        case .skillsNeedTrack: "session_skills_track"
        case .notATrainee: "session_not_a_trainee"
        case .noTrainees: "session_no_trainees"
        case .scoreOutOfRange: "evaluation_score"
        case .alreadyEvaluated: "evaluation_exists"
        case .quantityNegative: "tool_quantity"
        case .certificateNumberEmpty: "certificate_number"
        case .certificateExpiresBeforeIssue: "certificate_dates"
        case .attendanceBelowThreshold: "attendance_below_threshold"
        }
    }

    public var message: String {
        switch self {
        case .instructorCodeUnusable(let code):
            "instructor code \"\(code)\" is not usable: use letters, digits and '-', e.g. INS-01"
        case .instructorExists(let code): "instructor \(code) is already recorded"
        case .unknownInstructor(let code): "no instructor \(code): `bekal training instructors` lists them"
        case .nameEmpty: "the name is empty: give it as on the instructor's papers"
        case .topicEmpty: "the session has no topic: say what was taught, e.g. \"Membuat pola rok\""
        case .hoursOutOfRange(let hours):
            "\(hours) hours is not a session: give \(TrainingSession.hoursRange.lowerBound) to \(TrainingSession.hoursRange.upperBound)"
        case .sessionBeforeTraining(let date, let cohort, let starts):
            "a session on \(date) is before cohort \(cohort)'s training starts (\(starts)): check the date or the cohort"
        case .dateInFuture(let date, let today): "\(date) is after today (\(today)): give the day it happened"
        case .skillsNeedTrack: "a skills session is for one track: give --track (guidance sessions are for the whole cohort)"
        case .notATrainee(let who, let cohort): "\(who) is not a trainee of this session in cohort \(cohort): check the code or the track"
        case .noTrainees(let cohort, let track):
            "cohort \(cohort) has no trainee\(track.map { " in track \($0)" } ?? ""): enrol them before recording sessions"
        case .scoreOutOfRange(let score):
            "a score of \(score) is out of range: give \(SkillsEvaluation.scores.lowerBound) to \(SkillsEvaluation.scores.upperBound)"
        case .alreadyEvaluated(let who, let cohort, let score):
            "\(who) was already evaluated in cohort \(cohort) (score \(score)): an evaluation is recorded once"
        case .quantityNegative(let quantity): "\(quantity) tools cannot be counted: give the number found, 0 or more"
        case .certificateNumberEmpty: "the certificate has no number: give it as printed"
        case .certificateExpiresBeforeIssue(let issued, let until):
            "the certificate would expire on \(until), before it was issued on \(issued): check both dates"
        case .attendanceBelowThreshold(let who, let attended, let held, let threshold):
            "\(who) attended \(attended) of \(held) sessions, below the \(threshold)% the office asks for completion: "
                + "confirm with --despite-low-attendance if she completed nevertheless"
        }
    }
}
