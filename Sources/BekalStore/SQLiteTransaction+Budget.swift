import BekalCore
import GRDB

/// The year's budget lines and the exceptions to their ceilings: append-only rows.
extension SQLiteTransaction: BudgetPort {
    func budgetLines(year: Int?) throws -> [BudgetLine] {
        let rows = if let year {
            try all("""
                SELECT id, year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at FROM budget_line
                WHERE year = ? ORDER BY year, source, code, cohort_id, id
                """, [year])
        } else {
            try all("""
                SELECT id, year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at FROM budget_line
                ORDER BY year, source, code, cohort_id, id
                """)
        }
        return try rows.map(Self.budgetLine)
    }

    func budgetLine(id: Int64) throws -> BudgetLine? {
        try one("SELECT id, year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at FROM budget_line WHERE id = ?", [id])
            .map(Self.budgetLine)
    }

    func insertBudgetLine(year: Int, source: FundingSource, code: String, name: String, purpose: BudgetPurpose, cohortID: Int64?,
                          ceiling: Rupiah, actor: String, recordedAt: String) throws -> BudgetLine {
        try run("""
            INSERT INTO budget_line (year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [year, source.rawValue, code, name, purpose.rawValue, cohortID, ceiling.amount, actor, recordedAt])
        return BudgetLine(id: db.lastInsertedRowID, year: year, source: source, code: code, name: name, purpose: purpose,
                          cohortID: cohortID, ceiling: ceiling, actor: actor, recordedAt: recordedAt)
    }

    func budgetExceptions(lineID: Int64?) throws -> [BudgetException] {
        let rows = if let lineID {
            try all("SELECT id, line_id, amount, reason, actor, recorded_at FROM budget_exception WHERE line_id = ? ORDER BY id", [lineID])
        } else {
            try all("SELECT id, line_id, amount, reason, actor, recorded_at FROM budget_exception ORDER BY id")
        }
        return rows.map { BudgetRows.exception(id: $0[0], lineID: $0[1], amount: $0[2], reason: $0[3], actor: $0[4], recordedAt: $0[5]) }
    }

    func insertBudgetException(lineID: Int64, amount: Rupiah, reason: String, actor: String, recordedAt: String) throws -> BudgetException {
        try run("INSERT INTO budget_exception (line_id, amount, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?)",
                [lineID, amount.amount, reason, actor, recordedAt])
        return BudgetException(id: db.lastInsertedRowID, lineID: lineID, amount: amount, reason: reason, actor: actor, recordedAt: recordedAt)
    }

    func budgetLineTotals(bookID: Int64, lineID: Int64) throws -> [BudgetLineTotal] {
        try all("""
            SELECT p.budget_line_id, p.cohort_id, p.account_id, sum(p.amount)
            FROM posting p JOIN account a ON a.id = p.account_id
            WHERE p.budget_line_id = ? AND a.book_id = ?
            GROUP BY p.cohort_id, p.account_id
            """, [lineID, bookID]).map(Self.budgetLineTotal)
    }

    func budgetLineTotals(bookID: Int64, year: Int) throws -> [BudgetLineTotal] {
        // The year's lines through the partial index; the year's unlined postings by their budget year.
        try all("""
            SELECT p.budget_line_id, p.cohort_id, p.account_id, sum(p.amount)
            FROM budget_line l JOIN posting p ON p.budget_line_id = l.id JOIN account a ON a.id = p.account_id
            WHERE l.year = ? AND a.book_id = ?
            GROUP BY p.budget_line_id, p.cohort_id, p.account_id
            UNION ALL
            SELECT NULL, p.cohort_id, p.account_id, sum(p.amount)
            FROM posting p JOIN account a ON a.id = p.account_id
            WHERE p.budget_line_id IS NULL AND p.budget_year = ? AND a.book_id = ?
            GROUP BY p.cohort_id, p.account_id
            """, [year, bookID, year, bookID]).map(Self.budgetLineTotal)
    }

    static func budgetLineTotal(_ row: Row) -> BudgetLineTotal {
        BudgetLineTotal(lineID: row[0], cohortID: row[1], accountID: row[2], net: Rupiah(row[3] as Int64))
    }

    static func budgetLine(_ row: Row) throws -> BudgetLine {
        try BudgetRows.line(id: row[0], year: row[1], source: row[2], code: row[3], name: row[4], purpose: row[5], cohortID: row[6],
                            ceiling: row[7], actor: row[8], recordedAt: row[9])
    }
}
