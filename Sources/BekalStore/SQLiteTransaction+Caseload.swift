import BekalCore
import GRDB

extension SQLiteTransaction: CaseloadSource {
    /// The columns ``caseSummary(_:)`` reads, by position (a caseload is read on every dashboard).
    static let caseSummaryColumns = "beneficiary_id, cohort_id, kelompok_id, worker_id, grant_date, last_contact, last_whereabouts"

    func caseSummary(_ row: Row) -> CaseSummary {
        CaseSummary(beneficiaryID: row[0], cohortID: row[1], kelompokID: row[2], workerID: row[3],
                    grantDate: (row[4] as String?).flatMap(Self.storedDate), lastContact: (row[5] as String?).flatMap(Self.storedDate),
                    lastWhereabouts: (row[6] as String?).flatMap(Whereabouts.init(rawValue:)))
    }

    func caseSummary(beneficiaryID: Int64) throws -> CaseSummary? {
        try one(built: "SELECT \(Self.caseSummaryColumns) FROM case_summary WHERE beneficiary_id = ?", [beneficiaryID]).map(caseSummary)
    }

    func caseSummaries(workerID: Int64) throws -> [CaseSummary] {
        // Candidates through the assignment indexes (her own, or her kelompok's); the summary's
        // worker decides, so someone reassigned on her own is not counted twice.
        try all(built: """
            SELECT \(Self.caseSummaryColumns) FROM case_summary
            WHERE worker_id = ?1 AND beneficiary_id IN (
              SELECT beneficiary_id FROM case_assignment
              WHERE worker_id = ?1 AND to_date IS NULL AND beneficiary_id IS NOT NULL
              UNION
              SELECT m.beneficiary_id FROM case_assignment a JOIN kelompok_member m ON m.kelompok_id = a.kelompok_id
              WHERE a.worker_id = ?1 AND a.to_date IS NULL AND a.kelompok_id IS NOT NULL AND m.left_on IS NULL)
            ORDER BY beneficiary_id
            """, [workerID]).map(caseSummary)
    }

    func caseloadKelompokIDs(workerID: Int64) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT kelompok_id FROM case_assignment
            WHERE worker_id = ? AND to_date IS NULL AND kelompok_id IS NOT NULL ORDER BY kelompok_id
            """), arguments: [workerID])
    }

    func beneficiaryNames(ids: [Int64]) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        // SQLite takes at most 32766 parameters; a caseload is far smaller, but stay well under.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM beneficiary WHERE id IN (\(marks))",
                                        arguments: StatementArguments(chunk)) {
                names[row[0]] = row[1]
            }
        }
        return names
    }

    func memberships(beneficiaryID: Int64) throws -> [KelompokMembership] {
        try all("SELECT * FROM kelompok_member WHERE beneficiary_id = ? ORDER BY joined_on, id", [beneficiaryID]).map { row in
            KelompokMembership(id: row["id"], kelompokID: row["kelompok_id"], beneficiaryID: row["beneficiary_id"],
                               joinedOn: date(row, "joined_on")!, leftOn: date(row, "left_on"))
        }
    }

    func visits(reaching beneficiaryID: Int64, limit: Int) throws -> [Visit] {
        try all("""
            WITH member AS (SELECT kelompok_id, joined_on, left_on FROM kelompok_member WHERE beneficiary_id = ?1)
            SELECT v.* FROM visit v WHERE v.beneficiary_id = ?1
            UNION
            SELECT v.* FROM visit v JOIN member m ON m.kelompok_id = v.kelompok_id
            WHERE v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on)
            UNION
            SELECT v.* FROM visit v JOIN usaha u ON u.id = v.usaha_id
            WHERE u.owner_beneficiary_id = ?1
               OR EXISTS (SELECT 1 FROM member m WHERE m.kelompok_id = u.owner_kelompok_id
                          AND v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on))
            ORDER BY visit_date DESC, id DESC LIMIT ?2
            """, [beneficiaryID, limit]).map(visit)
    }
}
