import BekalCore
import GRDB

/// Merges of a person registered twice (``PersonMerge``): append-only rows.
extension SQLiteTransaction: PersonMergePort {
    func insertPersonMerge(duplicateID: Int64, keptID: Int64, onDate: LocalDate, reason: String, actor: String,
                           recordedAt: String) throws -> PersonMerge {
        try run("INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [duplicateID, keptID, onDate.description, reason, actor, recordedAt])
        return PersonMerge(id: db.lastInsertedRowID, duplicateID: duplicateID, keptID: keptID, onDate: onDate, reason: reason, actor: actor,
                           recordedAt: recordedAt)
    }

    func personMerge(duplicateID: Int64) throws -> PersonMerge? {
        try one("SELECT id, duplicate_id, kept_id, on_date, reason, actor, recorded_at FROM person_merge WHERE duplicate_id = ?", [duplicateID]).map(Self.personMerge)
    }

    func personMerges(keptID: Int64) throws -> [PersonMerge] {
        try all("SELECT id, duplicate_id, kept_id, on_date, reason, actor, recorded_at FROM person_merge WHERE kept_id = ? ORDER BY id", [keptID]).map(Self.personMerge)
    }

    static func personMerge(_ row: Row) throws -> PersonMerge {
        try PersonMergeRows.merge(id: row[0], duplicateID: row[1], keptID: row[2], onDate: row[3], reason: row[4], actor: row[5], recordedAt: row[6])
    }
}
