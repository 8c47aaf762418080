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

    func equityFacts(cohortIDs: [Int64]) throws -> [Int64: EquityFacts] {
        guard !cohortIDs.isEmpty else { return [:] }
        let list = cohortIDs.map(String.init).joined(separator: ",")
        var facts: [Int64: EquityFacts] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT b.id, b.birth_year, b.origin_area FROM case_summary s JOIN beneficiary b ON b.id = s.beneficiary_id
            WHERE s.cohort_id IN (\(list))
            """)
        while let row = try rows.next() { facts[row[0]] = EquityFacts(birthYear: row[1], originArea: row[2]) }
        return facts
    }

    func enrolmentGroups(cohortIDs: [Int64]) throws -> [EnrolmentGroup] {
        guard !cohortIDs.isEmpty else { return [] }
        return try all(built: """
            SELECT e.cohort_id, e.track_id, e.status = 'completed', b.birth_year, b.origin_area, count(*)
            FROM enrolment e JOIN beneficiary b ON b.id = e.beneficiary_id
            WHERE e.cohort_id IN (\(cohortIDs.map(String.init).joined(separator: ",")))
            GROUP BY 1, 2, 3, 4, 5
            """).map { row in
            EnrolmentGroup(cohortID: row[0], trackID: row[1], graduated: row[2], facts: EquityFacts(birthYear: row[3], originArea: row[4]),
                           count: row[5])
        }
    }

    func enrolmentCountsByCohort() throws -> [Int64: Int] {
        Dictionary(uniqueKeysWithValues: try all("SELECT cohort_id, count(*) FROM enrolment GROUP BY cohort_id").map { ($0[0], $0[1]) })
    }

    func visitsPerWorker(from start: LocalDate, through end: LocalDate) throws -> [Int64: Int] {
        // Counted per worker along the (worker, date) index: no pass over the other years' visits.
        var counts: [Int64: Int] = [:]
        for row in try all("""
            SELECT w.id, (SELECT count(*) FROM visit v WHERE v.worker_id = w.id AND v.visit_date BETWEEN ?1 AND ?2) AS n FROM worker w
            """, [start.description, end.description]) where (row[1] as Int) > 0 {
            counts[row[0]] = row[1]
        }
        return counts
    }

    func needTimes(openedFrom start: LocalDate, through end: LocalDate) throws -> [NeedTimes] {
        try all(built: """
            SELECT n.opened_on, a.closed_on, count(*) FROM \(NeedRows.from) WHERE n.opened_on BETWEEN ? AND ?
            GROUP BY n.opened_on, a.closed_on
            """, [start.description, end.description]).map { row in
            NeedTimes(openedOn: try LocalDate.parse(row[0]), closedOn: try (row[1] as String?).map { try LocalDate.parse($0) }, count: row[2])
        }
    }
}
