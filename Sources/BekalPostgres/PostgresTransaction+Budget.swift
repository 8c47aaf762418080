import BekalCore

/// The year's budget lines and the exceptions to their ceilings: `SQLiteTransaction+Budget.swift`
/// in PostgreSQL's words.
extension PostgresTransaction: BudgetPort {
    func budgetLines(year: Int?) throws -> [BudgetLine] {
        let rows = if let year {
            try all("SELECT \(BudgetRows.lineColumns) FROM budget_line WHERE year = $1 ORDER BY year, source, code, cohort_id, id", [.int(Int64(year))])
        } else {
            try all("SELECT \(BudgetRows.lineColumns) FROM budget_line ORDER BY year, source, code, cohort_id, id")
        }
        return try rows.map(Self.budgetLine)
    }

    func budgetLine(id: Int64) throws -> BudgetLine? {
        try one("SELECT \(BudgetRows.lineColumns) FROM budget_line WHERE id = $1", [.int(id)]).map(Self.budgetLine)
    }

    func insertBudgetLine(year: Int, source: FundingSource, code: String, name: String, purpose: BudgetPurpose, cohortID: Int64?,
                          ceiling: Rupiah, actor: String, recordedAt: String) throws -> BudgetLine {
        let id = try insertReturningID("""
            INSERT INTO budget_line (year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, [.int(Int64(year)), .text(source.rawValue), .text(code), .text(name), .text(purpose.rawValue), PGValue(cohortID),
                  .int(ceiling.amount), .text(actor), .text(recordedAt)])
        return BudgetLine(id: id, year: year, source: source, code: code, name: name, purpose: purpose, cohortID: cohortID,
                          ceiling: ceiling, actor: actor, recordedAt: recordedAt)
    }

    func budgetExceptions(lineID: Int64?) throws -> [BudgetException] {
        let rows = if let lineID {
            try all("SELECT \(BudgetRows.exceptionColumns) FROM budget_exception WHERE line_id = $1 ORDER BY id", [.int(lineID)])
        } else {
            try all("SELECT \(BudgetRows.exceptionColumns) FROM budget_exception ORDER BY id")
        }
        return try rows.map { row in
            BudgetRows.exception(id: try row.int(0), lineID: try row.int(1), amount: try row.int(2), reason: try row.text(3),
                                 actor: try row.text(4), recordedAt: try row.text(5))
        }
    }

    func insertBudgetException(lineID: Int64, amount: Rupiah, reason: String, actor: String, recordedAt: String) throws -> BudgetException {
        let id = try insertReturningID("""
            INSERT INTO budget_exception (line_id, amount, reason, actor, recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id
            """, [.int(lineID), .int(amount.amount), .text(reason), .text(actor), .text(recordedAt)])
        return BudgetException(id: id, lineID: lineID, amount: amount, reason: reason, actor: actor, recordedAt: recordedAt)
    }

    func budgetLineTotals(bookID: Int64, lineID: Int64) throws -> [BudgetLineTotal] {
        try all("""
            SELECT p.budget_line_id, p.cohort_id, p.account_id, sum(p.amount)::bigint
            FROM posting p JOIN account a ON a.id = p.account_id
            WHERE p.budget_line_id = $1 AND a.book_id = $2
            GROUP BY p.budget_line_id, p.cohort_id, p.account_id
            """, [.int(lineID), .int(bookID)]).map(Self.budgetLineTotal)
    }

    func budgetLineTotals(bookID: Int64, year: Int) throws -> [BudgetLineTotal] {
        try all("""
            SELECT p.budget_line_id, p.cohort_id, p.account_id, sum(p.amount)::bigint
            FROM budget_line l JOIN posting p ON p.budget_line_id = l.id JOIN account a ON a.id = p.account_id
            WHERE l.year = $1 AND a.book_id = $2
            GROUP BY p.budget_line_id, p.cohort_id, p.account_id
            UNION ALL
            SELECT NULL, p.cohort_id, p.account_id, sum(p.amount)::bigint
            FROM posting p JOIN account a ON a.id = p.account_id
            WHERE p.budget_line_id IS NULL AND p.budget_year = $1 AND a.book_id = $2
            GROUP BY p.cohort_id, p.account_id
            """, [.int(Int64(year)), .int(bookID)]).map(Self.budgetLineTotal)
    }

    static func budgetLineTotal(_ row: PGRow) throws -> BudgetLineTotal {
        BudgetLineTotal(lineID: row.optionalInt(0), cohortID: row.optionalInt(1), accountID: try row.int(2), net: Rupiah(try row.int(3)))
    }

    static func budgetLine(_ row: PGRow) throws -> BudgetLine {
        try BudgetRows.line(id: try row.int(0), year: try row.int(1), source: try row.text(2), code: try row.text(3), name: try row.text(4),
                            purpose: try row.text(5), cohortID: row.optionalInt(6), ceiling: try row.int(7), actor: try row.text(8),
                            recordedAt: try row.text(9))
    }
}
