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

    /// One pass over the cohorts' enrolments (along `enrolment_cohort`), each with her birth
    /// year, area of origin and the cohort of her latest grant: counted by group here rather
    /// than by SQL's GROUP BY (a sort of every row), with SQLite's own calls
    /// (SQLiteTransaction+Raw.swift), the cohorts bound as a JSON array. A grant is paid in a
    /// cohort she is enrolled in, so everyone whose latest grant is of the cohorts is among them.
    func enrolmentFacts(cohortIDs: [Int64]) throws -> EnrolmentFacts {
        struct Key: Hashable { let cohortID: Int64, trackID: Int64, graduated: Bool, facts: EquityFacts }
        let wanted = Set(cohortIDs)
        var counts: [Key: Int] = [:], people: [Int64: EquityFacts] = [:]
        try query("""
            SELECT e.cohort_id, e.track_id, e.status = 'completed', b.birth_year, b.origin_area, e.beneficiary_id, s.cohort_id
            FROM enrolment e JOIN beneficiary b ON b.id = e.beneficiary_id LEFT JOIN case_summary s ON s.beneficiary_id = e.beneficiary_id
            WHERE e.cohort_id IN (SELECT value FROM json_each(?1))
            """, { $0.text(Self.jsonArray(cohortIDs)) }) { c in
            let facts = EquityFacts(birthYear: c.optionalInt(3).map(Int.init), originArea: c.optionalText(4))
            counts[Key(cohortID: c.int(0), trackID: c.int(1), graduated: c.int(2) != 0, facts: facts), default: 0] += 1
            if let grantCohort = c.optionalInt(6), wanted.contains(grantCohort) { people[c.int(5)] = facts }
        }
        let groups = counts.map { key, count in
            EnrolmentGroup(cohortID: key.cohortID, trackID: key.trackID, graduated: key.graduated, facts: key.facts, count: count)
        }
        return EnrolmentFacts(groups: groups, people: people)
    }

    func enrolmentCountsByCohort() throws -> [Int64: Int] {
        Dictionary(uniqueKeysWithValues: try all("SELECT cohort_id, count(*) FROM enrolment GROUP BY cohort_id").map { ($0[0], $0[1]) })
    }

    func visitsPerWorker(in months: ClosedRange<YearMonth>) throws -> [Int64: Int] {
        // The kept counts per worker and month (PerformanceSQL.workerVisitMonths).
        var counts: [Int64: Int] = [:]
        try query("SELECT worker_id, sum(visits) FROM worker_visit_month WHERE month BETWEEN ?1 AND ?2 GROUP BY worker_id", { b in
            b.text(months.lowerBound.description); b.text(months.upperBound.description)
        }) { c in counts[c.int(0)] = Int(c.int(1)) }
        return counts
    }

    func needTimes(openedFrom start: LocalDate, through end: LocalDate) throws -> [NeedTimes] {
        // The kept counts per pair of days (PerformanceSQL.needDays).
        var times: [NeedTimes] = []
        try query("SELECT opened_on, closed_on, needs FROM need_day WHERE opened_on BETWEEN ?1 AND ?2 AND needs > 0", { b in
            b.text(start.description); b.text(end.description)
        }) { c in
            guard let opened = try c.date(0, column: "need_day.opened_on") else { return }
            let closed = c.text(1).isEmpty ? nil : try c.date(1, column: "need_day.closed_on")
            times.append(NeedTimes(openedOn: opened, closedOn: closed, count: Int(c.int(2))))
        }
        return times
    }
}
