import BekalCore
import Foundation
import GRDB

// The report queries of ``ReportSource`` beyond the trial balance. Rows are read through
// cursors and handed over one at a time: none of these holds a book's postings in memory.
extension SQLiteTransaction {
    func cohorts() throws -> [Cohort] { try all("SELECT * FROM cohort ORDER BY code").map(cohort) }

    /// The WHERE clause and its arguments for a posting query on `posting p JOIN journal_entry e`.
    private func filter(_ query: PostingQuery) -> (sql: String, arguments: StatementArguments) {
        var clauses = ["p.account_id = ?"]
        var arguments: StatementArguments = [query.accountID]
        if let from = query.from { clauses.append("e.value_date >= ?"); arguments += [from.description] }
        if let to = query.to { clauses.append("e.value_date <= ?"); arguments += [to.description] }
        let d = query.dimensions
        let dimensions: [(String, (any DatabaseValueConvertible)?)] = [
            ("p.beneficiary_id", d.beneficiaryID), ("p.kelompok_id", d.kelompokID), ("p.usaha_id", d.usahaID),
            ("p.cohort_id", d.cohortID), ("p.budget_year", d.budgetYear),
        ]
        for case let (column, value?) in dimensions {
            clauses.append("\(column) = ?")
            arguments += [value]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    func postingTotals(_ query: PostingQuery) throws -> PostingTotals {
        let (condition, arguments) = filter(query)
        let row = try one(built: """
            SELECT count(*) AS n,
                   coalesce(sum(CASE WHEN p.amount > 0 THEN p.amount END), 0) AS debit,
                   coalesce(sum(CASE WHEN p.amount < 0 THEN -p.amount END), 0) AS credit
            FROM posting p JOIN journal_entry e ON e.id = p.entry_id
            WHERE \(condition)
            """, arguments)
        return PostingTotals(count: row?["n"] ?? 0, debit: Rupiah(row?["debit"] ?? 0), credit: Rupiah(row?["credit"] ?? 0))
    }

    func forEachPosting(_ query: PostingQuery, _ body: (PostingRow) throws -> Void) throws {
        let (condition, arguments) = filter(query)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.*, e.value_date, e.kind, e.document_ref, e.memo, e.reverses_entry_id, r.id AS reversed_by
            FROM posting p JOIN journal_entry e ON e.id = p.entry_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = e.id
            WHERE \(condition)
            ORDER BY e.value_date, p.entry_id, p.line
            """), arguments: arguments)
        while let row = try rows.next() {
            let posting = Self.posting(row)
            try body(PostingRow(entryID: row["entry_id"], line: row["line"], valueDate: try LocalDate.parse(row["value_date"]),
                                kind: EntryKind(rawValue: row["kind"])!, documentRef: row["document_ref"], memo: row["memo"],
                                amount: posting.amount, dimensions: posting.dimensions,
                                reversesEntryID: row["reverses_entry_id"], reversedByEntryID: row["reversed_by"]))
        }
    }

    func forEachGrant(cohortID: Int64?, _ body: (GrantRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement("""
            SELECT g.*, r.id AS reversed_by, e.value_date, e.document_ref, c.code AS cohort_code, t.code AS track_code
            FROM grant_payment g
            JOIN journal_entry e ON e.id = g.entry_id
            JOIN cohort c ON c.id = g.cohort_id
            LEFT JOIN enrolment n ON n.beneficiary_id = g.beneficiary_id AND n.cohort_id = g.cohort_id
            LEFT JOIN track t ON t.id = n.track_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = g.entry_id
            WHERE ?1 IS NULL OR g.cohort_id = ?1
            ORDER BY e.value_date, g.entry_id
            """), arguments: [cohortID])
        while let row = try rows.next() {
            try body(GrantRow(grant: Self.grant(row), valueDate: try LocalDate.parse(row["value_date"]),
                              documentRef: row["document_ref"], cohortCode: row["cohort_code"], trackCode: row["track_code"]))
        }
    }

    func forEachKelompokEquipment(kelompokID: Int64?, _ body: (KelompokEquipmentRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement("""
            SELECT m.*, e.value_date, e.document_ref, e.reverses_entry_id, r.id AS reversed_by,
                   i.code AS item_code, i.name AS item_name, i.unit
            FROM equipment_movement m
            JOIN journal_entry e ON e.id = m.entry_id
            JOIN equipment_item i ON i.id = m.item_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = e.id
            WHERE m.kelompok_id IS NOT NULL AND (?1 IS NULL OR m.kelompok_id = ?1)
            ORDER BY m.kelompok_id, e.value_date, m.entry_id, m.id
            """), arguments: [kelompokID])
        while let row = try rows.next() {
            try body(KelompokEquipmentRow(
                kelompokID: row["kelompok_id"], entryID: row["entry_id"], valueDate: try LocalDate.parse(row["value_date"]),
                documentRef: row["document_ref"], itemCode: row["item_code"], itemName: row["item_name"], unit: row["unit"],
                stockQuantity: row["quantity"], stockValue: Rupiah(row["value"]),
                reversesEntryID: row["reverses_entry_id"], reversedByEntryID: row["reversed_by"]))
        }
    }

    func cohortAccountTotals(bookID: Int64, cohortIDs: [Int64]?) throws -> [CohortAccountTotal] {
        try all(built: """
            SELECT p.cohort_id, p.account_id, sum(p.amount) AS net
            FROM posting p JOIN account a ON a.id = p.account_id
            WHERE a.book_id = ?\(cohortIDs.map { " AND p.cohort_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? "")
            GROUP BY p.cohort_id, p.account_id
            ORDER BY p.cohort_id, p.account_id
            """, [bookID]).map { row in
            CohortAccountTotal(cohortID: row["cohort_id"], accountID: row["account_id"], net: Rupiah(row["net"]))
        }
    }
}
