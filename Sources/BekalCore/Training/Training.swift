/// The training months (issue 16, part 5): the sessions of a cohort (skills, per track; and the
/// guidance every trainee takes, mental, religious and social), the instructors who gave them
/// and their certificates, each trainee's attendance, the skills evaluation at the end, and the
/// tools the training room has per trainee. Everything is append-only.
public enum SessionKind: String, Codable, CaseIterable, Sendable {
    /// Skills of the track (*bimbingan keterampilan*).
    case skills
    /// *Bimbingan mental*.
    case mental
    /// *Bimbingan keagamaan*.
    case religious
    /// *Bimbingan sosial*.
    case social

    public var label: String {
        switch self {
        case .skills: "Bimbingan keterampilan"
        case .mental: "Bimbingan mental"
        case .religious: "Bimbingan keagamaan"
        case .social: "Bimbingan sosial"
        }
    }
}

public struct Instructor: Hashable, Codable, Sendable {
    public let id: Int64
    /// The office's code for the instructor, e.g. `INS-01`.
    public let code: String
    public let name: String
    public let expertise: String?

    public init(id: Int64, code: String, name: String, expertise: String?) {
        self.id = id
        self.code = code
        self.name = name
        self.expertise = expertise
    }
}

public struct InstructorCertificate: Hashable, Codable, Sendable {
    public let id: Int64
    public let instructorID: Int64
    /// What it certifies, as printed: "Sertifikat Kompetensi BNSP Tata Boga".
    public let name: String
    public let number: String
    public let issuedOn: LocalDate
    public let validUntil: LocalDate?

    public init(id: Int64, instructorID: Int64, name: String, number: String, issuedOn: LocalDate, validUntil: LocalDate?) {
        self.id = id
        self.instructorID = instructorID
        self.name = name
        self.number = number
        self.issuedOn = issuedOn
        self.validUntil = validUntil
    }

    public func isValid(on day: LocalDate) -> Bool { issuedOn <= day && (validUntil.map { $0 >= day } ?? true) }
}

/// One session of the training, for the cohort's trainees of a track (skills) or of every track
/// (guidance: `trackID` nil).
public struct TrainingSession: Hashable, Codable, Sendable {
    public let id: Int64
    public let cohortID: Int64
    public let trackID: Int64?
    public let kind: SessionKind
    public let topic: String
    public let heldOn: LocalDate
    public let hours: Int
    public let instructorID: Int64?

    public init(id: Int64, cohortID: Int64, trackID: Int64?, kind: SessionKind, topic: String, heldOn: LocalDate, hours: Int, instructorID: Int64?) {
        self.id = id
        self.cohortID = cohortID
        self.trackID = trackID
        self.kind = kind
        self.topic = topic
        self.heldOn = heldOn
        self.hours = hours
        self.instructorID = instructorID
    }

    public static let hoursRange = 1...12
}

/// Whether a trainee (her enrolment) was at a session.
public struct SessionAttendance: Hashable, Codable, Sendable {
    public let sessionID: Int64
    public let enrolmentID: Int64
    public let present: Bool

    public init(sessionID: Int64, enrolmentID: Int64, present: Bool) {
        self.sessionID = sessionID
        self.enrolmentID = enrolmentID
        self.present = present
    }
}

/// The skills evaluation at the end of her training, once per enrolment.
public struct SkillsEvaluation: Hashable, Codable, Sendable {
    public let enrolmentID: Int64
    public let evaluatedOn: LocalDate
    /// 0 to 100.
    public let score: Int
    /// The score against the pass mark of the day it was recorded.
    public let passed: Bool
    public let evaluator: String
    public let note: String?

    public init(enrolmentID: Int64, evaluatedOn: LocalDate, score: Int, passed: Bool, evaluator: String, note: String?) {
        self.enrolmentID = enrolmentID
        self.evaluatedOn = evaluatedOn
        self.score = score
        self.passed = passed
        self.evaluator = evaluator
        self.note = note
    }

    public static let scores = 0...100
}

/// A count of one kind of tool in the training room for a cohort's track.
public struct TrainingTool: Hashable, Codable, Sendable {
    public let id: Int64
    public let cohortID: Int64
    public let trackID: Int64
    public let name: String
    public let quantity: Int64
    public let countedOn: LocalDate

    public init(id: Int64, cohortID: Int64, trackID: Int64, name: String, quantity: Int64, countedOn: LocalDate) {
        self.id = id
        self.cohortID = cohortID
        self.trackID = trackID
        self.name = name
        self.quantity = quantity
        self.countedOn = countedOn
    }
}

/// What the training months need from storage, inside one transaction.
public protocol TrainingPort {
    func insertInstructor(code: String, name: String, expertise: String?, actor: String, recordedAt: String) throws -> Instructor
    func instructors() throws -> [Instructor]
    func instructor(code: String) throws -> Instructor?
    func insertCertificate(instructorID: Int64, name: String, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                           actor: String, recordedAt: String) throws -> InstructorCertificate
    func certificates(instructorID: Int64?) throws -> [InstructorCertificate]
    func insertSession(cohortID: Int64, trackID: Int64?, kind: SessionKind, topic: String, heldOn: LocalDate, hours: Int,
                       instructorID: Int64?, actor: String, recordedAt: String) throws -> TrainingSession
    /// The sessions of a cohort, by date and id.
    func sessions(cohortID: Int64) throws -> [TrainingSession]
    func insertAttendance(sessionID: Int64, enrolmentID: Int64, present: Bool) throws
    /// The attendance rows of a cohort's sessions (of one enrolment: `enrolmentID`).
    func attendance(cohortID: Int64, enrolmentID: Int64?) throws -> [SessionAttendance]
    func insertEvaluation(_ evaluation: SkillsEvaluation, actor: String, recordedAt: String) throws
    func evaluation(enrolmentID: Int64) throws -> SkillsEvaluation?
    func evaluations(cohortID: Int64) throws -> [SkillsEvaluation]
    func insertTool(cohortID: Int64, trackID: Int64, name: String, quantity: Int64, countedOn: LocalDate, actor: String,
                    recordedAt: String) throws -> TrainingTool
    func tools(cohortID: Int64) throws -> [TrainingTool]
}
