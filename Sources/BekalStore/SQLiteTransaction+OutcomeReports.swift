import BekalCore
import Foundation
import GRDB

extension SQLiteTransaction: OutcomeReportSource {
    func forEachOutcomeCase(asOf: LocalDate, cohortIDs: [Int64]?, _ body: (OutcomeCase) throws -> Void) throws {
        // The summary holds the latest outcome; only when it is dated after `asOf` is the
        // history consulted for the one known on that day. Read by position: a report reads
        // every case, with SQLite's own calls (SQLiteTransaction+Raw.swift); the cohorts are
        // bound as a JSON array (NULL: every cohort). A scan of the table, never the worker index
        // (partial, on grant_date IS NOT NULL), through which SQLite's planner would look up
        // every row by its id, several times slower.
        try query("""
            SELECT s.grant_id, s.grant_entry_id, s.beneficiary_id, s.cohort_id, s.track_id, s.kelompok_id, s.grant_date, s.grant_amount,
              CASE WHEN s.outcome_as_of IS NULL OR s.outcome_as_of <= ?1 THEN s.outcome_returned ELSE
                (SELECT o.returned FROM outcome o WHERE o.beneficiary_id = s.beneficiary_id AND o.as_of <= ?1
                 ORDER BY o.as_of DESC, o.id DESC LIMIT 1) END AS returned,
              s.last_contact, s.last_whereabouts, s.business_status, s.business_status_date, s.visit_months
            FROM case_summary s NOT INDEXED WHERE s.grant_date IS NOT NULL AND s.grant_date <= ?1
              AND (?2 IS NULL OR s.cohort_id IN (SELECT value FROM json_each(?2)))
            """, { b in b.text(asOf.description); b.text(cohortIDs.map(Self.jsonArray)) }) { c in
            guard let grantDate = try c.date(6, column: "case_summary.grant_date") else { return }
            try body(OutcomeCase(grantID: c.int(0), entryID: c.int(1), beneficiaryID: c.int(2), cohortID: c.int(3), trackID: c.optionalInt(4),
                                 kelompokID: c.optionalInt(5), grantDate: grantDate, amount: Rupiah(c.int(7)),
                                 latestOutcome: c.optionalText(8).flatMap(ReturnedToSexWork.init(rawValue:)),
                                 lastContact: try c.date(9, column: "case_summary.last_contact"), lastWhereabouts: c.optionalText(10).flatMap(Whereabouts.init(rawValue:)),
                                 businessStatus: c.optionalText(11).flatMap(BusinessStatus.init(rawValue:)), businessStatusOn: try c.date(12, column: "case_summary.business_status_date"),
                                 visitMonths: c.int(13)))
        }
    }

    func grantFollowUp(beneficiaryID: Int64) throws -> GrantFollowUp {
        // Her own visits, and visits of a usaha she owns or whose kelompok she is in.
        let scope = """
            (v.beneficiary_id = ?1 OR v.usaha_id IN (
               SELECT u.id FROM usaha u WHERE u.owner_beneficiary_id = ?1
               OR u.owner_kelompok_id IN (SELECT kelompok_id FROM kelompok_member WHERE beneficiary_id = ?1)))
            """
        let status = try String.fetchOne(db.cachedStatement(sql: """
            SELECT business_status FROM visit v WHERE \(scope) AND business_status IS NOT NULL ORDER BY visit_date DESC, id DESC LIMIT 1
            """), arguments: [beneficiaryID])
        let sales = try one(built: """
            SELECT sales_amount, sales_start, sales_end FROM visit v WHERE \(scope) AND sales_amount IS NOT NULL
            ORDER BY sales_end DESC, id DESC LIMIT 1
            """, [beneficiaryID])
        let use = try String.fetchOne(statement("""
            SELECT grant_use FROM visit v WHERE v.beneficiary_id = ?1 AND grant_use IS NOT NULL ORDER BY visit_date DESC, id DESC LIMIT 1
            """), arguments: [beneficiaryID])
        return GrantFollowUp(
            businessStatus: status.flatMap(BusinessStatus.init(rawValue:)),
            lastSales: sales.map { SalesReport(amount: Rupiah($0["sales_amount"]), periodStart: date($0, "sales_start")!, periodEnd: date($0, "sales_end")!) },
            grantUse: use.flatMap(GrantUse.init(rawValue:)))
    }

    func forEachUsahaVisit(usahaID: Int64?, _ body: (Visit) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement("""
            SELECT * FROM visit WHERE usaha_id IS NOT NULL AND (?1 IS NULL OR usaha_id = ?1) ORDER BY usaha_id, visit_date, id
            """), arguments: [usahaID])
        while let row = try rows.next() { try body(try visit(row)) }
    }

    func usahas() throws -> [Usaha] { try all("SELECT * FROM usaha ORDER BY id").map(Self.usaha) }
    func aftercareCounts() throws -> (visits: Int, outcomes: Int) {
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM visit") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome") ?? 0)
    }

    func enrolmentCounts() throws -> [Enrolment.Status: Int] {
        var counts: [Enrolment.Status: Int] = [:]
        for row in try all("SELECT status, count(*) AS n FROM enrolment GROUP BY status") {
            guard let status = Enrolment.Status(rawValue: row["status"]) else { continue }
            counts[status] = row["n"]
        }
        return counts
    }

    func kelompoks() throws -> [Kelompok] { try all("SELECT * FROM kelompok ORDER BY id").map(Self.kelompok) }

    func visitCountsByWorkerMonth(from: LocalDate?, to: LocalDate?) throws -> [WorkerMonthCount] {
        try all("""
            SELECT worker_id, substr(visit_date, 1, 7) AS month, count(*) AS visits FROM visit
            WHERE (?1 IS NULL OR visit_date >= ?1) AND (?2 IS NULL OR visit_date <= ?2)
            GROUP BY worker_id, month ORDER BY worker_id, month
            """, [from?.description, to?.description]).map {
            WorkerMonthCount(workerID: $0["worker_id"], month: try YearMonth.parse($0["month"]), visits: $0["visits"])
        }
    }
}
