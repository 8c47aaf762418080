import BekalCore

/// The training months: `SQLiteTransaction+Training.swift` in PostgreSQL's words.
extension PostgresTransaction: TrainingPort {
    func insertInstructor(code: String, name: String, expertise: String?, actor: String, recordedAt: String) throws -> Instructor {
        let id = try insertReturningID("INSERT INTO instructor (code, name, expertise, actor, recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                       [.text(code), .text(name), PGValue(expertise), .text(actor), .text(recordedAt)])
        return Instructor(id: id, code: code, name: name, expertise: expertise)
    }

    static func instructor(_ row: PGRow) throws -> Instructor {
        Instructor(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"), expertise: try row.optionalText("expertise"))
    }

    func instructors() throws -> [Instructor] {
        try all("SELECT id, code, name, expertise FROM instructor ORDER BY code").map(Self.instructor)
    }

    func instructor(code: String) throws -> Instructor? {
        try one("SELECT id, code, name, expertise FROM instructor WHERE code = $1", [.text(code)]).map(Self.instructor)
    }

    func insertCertificate(instructorID: Int64, name: String, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                           actor: String, recordedAt: String) throws -> InstructorCertificate {
        let id = try insertReturningID("""
            INSERT INTO instructor_certificate (instructor_id, name, number, issued_on, valid_until, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.int(instructorID), .text(name), .text(number), .text(issuedOn.description), PGValue(validUntil?.description),
                  .text(actor), .text(recordedAt)])
        return InstructorCertificate(id: id, instructorID: instructorID, name: name, number: number, issuedOn: issuedOn, validUntil: validUntil)
    }

    func certificates(instructorID: Int64?) throws -> [InstructorCertificate] {
        try all("SELECT * FROM instructor_certificate WHERE $1::bigint IS NULL OR instructor_id = $1 ORDER BY id", [PGValue(instructorID)]).map { row in
            InstructorCertificate(id: try row.int("id"), instructorID: try row.int("instructor_id"), name: try row.text("name"),
                                  number: try row.text("number"), issuedOn: try LocalDate.parse(try row.text("issued_on")),
                                  validUntil: try row.optionalText("valid_until").map { try LocalDate.parse($0) })
        }
    }

    func insertSession(cohortID: Int64, trackID: Int64?, kind: SessionKind, topic: String, heldOn: LocalDate, hours: Int,
                       instructorID: Int64?, actor: String, recordedAt: String) throws -> TrainingSession {
        let id = try insertReturningID("""
            INSERT INTO training_session (cohort_id, track_id, kind, topic, held_on, hours, instructor_id, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, [.int(cohortID), PGValue(trackID), .text(kind.rawValue), .text(topic), .text(heldOn.description), .int(Int64(hours)),
                  PGValue(instructorID), .text(actor), .text(recordedAt)])
        return TrainingSession(id: id, cohortID: cohortID, trackID: trackID, kind: kind, topic: topic, heldOn: heldOn, hours: hours,
                               instructorID: instructorID)
    }

    func sessions(cohortID: Int64) throws -> [TrainingSession] {
        try all("SELECT * FROM training_session WHERE cohort_id = $1 ORDER BY held_on, id", [.int(cohortID)]).map { row in
            TrainingSession(id: try row.int("id"), cohortID: try row.int("cohort_id"), trackID: try row.optionalInt("track_id"),
                            kind: try TrainingRows.kind(try row.text("kind")), topic: try row.text("topic"),
                            heldOn: try LocalDate.parse(try row.text("held_on")), hours: Int(try row.int("hours")),
                            instructorID: try row.optionalInt("instructor_id"))
        }
    }

    func insertAttendance(sessionID: Int64, enrolmentID: Int64, present: Bool) throws {
        try run("INSERT INTO training_attendance (session_id, enrolment_id, present) VALUES ($1, $2, $3)",
                [.int(sessionID), .int(enrolmentID), .int(present ? 1 : 0)])
    }

    func attendance(cohortID: Int64, enrolmentID: Int64?) throws -> [SessionAttendance] {
        try all("""
            SELECT a.session_id, a.enrolment_id, a.present FROM training_attendance a JOIN training_session s ON s.id = a.session_id
            WHERE s.cohort_id = $1 AND ($2::bigint IS NULL OR a.enrolment_id = $2) ORDER BY a.session_id, a.enrolment_id
            """, [.int(cohortID), PGValue(enrolmentID)]).map { row in
            SessionAttendance(sessionID: try row.int("session_id"), enrolmentID: try row.int("enrolment_id"), present: try row.int("present") == 1)
        }
    }

    func insertEvaluation(_ e: SkillsEvaluation, actor: String, recordedAt: String) throws {
        try run("""
            INSERT INTO skills_evaluation (enrolment_id, evaluated_on, score, passed, evaluator, note, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, [.int(e.enrolmentID), .text(e.evaluatedOn.description), .int(Int64(e.score)), .int(e.passed ? 1 : 0), .text(e.evaluator),
                  PGValue(e.note), .text(actor), .text(recordedAt)])
    }

    static func evaluation(_ row: PGRow) throws -> SkillsEvaluation {
        SkillsEvaluation(enrolmentID: try row.int("enrolment_id"), evaluatedOn: try LocalDate.parse(try row.text("evaluated_on")),
                         score: Int(try row.int("score")), passed: try row.int("passed") == 1, evaluator: try row.text("evaluator"),
                         note: try row.optionalText("note"))
    }

    func evaluation(enrolmentID: Int64) throws -> SkillsEvaluation? {
        try one("SELECT * FROM skills_evaluation WHERE enrolment_id = $1", [.int(enrolmentID)]).map(Self.evaluation)
    }

    func evaluations(cohortID: Int64) throws -> [SkillsEvaluation] {
        try all("""
            SELECT v.* FROM skills_evaluation v JOIN enrolment n ON n.id = v.enrolment_id WHERE n.cohort_id = $1 ORDER BY v.enrolment_id
            """, [.int(cohortID)]).map(Self.evaluation)
    }

    func insertTool(cohortID: Int64, trackID: Int64, name: String, quantity: Int64, countedOn: LocalDate, actor: String,
                    recordedAt: String) throws -> TrainingTool {
        let id = try insertReturningID("""
            INSERT INTO training_tool (cohort_id, track_id, name, quantity, counted_on, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [.int(cohortID), .int(trackID), .text(name), .int(quantity), .text(countedOn.description), .text(actor), .text(recordedAt)])
        return TrainingTool(id: id, cohortID: cohortID, trackID: trackID, name: name, quantity: quantity, countedOn: countedOn)
    }

    func tools(cohortID: Int64) throws -> [TrainingTool] {
        try all("SELECT * FROM training_tool WHERE cohort_id = $1 ORDER BY id", [.int(cohortID)]).map { row in
            TrainingTool(id: try row.int("id"), cohortID: try row.int("cohort_id"), trackID: try row.int("track_id"), name: try row.text("name"),
                         quantity: try row.int("quantity"), countedOn: try LocalDate.parse(try row.text("counted_on")))
        }
    }
}
