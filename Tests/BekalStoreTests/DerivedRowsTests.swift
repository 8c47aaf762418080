import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// `case_summary` and the running balances are kept in memory and by short cuts on the bulk
/// path; these check that they end up where a full recomputation would put them.
@Suite struct DerivedRowsTests {
    let f: Fixture
    init() throws { f = try Fixture() }

    func d(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

    func grant(_ who: String, _ ref: String, _ date: String, cohort: String? = nil, usaha: String? = nil,
               in tx: any StoreTransaction) throws {
        _ = try Operations.disburseGrant(GrantRequest(beneficiary: who, documentRef: ref, valueDate: try d(date), cohort: cohort, usaha: usaha),
                                         context: Fixture.context, in: tx)
    }

    func summaries() throws -> [Row] {
        try f.store.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM case_summary ORDER BY beneficiary_id") }
    }

    @Test func theSummaryKeptPerGrantIsWhatAFullRecomputationGives() throws {
        try f.receive(50_000_000, date: try d("2026-09-01"))
        // One grant per person: the second ones below are paid under an admin's exception.
        _ = try f.ops.recordGrantException(beneficiary: "B-00009", cohort: "2025", reason: "lulus dua angkatan, disetujui Kasi", context: Fixture.context)
        try f.store.write { tx in
            try grant("B-00001", "KW-1", "2026-10-01", in: tx)
            // Her usaha's capital entry is inserted after the grant's: the grant's date is looked up.
            try grant("B-00002", "KW-2", "2026-10-02", usaha: "U-0002", in: tx)
            // A later grant, then an earlier one in her other cohort: the later one stays hers.
            try grant("B-00009", "KW-9a", "2026-10-05", cohort: "2026", in: tx)
            try grant("B-00009", "KW-9b", "2026-09-01", cohort: "2025", in: tx)
            // Her enrolments are read (and kept), then she enrols again, then is paid in the new cohort.
            try grant("B-00004", "KW-4a", "2026-10-04", in: tx)
            _ = try Operations.enrol(EnrolmentRequest(beneficiary: "B-00004", cohort: "2025", track: "tata-boga", status: .completed), in: tx)
            _ = try tx.insertGrantException(beneficiaryID: 4, cohortID: 1, reason: "ikut angkatan berikutnya, disetujui Kasi",
                                            actor: "admin", recordedAt: Fixture.context.recordedAt)
            try grant("B-00004", "KW-4b", "2026-10-20", cohort: "2025", in: tx)
        }
        // A grant reversed in one transaction and paid again in the next.
        try f.store.write { tx in try grant("B-00003", "KW-3a", "2026-10-03", in: tx) }
        let first = try #require(try f.store.read { tx in try tx.entry(idempotencyKey: "grant:KW-3a") })
        _ = try f.ops.reverse(entryID: first.id, reason: "salah nomor kuitansi", date: try d("2026-10-06"), context: Fixture.context)
        try f.store.write { tx in try grant("B-00003", "KW-3b", "2026-10-07", in: tx) }

        let kept = try summaries()
        let tracks = try f.store.writer.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, code FROM track").map { ($0[0] as Int64, $0[1] as String) })
        }
        let b4 = try #require(kept.first { $0["beneficiary_id"] == 4 as Int64 })
        #expect(b4["grant_date"] == "2026-10-20")
        #expect(tracks[b4["track_id"]] == "tata-boga")
        let b9 = try #require(kept.first { $0["beneficiary_id"] == 9 as Int64 })
        #expect(b9["grant_date"] == "2026-10-05")

        try f.store.write { tx in
            let sqlite = try #require(tx as? SQLiteTransaction)
            for row in kept { try sqlite.refreshCase(beneficiaryID: row["beneficiary_id"]) }
        }
        #expect(try summaries() == kept)
        // And both are what the core's rule says, to the grant and the track.
        try f.store.read { tx in
            for row in kept {
                let rule = CaseRule.derive(try CaseRule.Facts.read(beneficiaryID: row["beneficiary_id"], in: tx))
                #expect(row["grant_id"] == rule.grantID && row["track_id"] == rule.trackID && row["cohort_id"] == rule.cohortID,
                        "beneficiary #\(row["beneficiary_id"] as Int64)")
            }
        }
    }

    @Test func aTransactionReadsTheRunningTotalsItHasMoved() throws {
        try f.receive(10_000_000, date: try d("2026-10-01"))
        let (inside, cash) = try f.store.write { tx in
            try grant("B-00001", "KW-1", "2026-10-01", in: tx)
            try grant("B-00002", "KW-2", "2026-10-02", in: tx)
            let office = try #require(try tx.book(code: Book.officeCode))
            let account = try #require(try tx.account(bookID: office.id, role: .cash))
            return (try TrialBalance.build(from: tx), try tx.totals(accountID: account.id))
        }
        #expect(cash == AccountTotals(debit: Rupiah(10_000_000), credit: Rupiah(3_000_000)))
        #expect(try f.store.read { tx in try TrialBalance.build(from: tx) } == inside)
        #expect(try f.balance(.cash) == Rupiah(7_000_000))
    }
}
