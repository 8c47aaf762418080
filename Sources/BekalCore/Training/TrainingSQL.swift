/// The training tables' definitions, the same for every store but for the words each uses for
/// an integer, an id it assigns, and a date check (SQLite's `v14`, PostgreSQL's `pg10`).
public enum TrainingSQL {
    public static let tables = ["instructor", "instructor_certificate", "training_session", "training_attendance", "skills_evaluation",
                                "training_tool"]

    public static func create(integer: String, id: String, strict: String, date: String) -> [String] {
        [
            """
            CREATE TABLE instructor (
              id \(id),
              code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              expertise TEXT,
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            """
            CREATE TABLE instructor_certificate (
              id \(id),
              instructor_id \(integer) NOT NULL REFERENCES instructor(id),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              number TEXT NOT NULL CHECK (length(trim(number)) > 0),
              issued_on TEXT NOT NULL CHECK (issued_on \(date)),
              valid_until TEXT CHECK (valid_until IS NULL OR (valid_until \(date) AND valid_until >= issued_on)),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            """
            CREATE TABLE training_session (
              id \(id),
              cohort_id \(integer) NOT NULL REFERENCES cohort(id),
              track_id \(integer) REFERENCES track(id),
              kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(SessionKind.allCases.map(\.rawValue), column: "kind"))),
              topic TEXT NOT NULL CHECK (length(trim(topic)) > 0),
              held_on TEXT NOT NULL CHECK (held_on \(date)),
              hours \(integer) NOT NULL CHECK (hours BETWEEN \(TrainingSession.hoursRange.lowerBound) AND \(TrainingSession.hoursRange.upperBound)),
              instructor_id \(integer) REFERENCES instructor(id),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              CHECK (kind <> 'skills' OR track_id IS NOT NULL)
            )\(strict)
            """,
            "CREATE INDEX training_session_cohort ON training_session(cohort_id, held_on)",
            """
            CREATE TABLE training_attendance (
              session_id \(integer) NOT NULL REFERENCES training_session(id),
              enrolment_id \(integer) NOT NULL REFERENCES enrolment(id),
              present \(integer) NOT NULL CHECK (present IN (0, 1)),
              PRIMARY KEY (session_id, enrolment_id)
            )\(strict)
            """,
            "CREATE INDEX training_attendance_enrolment ON training_attendance(enrolment_id)",
            """
            CREATE TABLE skills_evaluation (
              enrolment_id \(integer) PRIMARY KEY REFERENCES enrolment(id),
              evaluated_on TEXT NOT NULL CHECK (evaluated_on \(date)),
              score \(integer) NOT NULL CHECK (score BETWEEN \(SkillsEvaluation.scores.lowerBound) AND \(SkillsEvaluation.scores.upperBound)),
              passed \(integer) NOT NULL CHECK (passed IN (0, 1)),
              evaluator TEXT NOT NULL CHECK (length(trim(evaluator)) > 0),
              note TEXT,
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            """
            CREATE TABLE training_tool (
              id \(id),
              cohort_id \(integer) NOT NULL REFERENCES cohort(id),
              track_id \(integer) NOT NULL REFERENCES track(id),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              quantity \(integer) NOT NULL CHECK (quantity >= 0),
              counted_on TEXT NOT NULL CHECK (counted_on \(date)),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
        ]
    }
}

/// Decoding the stored rows, for every store alike.
public enum TrainingRows {
    public static func kind(_ text: String) throws -> SessionKind { try EquipmentCareRows.stored(text, "training_session.kind") }
}
