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

    func enrolmentFacts(cohortIDs: [Int64]) throws -> EnrolmentFacts {
        EnrolmentFacts(groups: try enrolmentGroups(cohortIDs: cohortIDs), people: try equityFacts(cohortIDs: cohortIDs))
    }

    private func equityFacts(cohortIDs: [Int64]) throws -> [Int64: EquityFacts] {
        guard !cohortIDs.isEmpty else { return [:] }
        let list = cohortIDs.map(String.init).joined(separator: ",")
        var facts: [Int64: EquityFacts] = [:]
        for row in try all("""
            SELECT b.id, b.birth_year, b.origin_area FROM case_summary s JOIN beneficiary b ON b.id = s.beneficiary_id
            WHERE s.cohort_id IN (\(list))
            """) {
            facts[try row.int(0)] = EquityFacts(birthYear: row.optionalInt(1).map(Int.init), originArea: row.optionalText(2))
        }
        return facts
    }

    private func enrolmentGroups(cohortIDs: [Int64]) throws -> [EnrolmentGroup] {
        guard !cohortIDs.isEmpty else { return [] }
        return try all("""
            SELECT e.cohort_id, e.track_id, CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END, b.birth_year, b.origin_area, count(*)
            FROM enrolment e JOIN beneficiary b ON b.id = e.beneficiary_id
            WHERE e.cohort_id IN (\(cohortIDs.map(String.init).joined(separator: ",")))
            GROUP BY 1, 2, 3, 4, 5
            """).map { row in
            EnrolmentGroup(cohortID: try row.int(0), trackID: try row.int(1), graduated: try row.int(2) != 0,
                           facts: EquityFacts(birthYear: row.optionalInt(3).map(Int.init), originArea: row.optionalText(4)),
                           count: Int(try row.int(5)))
        }
    }

    func enrolmentCountsByCohort() throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try all("SELECT cohort_id, count(*) FROM enrolment GROUP BY cohort_id") { counts[try row.int(0)] = Int(try row.int(1)) }
        return counts
    }

    func visitsPerWorker(in months: ClosedRange<YearMonth>) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for row in try all("""
            SELECT worker_id, sum(visits)::bigint FROM worker_visit_month WHERE month BETWEEN $1 AND $2 GROUP BY worker_id
            """, [.text(months.lowerBound.description), .text(months.upperBound.description)]) {
            counts[try row.int(0)] = Int(try row.int(1))
        }
        return counts
    }

    func needTimes(openedFrom start: LocalDate, through end: LocalDate) throws -> [NeedTimes] {
        // The kept counts per pair of days (PerformanceSQL.needDays).
        try all("SELECT opened_on, closed_on, needs FROM need_day WHERE opened_on BETWEEN $1 AND $2 AND needs > 0",
                [.date(start), .date(end)]).map { row in
            let closed = try row.text("closed_on")
            return NeedTimes(openedOn: try row.date("opened_on"), closedOn: closed.isEmpty ? nil : try LocalDate.parse(closed),
                             count: Int(try row.int("needs")))
        }
    }
}
