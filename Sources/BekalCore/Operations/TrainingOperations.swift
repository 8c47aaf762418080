import Foundation

/// A session as the office records it: the cohort, the track (nil for guidance, which every
/// trainee of the cohort takes), and who was absent; everyone else enrolled in it was present.
public struct SessionRecord: Hashable, Sendable {
    public var cohort: String
    public var track: String?
    public var kind: SessionKind
    public var topic: String
    public var heldOn: LocalDate
    public var hours: Int
    public var instructor: String?
    /// Trainees (codes or register numbers) who were not there.
    public var absent: [String]

    public init(cohort: String, track: String?, kind: SessionKind, topic: String, heldOn: LocalDate, hours: Int,
                instructor: String?, absent: [String] = []) {
        self.cohort = cohort
        self.track = track
        self.kind = kind
        self.topic = topic
        self.heldOn = heldOn
        self.hours = hours
        self.instructor = instructor
        self.absent = absent
    }
}

extension Operations {
    public func addInstructor(code: String, name: String, expertise: String?, context: OperationContext) throws -> Instructor {
        try store.write { tx in try Operations.addInstructor(code: code, name: name, expertise: expertise, context: context, in: tx) }
    }

    public static func addInstructor(code text: String, name: String, expertise: String?, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> Instructor {
        let code = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard !code.isEmpty, code.count <= 20, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw TrainingRejection.instructorCodeUnusable(text)
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw TrainingRejection.nameEmpty }
        if try tx.instructor(code: code) != nil { throw TrainingRejection.instructorExists(code: code) }
        return try tx.insertInstructor(code: code, name: name, expertise: expertise.flatMap(optionalText), actor: context.actor,
                                       recordedAt: context.recordedAt)
    }

    public func addCertificate(instructor: String, name: String, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                               context: OperationContext) throws -> InstructorCertificate {
        try store.write { tx in
            try Operations.addCertificate(instructor: instructor, name: name, number: number, issuedOn: issuedOn, validUntil: validUntil,
                                          context: context, in: tx)
        }
    }

    public static func addCertificate(instructor: String, name: String, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                                      context: OperationContext, in tx: any StoreTransaction) throws -> InstructorCertificate {
        let who = try Operations.resolveInstructor(instructor, in: tx)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines), number = number.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw TrainingRejection.nameEmpty }
        if number.isEmpty { throw TrainingRejection.certificateNumberEmpty }
        let today = context.today(in: try tx.settings())
        if issuedOn > today { throw TrainingRejection.dateInFuture(date: issuedOn, today: today) }
        if let validUntil, validUntil < issuedOn { throw TrainingRejection.certificateExpiresBeforeIssue(issuedOn: issuedOn, validUntil: validUntil) }
        return try tx.insertCertificate(instructorID: who.id, name: name, number: number, issuedOn: issuedOn, validUntil: validUntil,
                                        actor: context.actor, recordedAt: context.recordedAt)
    }

    static func resolveInstructor(_ text: String, in tx: any StoreTransaction) throws -> Instructor {
        guard let instructor = try tx.instructor(code: text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()) else {
            throw TrainingRejection.unknownInstructor(text)
        }
        return instructor
    }

    public func recordSession(_ record: SessionRecord, context: OperationContext) throws -> (session: TrainingSession, present: Int, absent: Int) {
        try store.write { tx in try Operations.recordSession(record, context: context, in: tx) }
    }

    /// Records a session and its attendance list: every trainee enrolled in the cohort (and
    /// track) and still in training or graduated on the day, present unless named absent.
    public static func recordSession(_ record: SessionRecord, context: OperationContext,
                                     in tx: any StoreTransaction) throws -> (session: TrainingSession, present: Int, absent: Int) {
        let cohort = try Resolve.cohort(record.cohort, in: tx)
        let track = try record.track.map { try Resolve.track($0, in: tx) }
        let today = context.today(in: try tx.settings())
        if record.kind == .skills && track == nil { throw TrainingRejection.skillsNeedTrack }
        let topic = record.topic.trimmingCharacters(in: .whitespacesAndNewlines)
        if topic.isEmpty { throw TrainingRejection.topicEmpty }
        if !TrainingSession.hoursRange.contains(record.hours) { throw TrainingRejection.hoursOutOfRange(record.hours) }
        if record.heldOn > today { throw TrainingRejection.dateInFuture(date: record.heldOn, today: today) }
        if let starts = cohort.trainingStart, record.heldOn < starts {
            throw TrainingRejection.sessionBeforeTraining(date: record.heldOn, cohort: cohort.code, starts: starts)
        }
        let instructor = try record.instructor.map { try resolveInstructor($0, in: tx) }
        // Her enrolment in the session's cohort (and track), unless she had left by the day.
        let trainees = try tx.enrolments(cohortID: cohort.id).filter { enrolment in
            (track == nil || enrolment.trackID == track!.id)
                && !(enrolment.status == .droppedOut && (enrolment.statusDate.map { $0 <= record.heldOn } ?? true))
        }
        if trainees.isEmpty { throw TrainingRejection.noTrainees(cohort: cohort.code, track: track?.code) }
        var absent: Set<Int64> = []
        for code in record.absent {
            let person = try Resolve.beneficiary(code, in: tx)
            guard let enrolment = trainees.first(where: { $0.beneficiaryID == person.id }) else {
                throw TrainingRejection.notATrainee(beneficiary: person.code, cohort: cohort.code)
            }
            absent.insert(enrolment.id)
        }
        let session = try tx.insertSession(cohortID: cohort.id, trackID: track?.id, kind: record.kind, topic: topic, heldOn: record.heldOn,
                                           hours: record.hours, instructorID: instructor?.id, actor: context.actor, recordedAt: context.recordedAt)
        for enrolment in trainees.sorted(by: { $0.id < $1.id }) {
            try tx.insertAttendance(sessionID: session.id, enrolmentID: enrolment.id, present: !absent.contains(enrolment.id))
        }
        return (session, trainees.count - absent.count, absent.count)
    }

    public func recordEvaluation(beneficiary: String, cohort: String, score: Int, evaluatedOn: LocalDate, evaluator: String, note: String?,
                                 context: OperationContext) throws -> SkillsEvaluation {
        try store.write { tx in
            try Operations.recordEvaluation(beneficiary: beneficiary, cohort: cohort, score: score, evaluatedOn: evaluatedOn,
                                            evaluator: evaluator, note: note, context: context, in: tx)
        }
    }

    /// Her evaluation, once; the same again is a replay. Passed is the score against the pass mark of the day.
    public static func recordEvaluation(beneficiary: String, cohort: String, score: Int, evaluatedOn: LocalDate, evaluator: String, note: String?,
                                        context: OperationContext, in tx: any StoreTransaction) throws -> SkillsEvaluation {
        let person = try Resolve.beneficiary(beneficiary, in: tx)
        let cohort = try Resolve.cohort(cohort, in: tx)
        let enrolment = try Resolve.enrolment(of: person, in: cohort, tx)
        let settings = try tx.settings()
        let today = context.today(in: settings)
        if !SkillsEvaluation.scores.contains(score) { throw TrainingRejection.scoreOutOfRange(score) }
        if evaluatedOn > today { throw TrainingRejection.dateInFuture(date: evaluatedOn, today: today) }
        let evaluator = evaluator.trimmingCharacters(in: .whitespacesAndNewlines)
        if evaluator.isEmpty { throw TrainingRejection.nameEmpty }
        if let earlier = try tx.evaluation(enrolmentID: enrolment.id) {
            if earlier.score == score && earlier.evaluatedOn == evaluatedOn { return earlier }
            throw TrainingRejection.alreadyEvaluated(beneficiary: person.code, cohort: cohort.code, score: earlier.score)
        }
        let evaluation = SkillsEvaluation(enrolmentID: enrolment.id, evaluatedOn: evaluatedOn, score: score,
                                          passed: score >= settings.skillsPassScore, evaluator: evaluator, note: note.flatMap(Operations.optionalText))
        try tx.insertEvaluation(evaluation, actor: context.actor, recordedAt: context.recordedAt)
        return evaluation
    }

    public func recordTools(cohort: String, track: String, name: String, quantity: Int64, countedOn: LocalDate,
                            context: OperationContext) throws -> TrainingTool {
        try store.write { tx in
            try Operations.recordTools(cohort: cohort, track: track, name: name, quantity: quantity, countedOn: countedOn, context: context, in: tx)
        }
    }

    public static func recordTools(cohort: String, track: String, name: String, quantity: Int64, countedOn: LocalDate,
                                   context: OperationContext, in tx: any StoreTransaction) throws -> TrainingTool {
        let cohort = try Resolve.cohort(cohort, in: tx)
        let track = try Resolve.track(track, in: tx)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { throw TrainingRejection.nameEmpty }
        if quantity < 0 { throw TrainingRejection.quantityNegative(quantity) }
        let today = context.today(in: try tx.settings())
        if countedOn > today { throw TrainingRejection.dateInFuture(date: countedOn, today: today) }
        return try tx.insertTool(cohortID: cohort.id, trackID: track.id, name: name, quantity: quantity, countedOn: countedOn,
                                 actor: context.actor, recordedAt: context.recordedAt)
    }

    /// Refuses to mark her completed below the attendance threshold unless confirmed. A trainee
    /// with no attendance recorded (a cohort whose sessions are not in Bekal) is not checked.
    static func checkAttendance(of enrolment: Enrolment, person: Beneficiary, on date: LocalDate?, confirmed: Bool,
                                in tx: any StoreTransaction) throws {
        guard !confirmed else { return }
        let threshold = try tx.settings().minimumAttendancePercent
        let sessions = Dictionary(uniqueKeysWithValues: try tx.sessions(cohortID: enrolment.cohortID).map { ($0.id, $0) })
        let rows = try tx.attendance(cohortID: enrolment.cohortID, enrolmentID: enrolment.id)
            .filter { row in date.map { day in sessions[row.sessionID].map { $0.heldOn <= day } ?? true } ?? true }
        guard !rows.isEmpty else { return }
        let attended = rows.filter(\.present).count
        if attended * 100 < threshold * rows.count {
            throw TrainingRejection.attendanceBelowThreshold(beneficiary: person.code, attended: attended, held: rows.count,
                                                             thresholdPercent: threshold)
        }
    }
}
