import BekalCore
import GRDB

extension SQLiteTransaction: ListingPort {
    func tracks() throws -> [Track] { try all("SELECT * FROM track ORDER BY code").map(Self.track) }
    func equipmentItems() throws -> [EquipmentItem] { try all("SELECT * FROM equipment_item ORDER BY code").map(Self.item) }

    func recentEntries(bookID: Int64, limit: Int) throws -> [JournalEntry] {
        try entries(all("SELECT * FROM journal_entry WHERE book_id = ? ORDER BY id DESC LIMIT ?", [bookID, limit]), readingReversals: true)
    }

    func grantCandidates(limit: Int) throws -> [GrantCandidate] {
        try all("""
            SELECT b.id, b.external_ref, b.name, c.code AS cohort_code FROM enrolment e
            JOIN beneficiary b ON b.id = e.beneficiary_id
            JOIN cohort c ON c.id = e.cohort_id
            WHERE e.status = 'completed' AND NOT EXISTS (
              SELECT 1 FROM grant_payment g WHERE g.beneficiary_id = e.beneficiary_id AND g.cohort_id = e.cohort_id
                AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = g.entry_id))
            ORDER BY c.code, b.external_ref, b.id LIMIT ?
            """, [limit]).map { row in
            GrantCandidate(beneficiaryID: row["id"], externalRef: row["external_ref"], name: row["name"], cohortCode: row["cohort_code"])
        }
    }
}
