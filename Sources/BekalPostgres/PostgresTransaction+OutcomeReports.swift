import BekalCore

/// The outcome, business and worker reports' reads on PostgreSQL: the SQL of
/// `SQLiteTransaction+OutcomeReports.swift`.
extension PostgresTransaction: OutcomeReportSource {
    func forEachOutcomeCase(asOf: LocalDate, cohortIDs: [Int64]?, _ body: (OutcomeCase) throws -> Void) throws {
        // The summary holds the latest outcome; only when it is dated after `asOf` is the
        // history consulted for the one known on that day.
        let rows = try all("""
            SELECT s.*, CASE WHEN s.outcome_as_of IS NULL OR s.outcome_as_of <= $1 THEN s.outcome_returned ELSE
                (SELECT o.returned FROM outcome o WHERE o.beneficiary_id = s.beneficiary_id AND o.as_of <= $1
                 ORDER BY o.as_of DESC, o.id DESC LIMIT 1) END AS returned
            FROM case_summary s WHERE s.grant_date IS NOT NULL AND s.grant_date <= $1
            """ + (cohortIDs.map { " AND s.cohort_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? ""), [.date(asOf)])
        for row in rows {
            try body(OutcomeCase(grantID: try row.int("grant_id"), entryID: try row.int("grant_entry_id"),
                                 beneficiaryID: try row.int("beneficiary_id"), cohortID: try row.int("cohort_id"),
                                 trackID: try row.optionalInt("track_id"), kelompokID: try row.optionalInt("kelompok_id"),
                                 grantDate: try row.date("grant_date"), amount: Rupiah(try row.int("grant_amount")),
                                 latestOutcome: try row.optionalText("returned").flatMap(ReturnedToSexWork.init(rawValue:)),
                                 lastContact: try row.optionalDate("last_contact"),
                                 lastWhereabouts: try row.optionalText("last_whereabouts").flatMap(Whereabouts.init(rawValue:)),
                                 businessStatus: try row.optionalText("business_status").flatMap(BusinessStatus.init(rawValue:)),
                                 businessStatusOn: try row.optionalDate("business_status_date"), visitMonths: try row.int("visit_months")))
        }
    }

    func grantFollowUp(beneficiaryID: Int64) throws -> GrantFollowUp {
        // Her own visits, and visits of a usaha she owns or whose kelompok she is in.
        let scope = """
            (v.beneficiary_id = $1 OR v.usaha_id IN (
               SELECT u.id FROM usaha u WHERE u.owner_beneficiary_id = $1
               OR u.owner_kelompok_id IN (SELECT kelompok_id FROM kelompok_member WHERE beneficiary_id = $1)))
            """
        let status = try one("""
            SELECT business_status FROM visit v WHERE \(scope) AND business_status IS NOT NULL ORDER BY visit_date DESC, id DESC LIMIT 1
            """, [.int(beneficiaryID)])?.optionalText("business_status")
        let sales = try one("""
            SELECT sales_amount, sales_start, sales_end FROM visit v WHERE \(scope) AND sales_amount IS NOT NULL
            ORDER BY sales_end DESC, id DESC LIMIT 1
            """, [.int(beneficiaryID)]).map {
            SalesReport(amount: Rupiah(try $0.int("sales_amount")), periodStart: try $0.date("sales_start"),
                        periodEnd: try $0.date("sales_end"))
        }
        let use = try one("""
            SELECT grant_use FROM visit v WHERE v.beneficiary_id = $1 AND grant_use IS NOT NULL ORDER BY visit_date DESC, id DESC LIMIT 1
            """, [.int(beneficiaryID)])?.optionalText("grant_use")
        return GrantFollowUp(businessStatus: status.flatMap(BusinessStatus.init(rawValue:)), lastSales: sales,
                             grantUse: use.flatMap(GrantUse.init(rawValue:)))
    }

    func forEachUsahaVisit(usahaID: Int64?, _ body: (Visit) throws -> Void) throws {
        let rows = try all("""
            SELECT * FROM visit WHERE usaha_id IS NOT NULL AND ($1::bigint IS NULL OR usaha_id = $1) ORDER BY usaha_id, visit_date, id
            """, [PGValue(usahaID)])
        for row in rows { try body(try visit(row)) }
    }

    static func reportedUsaha(_ row: PGRow) throws -> Usaha {
        let owner: Usaha.Owner = try row.optionalInt("owner_beneficiary_id").map { .beneficiary($0) }
            ?? .kelompok(try row.int("owner_kelompok_id"))
        return Usaha(id: try row.int("id"), owner: owner, product: try row.text("product"), brand: try row.optionalText("brand"),
                     location: try row.optionalText("location"), kelurahan: try row.optionalText("kelurahan"))
    }

    static func reportedKelompok(_ row: PGRow) throws -> Kelompok {
        Kelompok(id: try row.int("id"), name: try row.text("name"), cohortID: try row.int("cohort_id"),
                 trackID: try row.optionalInt("track_id"))
    }

    func usahas() throws -> [Usaha] { try all("SELECT * FROM usaha ORDER BY id").map(Self.reportedUsaha) }

    func aftercareCounts() throws -> (visits: Int, outcomes: Int) {
        (Int(try scalar("SELECT count(*) FROM visit") ?? 0), Int(try scalar("SELECT count(*) FROM outcome") ?? 0))
    }

    func enrolmentCounts() throws -> [Enrolment.Status: Int] {
        var counts: [Enrolment.Status: Int] = [:]
        for row in try all("SELECT status, count(*) AS n FROM enrolment GROUP BY status") {
            guard let status = Enrolment.Status(rawValue: try row.text("status")) else { continue }
            counts[status] = Int(try row.int("n"))
        }
        return counts
    }

    func kelompoks() throws -> [Kelompok] { try all("SELECT * FROM kelompok ORDER BY id").map(Self.reportedKelompok) }

    func visitCountsByWorkerMonth(from: LocalDate?, to: LocalDate?) throws -> [WorkerMonthCount] {
        try all("""
            SELECT worker_id, substr(visit_date, 1, 7) AS month, count(*) AS visits FROM visit
            WHERE ($1::text IS NULL OR visit_date >= $1) AND ($2::text IS NULL OR visit_date <= $2)
            GROUP BY worker_id, month ORDER BY worker_id, month
            """, [.date(from), .date(to)]).map {
            WorkerMonthCount(workerID: try $0.int("worker_id"), month: try YearMonth.parse(try $0.text("month")),
                             visits: Int(try $0.int("visits")))
        }
    }
}
