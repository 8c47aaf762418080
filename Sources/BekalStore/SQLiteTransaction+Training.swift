import BekalCore
import GRDB

/// The training months: instructors, sessions and attendance, evaluations, tools.
extension SQLiteTransaction: TrainingPort {
    func insertInstructor(code: String, name: String, expertise: String?, actor: String, recordedAt: String) throws -> Instructor {
        try run("INSERT INTO instructor (code, name, expertise, actor, recorded_at) VALUES (?, ?, ?, ?, ?)", [code, name, expertise, actor, recordedAt])
        return Instructor(id: db.lastInsertedRowID, code: code, name: name, expertise: expertise)
    }

    func instructors() throws -> [Instructor] {
        try all("SELECT id, code, name, expertise FROM instructor ORDER BY code").map { Instructor(id: $0[0], code: $0[1], name: $0[2], expertise: $0[3]) }
    }

    func instructor(code: String) throws -> Instructor? {
        try one("SELECT id, code, name, expertise FROM instructor WHERE code = ?", [code]).map { Instructor(id: $0[0], code: $0[1], name: $0[2], expertise: $0[3]) }
    }

    func insertCertificate(instructorID: Int64, name: String, number: String, issuedOn: LocalDate, validUntil: LocalDate?,
                           actor: String, recordedAt: String) throws -> InstructorCertificate {
        try run("""
            INSERT INTO instructor_certificate (instructor_id, name, number, issued_on, valid_until, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [instructorID, name, number, issuedOn.description, validUntil?.description, actor, recordedAt])
        return InstructorCertificate(id: db.lastInsertedRowID, instructorID: instructorID, name: name, number: number, issuedOn: issuedOn,
                                     validUntil: validUntil)
    }

    func certificates(instructorID: Int64?) throws -> [InstructorCertificate] {
        try all("SELECT * FROM instructor_certificate WHERE ?1 IS NULL OR instructor_id = ?1 ORDER BY id", [instructorID]).map { row in
            InstructorCertificate(id: row["id"], instructorID: row["instructor_id"], name: row["name"], number: row["number"],
                                  issuedOn: try LocalDate.parse(row["issued_on"]),
                                  validUntil: try (row["valid_until"] as String?).map { try LocalDate.parse($0) })
        }
    }

    func insertSession(cohortID: Int64, trackID: Int64?, kind: SessionKind, topic: String, heldOn: LocalDate, hours: Int,
                       instructorID: Int64?, actor: String, recordedAt: String) throws -> TrainingSession {
        try run("""
            INSERT INTO training_session (cohort_id, track_id, kind, topic, held_on, hours, instructor_id, actor, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [cohortID, trackID, kind.rawValue, topic, heldOn.description, hours, instructorID, actor, recordedAt])
        return TrainingSession(id: db.lastInsertedRowID, cohortID: cohortID, trackID: trackID, kind: kind, topic: topic, heldOn: heldOn,
                               hours: hours, instructorID: instructorID)
    }

    func sessions(cohortID: Int64) throws -> [TrainingSession] {
        try all("SELECT * FROM training_session WHERE cohort_id = ? ORDER BY held_on, id", [cohortID]).map { row in
            TrainingSession(id: row["id"], cohortID: row["cohort_id"], trackID: row["track_id"], kind: try TrainingRows.kind(row["kind"]),
                            topic: row["topic"], heldOn: try LocalDate.parse(row["held_on"]), hours: row["hours"], instructorID: row["instructor_id"])
        }
    }

    func insertAttendance(sessionID: Int64, enrolmentID: Int64, present: Bool) throws {
        try run("INSERT INTO training_attendance (session_id, enrolment_id, present) VALUES (?, ?, ?)", [sessionID, enrolmentID, present ? 1 : 0])
    }

    func attendance(cohortID: Int64, enrolmentID: Int64?) throws -> [SessionAttendance] {
        try all("""
            SELECT a.session_id, a.enrolment_id, a.present FROM training_attendance a JOIN training_session s ON s.id = a.session_id
            WHERE s.cohort_id = ?1 AND (?2 IS NULL OR a.enrolment_id = ?2) ORDER BY a.session_id, a.enrolment_id
            """, [cohortID, enrolmentID]).map { SessionAttendance(sessionID: $0[0], enrolmentID: $0[1], present: ($0[2] as Int64) == 1) }
    }

    func insertEvaluation(_ e: SkillsEvaluation, actor: String, recordedAt: String) throws {
        try run("""
            INSERT INTO skills_evaluation (enrolment_id, evaluated_on, score, passed, evaluator, note, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [e.enrolmentID, e.evaluatedOn.description, e.score, e.passed ? 1 : 0, e.evaluator, e.note, actor, recordedAt])
    }

    static func evaluation(_ row: Row) throws -> SkillsEvaluation {
        SkillsEvaluation(enrolmentID: row["enrolment_id"], evaluatedOn: try LocalDate.parse(row["evaluated_on"]), score: row["score"],
                         passed: (row["passed"] as Int64) == 1, evaluator: row["evaluator"], note: row["note"])
    }

    func evaluation(enrolmentID: Int64) throws -> SkillsEvaluation? {
        try one("SELECT * FROM skills_evaluation WHERE enrolment_id = ?", [enrolmentID]).map(Self.evaluation)
    }

    func evaluations(cohortID: Int64) throws -> [SkillsEvaluation] {
        try all("""
            SELECT v.* FROM skills_evaluation v JOIN enrolment n ON n.id = v.enrolment_id WHERE n.cohort_id = ? ORDER BY v.enrolment_id
            """, [cohortID]).map(Self.evaluation)
    }

    func insertTool(cohortID: Int64, trackID: Int64, name: String, quantity: Int64, countedOn: LocalDate, actor: String,
                    recordedAt: String) throws -> TrainingTool {
        try run("INSERT INTO training_tool (cohort_id, track_id, name, quantity, counted_on, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [cohortID, trackID, name, quantity, countedOn.description, actor, recordedAt])
        return TrainingTool(id: db.lastInsertedRowID, cohortID: cohortID, trackID: trackID, name: name, quantity: quantity, countedOn: countedOn)
    }

    func tools(cohortID: Int64) throws -> [TrainingTool] {
        try all("SELECT * FROM training_tool WHERE cohort_id = ? ORDER BY id", [cohortID]).map { row in
            TrainingTool(id: row["id"], cohortID: row["cohort_id"], trackID: row["track_id"], name: row["name"], quantity: row["quantity"],
                         countedOn: try LocalDate.parse(row["counted_on"]))
        }
    }
}
