import BekalCore

/// Merges of a person registered twice: `SQLiteTransaction+PersonMerge.swift` in PostgreSQL's words.
extension PostgresTransaction: PersonMergePort {
    func insertPersonMerge(duplicateID: Int64, keptID: Int64, onDate: LocalDate, reason: String, actor: String,
                           recordedAt: String) throws -> PersonMerge {
        let id = try insertReturningID("""
            INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [.int(duplicateID), .int(keptID), .text(onDate.description), .text(reason), .text(actor), .text(recordedAt)])
        return PersonMerge(id: id, duplicateID: duplicateID, keptID: keptID, onDate: onDate, reason: reason, actor: actor, recordedAt: recordedAt)
    }

    /// Read beside the books' writer: every visit asks it of the woman it names.
    func personMerge(duplicateID: Int64) throws -> PersonMerge? {
        try besideTheWriter {
            try one("SELECT \(PersonMergeRows.columns) FROM person_merge WHERE duplicate_id = $1", [.int(duplicateID)]).map(Self.personMerge)
        }
    }

    func personMerges(keptID: Int64) throws -> [PersonMerge] {
        try besideTheWriter {
            try all("SELECT \(PersonMergeRows.columns) FROM person_merge WHERE kept_id = $1 ORDER BY id", [.int(keptID)]).map(Self.personMerge)
        }
    }

    static func personMerge(_ row: PGRow) throws -> PersonMerge {
        try PersonMergeRows.merge(id: try row.int(0), duplicateID: try row.int(1), keptID: try row.int(2), onDate: try row.text(3),
                                  reason: try row.text(4), actor: try row.text(5), recordedAt: try row.text(6))
    }
}
