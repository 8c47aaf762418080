import BekalCore

/// A worker's caseload on PostgreSQL: the SQL of `SQLiteTransaction+Caseload.swift`.
extension PostgresTransaction: CaseloadSource {
    static let caseSummaryColumns = "beneficiary_id, cohort_id, kelompok_id, worker_id, grant_date, last_contact, last_whereabouts"

    static func caseSummary(_ row: PGRow) throws -> CaseSummary {
        CaseSummary(beneficiaryID: try row.int("beneficiary_id"), cohortID: try row.optionalInt("cohort_id"),
                    kelompokID: try row.optionalInt("kelompok_id"), workerID: try row.optionalInt("worker_id"),
                    grantDate: try row.optionalDate("grant_date"), lastContact: try row.optionalDate("last_contact"),
                    lastWhereabouts: try row.optionalText("last_whereabouts").flatMap(Whereabouts.init(rawValue:)))
    }

    func caseSummary(beneficiaryID: Int64) throws -> CaseSummary? {
        try besideTheWriter {
            try one("SELECT \(Self.caseSummaryColumns) FROM case_summary WHERE beneficiary_id = $1", [.int(beneficiaryID)])
                .map(Self.caseSummary)
        }
    }

    func caseSummaries(workerID: Int64) throws -> [CaseSummary] {
        try besideTheWriter {
            // Candidates through the assignment indexes (her own, or her kelompok's); the summary's
            // worker decides, so someone reassigned on her own is not counted twice.
            try all("""
                SELECT \(Self.caseSummaryColumns) FROM case_summary
                WHERE worker_id = $1 AND beneficiary_id IN (
                  SELECT beneficiary_id FROM case_assignment
                  WHERE worker_id = $1 AND to_date IS NULL AND beneficiary_id IS NOT NULL
                  UNION
                  SELECT m.beneficiary_id FROM case_assignment a JOIN kelompok_member m ON m.kelompok_id = a.kelompok_id
                  WHERE a.worker_id = $1 AND a.to_date IS NULL AND a.kelompok_id IS NOT NULL AND m.left_on IS NULL)
                ORDER BY beneficiary_id
                """, [.int(workerID)]).map(Self.caseSummary)
        }
    }

    func caseloadKelompokIDs(workerID: Int64) throws -> [Int64] {
        try besideTheWriter {
            try all("""
                SELECT kelompok_id FROM case_assignment
                WHERE worker_id = $1 AND to_date IS NULL AND kelompok_id IS NOT NULL ORDER BY kelompok_id
                """, [.int(workerID)]).map { try $0.int("kelompok_id") }
        }
    }

    /// In one statement: the ids go as one array parameter (no limit on their number).
    func beneficiaryNames(ids: [Int64]) throws -> [Int64: String] {
        try besideTheWriter {
            guard !ids.isEmpty else { return [:] }
            var names: [Int64: String] = [:]
            let array = "{" + ids.map(String.init).joined(separator: ",") + "}"
            for row in try all("SELECT id, name FROM beneficiary WHERE id = ANY($1::bigint[])", [.text(array)]) {
                names[try row.int("id")] = try row.text("name")
            }
            return names
        }
    }

    func memberships(beneficiaryID: Int64) throws -> [KelompokMembership] {
        try besideTheWriter {
            try all("SELECT * FROM kelompok_member WHERE beneficiary_id = $1 ORDER BY joined_on, id", [.int(beneficiaryID)]).map { row in
                KelompokMembership(id: try row.int("id"), kelompokID: try row.int("kelompok_id"), beneficiaryID: try row.int("beneficiary_id"),
                                   joinedOn: try row.date("joined_on"), leftOn: try row.optionalDate("left_on"))
            }
        }
    }

    func visits(reaching beneficiaryID: Int64, limit: Int) throws -> [Visit] {
        try besideTheWriter {
            try all("""
                WITH member AS (SELECT kelompok_id, joined_on, left_on FROM kelompok_member WHERE beneficiary_id = $1)
                SELECT v.* FROM visit v WHERE v.beneficiary_id = $1
                UNION
                SELECT v.* FROM visit v JOIN member m ON m.kelompok_id = v.kelompok_id
                WHERE v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on)
                UNION
                SELECT v.* FROM visit v JOIN usaha u ON u.id = v.usaha_id
                WHERE u.owner_beneficiary_id = $1
                   OR EXISTS (SELECT 1 FROM member m WHERE m.kelompok_id = u.owner_kelompok_id
                              AND v.visit_date >= m.joined_on AND (m.left_on IS NULL OR v.visit_date < m.left_on))
                ORDER BY visit_date DESC, id DESC LIMIT $2
                """, [.int(beneficiaryID), .int(limit)]).map { try visit($0) }
        }
    }
}
