import BekalCore

extension Schema {
    /// The training months: instructors and their certificates, sessions with each trainee's
    /// attendance, the skills evaluation, and the training room's tools; all append-only.
    static let v14Training: [String] = TrainingSQL.create(integer: "INTEGER", id: "INTEGER PRIMARY KEY", strict: " STRICT", date: date)
        + appendOnlyTriggers(TrainingSQL.tables, remedy: "record a new one instead")
}
