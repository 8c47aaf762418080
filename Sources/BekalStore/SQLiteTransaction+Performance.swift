import BekalCore
import GRDB

/// The year's targets (append-only) and the month closings, for the performance report.
extension SQLiteTransaction: PerformancePort {
    func targets(year: Int) throws -> [ProgrammeTarget] {
        try all("SELECT id, year, cohort_id, indicator, value, actor, recorded_at FROM programme_target WHERE year = ? ORDER BY id", [year])
            .map { row in
                try TargetRows.target(id: row[0], year: row[1], cohortID: row[2], indicator: row[3], value: row[4], actor: row[5], recordedAt: row[6])
            }
    }

    func insertTarget(year: Int, cohortID: Int64?, indicator: PerformanceIndicator, value: Int64, actor: String,
                      recordedAt: String) throws -> ProgrammeTarget {
        try run("INSERT INTO programme_target (year, cohort_id, indicator, value, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [year, cohortID, indicator.rawValue, value, actor, recordedAt])
        return ProgrammeTarget(id: db.lastInsertedRowID, year: year, cohortID: cohortID, indicator: indicator, value: value, actor: actor,
                               recordedAt: recordedAt)
    }

    func periodClosings(bookID: Int64) throws -> [(month: YearMonth, closedAt: String)] {
        try all("SELECT month, closed_at FROM period_closing WHERE book_id = ? ORDER BY month", [bookID]).map { row in
            (try YearMonth.parse(row[0]), row[1])
        }
    }
}
