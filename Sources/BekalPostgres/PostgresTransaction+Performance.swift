import BekalCore

/// The year's targets and the month closings: `SQLiteTransaction+Performance.swift` in PostgreSQL's words.
extension PostgresTransaction: PerformancePort {
    func targets(year: Int) throws -> [ProgrammeTarget] {
        try all("SELECT \(TargetRows.columns) FROM programme_target WHERE year = $1 ORDER BY id", [.int(Int64(year))]).map { row in
            try TargetRows.target(id: try row.int(0), year: try row.int(1), cohortID: row.optionalInt(2), indicator: try row.text(3),
                                  value: try row.int(4), actor: try row.text(5), recordedAt: try row.text(6))
        }
    }

    func insertTarget(year: Int, cohortID: Int64?, indicator: PerformanceIndicator, value: Int64, actor: String,
                      recordedAt: String) throws -> ProgrammeTarget {
        let id = try insertReturningID("""
            INSERT INTO programme_target (year, cohort_id, indicator, value, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [.int(Int64(year)), PGValue(cohortID), .text(indicator.rawValue), .int(value), .text(actor), .text(recordedAt)])
        return ProgrammeTarget(id: id, year: year, cohortID: cohortID, indicator: indicator, value: value, actor: actor, recordedAt: recordedAt)
    }

    func periodClosings(bookID: Int64) throws -> [(month: YearMonth, closedAt: String)] {
        try all("SELECT month, closed_at FROM period_closing WHERE book_id = $1 ORDER BY month", [.int(bookID)]).map { row in
            (try YearMonth.parse(try row.text(0)), try row.text(1))
        }
    }
}
