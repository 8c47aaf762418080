import BekalCore
@testable import BekalPostgres
@testable import BekalStore
import BekalTestSupport
import Foundation
import Testing

/// Aftercare, the caseload and the outcome reports' reads on PostgreSQL, on a real server
/// (``ScratchPostgres``). Rows other groups write are seeded by SQL.
@Suite("PostgreSQL store: aftercare, caseload and outcome reports")
struct PostgresAftercarePortTests {
    let store: PostgresStore

    /// Rows of the other groups, in SQL both stores run as it is: a cohort of three, Siti and Ani
    /// paid, Ani in the kelompok Melati, a usaha of each.
    static let seed = [
        "INSERT INTO book (code, name, kind) VALUES ('KANTOR', 'Dinas Sosial', 'office')",
        "INSERT INTO track (code, name) VALUES ('tata-boga', 'Tata Boga')",
        "INSERT INTO cohort (code, name) VALUES ('A-2026', 'Angkatan 2026')",
        "INSERT INTO beneficiary (name) VALUES ('Siti'), ('Ani'), ('Rina')",
        "INSERT INTO enrolment (beneficiary_id, cohort_id, track_id, status) VALUES (1, 1, 1, 'completed'), (2, 1, 1, 'completed'), (3, 1, 1, 'enrolled')",
        "INSERT INTO kelompok (name, cohort_id, track_id) VALUES ('Melati', 1, 1)",
        "INSERT INTO kelompok_member (kelompok_id, beneficiary_id, joined_on) VALUES (1, 2, '2026-01-10')",
        "INSERT INTO usaha (owner_beneficiary_id, product) VALUES (1, 'Kue')",
        "INSERT INTO usaha (owner_kelompok_id, product, brand) VALUES (1, 'Jahit', 'Melati Jaya')",
        "INSERT INTO equipment_item (code, name, unit) VALUES ('OVEN', 'Oven', 'unit'), ('MIXER', 'Mixer', 'unit')",
        """
        INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, document_ref, idempotency_key, previous_hash, hash)
        VALUES (1, 1, 'grant', '2026-02-01', '2026-02-01T08:00:00Z', 'bendahara', 'Bantuan', 'BKU-1', 'grant:1', '', '\(String(repeating: "a", count: 63))1'),
               (2, 1, 'grant', '2026-02-03', '2026-02-03T08:00:00Z', 'bendahara', 'Bantuan', NULL, 'grant:2', '', '\(String(repeating: "a", count: 63))2')
        """,
        "INSERT INTO grant_payment (beneficiary_id, cohort_id, entry_id, amount) VALUES (1, 1, 1, 1500000), (2, 1, 2, 1500000)",
    ]

    init() throws {
        store = try PostgresStore(try ScratchPostgres.shared.get().newDatabase())
        try store.withWriteTransaction { db in
            for sql in Self.seed { try db.execute(sql) }
            for person: Int64 in [1, 2] { try PostgresTransaction(db: db).noteGrant(beneficiaryID: person) }
        }
    }

    func write<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try store.withWriteTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    func read<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try store.withReadTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    func day(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

    func visit(_ key: String, on date: String, worker: Int64, beneficiary: Int64? = nil, kelompok: Int64? = nil, usaha: Int64? = nil,
               whereabouts: Whereabouts? = nil, status: BusinessStatus? = nil, sales: SalesReport? = nil,
               support: [SupportKind] = [], equipment: [EquipmentConditionReport] = [], use: GrantUse? = nil) throws -> Visit {
        Visit(id: 0, date: try day(date), workerID: worker, beneficiaryID: beneficiary, kelompokID: kelompok, usahaID: usaha,
              contactMode: .homeVisit, whereabouts: whereabouts, businessStatus: status, sales: sales, salesEntryID: nil,
              support: support, equipment: equipment, grantUse: use, needs: nil, notes: "catatan", nextVisitDue: nil,
              naturalKey: key, recordedAt: "\(date)T09:00:00Z", actor: "pendamping")
    }

    @Test func workersAndAssignmentsDecideTheCaseload() throws {
        let (lina, budi) = try write { tx throws in
            (try tx.insertWorker(code: "b-lina", name: "Lina"), try tx.insertWorker(code: "B-budi", name: "Budi"))
        }
        try write { tx throws in
            #expect(try tx.workers().map(\.code) == ["B-budi", "b-lina"])
            #expect(try tx.worker(code: "b-lina") == lina)
            #expect(try tx.worker(id: budi.id) == budi)
            #expect(try tx.worker(code: "nobody") == nil)

            let own = try tx.insertAssignment(workerID: lina.id, subject: .beneficiary(1), fromDate: try day("2026-03-01"))
            let group = try tx.insertAssignment(workerID: budi.id, subject: .kelompok(1), fromDate: try day("2026-03-01"))
            #expect(try tx.currentAssignment(.beneficiary(1)) == own)
            #expect(try tx.currentAssignment(.kelompok(1)) == group)
            #expect(try tx.currentAssignment(.beneficiary(2)) == nil)
            #expect(try tx.caseSummary(beneficiaryID: 1)?.workerID == lina.id)
            #expect(try tx.caseSummary(beneficiaryID: 2)?.workerID == budi.id)
            #expect(try tx.caseSummary(beneficiaryID: 2)?.kelompokID == 1)
            #expect(try tx.caseSummary(beneficiaryID: 3) == nil)
            #expect(try tx.caseSummaries(workerID: lina.id).map(\.beneficiaryID) == [1])
            #expect(try tx.caseSummaries(workerID: budi.id).map(\.beneficiaryID) == [2])
            #expect(try tx.caseloadKelompokIDs(workerID: budi.id) == [1])
            #expect(try tx.caseloadKelompokIDs(workerID: lina.id) == [])

            // Ani reassigned on her own: in Lina's caseload, not also in Budi's.
            _ = try tx.insertAssignment(workerID: lina.id, subject: .beneficiary(2), fromDate: try day("2026-03-05"))
            #expect(try tx.caseSummaries(workerID: lina.id).map(\.beneficiaryID) == [1, 2])
            #expect(try tx.caseSummaries(workerID: budi.id).isEmpty)

            try tx.endAssignment(id: own.id, toDate: try day("2026-04-01"))
            #expect(try tx.currentAssignment(.beneficiary(1)) == nil)
            #expect(try tx.caseSummary(beneficiaryID: 1)?.workerID == nil)
            try tx.endAssignment(id: group.id, toDate: try day("2026-04-01"))
            #expect(try tx.caseloadKelompokIDs(workerID: budi.id) == [])

            var followed: [FollowUpCase] = []
            try tx.forEachFollowUpCase(workerID: nil) { followed.append($0) }
            #expect(Set(followed.map(\.beneficiaryID)) == [1, 2])
            #expect(followed.first { $0.beneficiaryID == 2 } == FollowUpCase(
                beneficiaryID: 2, cohortID: 1, grantDate: try day("2026-02-03"), lastContact: nil, lastWhereabouts: nil, workerID: lina.id))
            followed = []
            try tx.forEachFollowUpCase(workerID: lina.id) { followed.append($0) }
            #expect(followed.map(\.beneficiaryID) == [2])
        }
        #expect(throws: PGError.self) { try write { tx in try tx.insertWorker(code: "b-lina", name: "Lagi") } }
    }

    @Test func aVisitIsKeptWholeAndMovesTheContactSummary() throws {
        let worker = try write { tx in try tx.insertWorker(code: "lina", name: "Lina") }.id
        let sales = SalesReport(amount: Rupiah(250_000), periodStart: try day("2026-03-01"), periodEnd: try day("2026-03-31"))
        let draft = try visit("v1", on: "2026-04-02", worker: worker, beneficiary: 1, usaha: 1, whereabouts: .here, status: .running,
                              sales: sales, support: [.marketing, .marketLink],
                              equipment: [.init(itemID: 2, condition: .broken), .init(itemID: 1, condition: .working)], use: .businessStock)
        let saved = try write { tx in try tx.insertVisit(draft, contactedBeneficiaryIDs: [1]) }
        #expect(saved.id > 0)
        #expect(saved.sales == sales && saved.support == [.marketing, .marketLink] && saved.grantUse == .businessStock)
        #expect(saved.equipment.map(\.itemID) == [1, 2])
        try read { tx throws in
            #expect(try tx.visit(naturalKey: "v1") == saved)
            #expect(try tx.visit(naturalKey: "v2") == nil)
            let summary = try tx.caseSummary(beneficiaryID: 1)
            #expect(summary?.lastContact == (try day("2026-04-02")) && summary?.lastWhereabouts == .here)
        }
        try write { tx throws in
            // Unreachable later: marks her, keeps the last contact.
            _ = try tx.insertVisit(try visit("v2", on: "2026-05-01", worker: worker, beneficiary: 1, whereabouts: .unreachable),
                                   contactedBeneficiaryIDs: [1])
            var summary = try tx.caseSummary(beneficiaryID: 1)
            #expect(summary?.lastContact == (try day("2026-04-02")) && summary?.lastWhereabouts == .unreachable)
            // An older contact moves nothing.
            _ = try tx.insertVisit(try visit("v3", on: "2026-03-01", worker: worker, beneficiary: 1, whereabouts: .movedWithinCity),
                                   contactedBeneficiaryIDs: [1])
            summary = try tx.caseSummary(beneficiaryID: 1)
            #expect(summary?.lastContact == (try day("2026-04-02")) && summary?.lastWhereabouts == .unreachable)
            // A later contact (an outcome she reported) clears it.
            try tx.noteContact(beneficiaryID: 1, on: try day("2026-05-10"))
            summary = try tx.caseSummary(beneficiaryID: 1)
            #expect(summary?.lastContact == (try day("2026-05-10")) && summary?.lastWhereabouts == nil)
            // An unreachable attempt before her last contact does not mark her.
            _ = try tx.insertVisit(try visit("v4", on: "2026-05-05", worker: worker, beneficiary: 1, whereabouts: .unreachable),
                                   contactedBeneficiaryIDs: [1])
            #expect(try tx.caseSummary(beneficiaryID: 1)?.lastWhereabouts == nil)

            // A kelompok visit reaches Ani without saying where she is; an unreachable one says nothing of her.
            _ = try tx.insertVisit(try visit("k1", on: "2026-04-20", worker: worker, kelompok: 1, whereabouts: .here),
                                   contactedBeneficiaryIDs: [2])
            summary = try tx.caseSummary(beneficiaryID: 2)
            #expect(summary?.lastContact == (try day("2026-04-20")) && summary?.lastWhereabouts == nil)
            _ = try tx.insertVisit(try visit("k2", on: "2026-04-25", worker: worker, kelompok: 1, whereabouts: .unreachable),
                                   contactedBeneficiaryIDs: [2])
            #expect(try tx.caseSummary(beneficiaryID: 2)?.lastContact == (try day("2026-04-20")))
        }
    }

    @Test func theVisitsThatReachedHerAreHersHerKelompoksOnTheDayAndHerUsahas() throws {
        let worker = try write { tx in try tx.insertWorker(code: "lina", name: "Lina") }.id
        try write { tx throws in
            try tx.run("UPDATE kelompok_member SET left_on = '2026-06-01' WHERE id = 1")
            for v in [
                try visit("before", on: "2026-01-05", worker: worker, kelompok: 1),
                try visit("member", on: "2026-02-05", worker: worker, kelompok: 1),
                try visit("usaha", on: "2026-03-05", worker: worker, usaha: 2),
                try visit("same-day-a", on: "2026-04-05", worker: worker, beneficiary: 2),
                try visit("same-day-b", on: "2026-04-05", worker: worker, beneficiary: 2, kelompok: 1),
                try visit("after", on: "2026-06-01", worker: worker, kelompok: 1),
                try visit("siti", on: "2026-04-06", worker: worker, beneficiary: 1),
            ] { _ = try tx.insertVisit(v, contactedBeneficiaryIDs: []) }
        }
        try read { tx throws in
            #expect(try tx.visits(reaching: 2, limit: 10).map(\.naturalKey) == ["same-day-b", "same-day-a", "usaha", "member"])
            #expect(try tx.visits(reaching: 2, limit: 2).map(\.naturalKey) == ["same-day-b", "same-day-a"])
            #expect(try tx.visits(reaching: 3, limit: 10).isEmpty)
            #expect(try tx.memberships(beneficiaryID: 2) == [
                KelompokMembership(id: 1, kelompokID: 1, beneficiaryID: 2, joinedOn: try day("2026-01-10"), leftOn: try day("2026-06-01"))])
            #expect(try tx.memberships(beneficiaryID: 1).isEmpty)
            #expect(try tx.beneficiaryNames(ids: [3, 1, 99]) == [1: "Siti", 3: "Rina"])
            #expect(try tx.beneficiaryNames(ids: []) == [:])
            #expect(try tx.beneficiaryNames(ids: Array(1...2000)).count == 3)
        }
    }

    @Test func outcomesAndTheReportsReadWhatWasKnownOnTheDay() throws {
        let worker = try write { tx in try tx.insertWorker(code: "lina", name: "Lina") }.id
        try write { tx throws in
            let later = try tx.insertOutcome(beneficiaryID: 1, asOf: try day("2026-08-01"), returned: .yes, source: .workerObservation,
                                             recordedBy: "lina", recordedAt: "2026-08-02T10:00:00Z")
            let earlier = try tx.insertOutcome(beneficiaryID: 1, asOf: try day("2026-05-01"), returned: .no, source: .selfReport,
                                               recordedBy: "lina", recordedAt: "2026-08-02T10:05:00Z")
            #expect(try tx.outcomes(beneficiaryID: 1) == [earlier, later])
            #expect(try tx.outcomes(beneficiaryID: 2).isEmpty)
            let sales = { (amount: Int64, start: String, end: String) in
                SalesReport(amount: Rupiah(amount), periodStart: try day(start), periodEnd: try day(end))
            }
            for v in [
                try visit("a", on: "2026-04-10", worker: worker, beneficiary: 1, usaha: 1, status: .running,
                          sales: try sales(100, "2026-03-01", "2026-03-31"), use: .household),
                try visit("b", on: "2026-04-20", worker: worker, usaha: 1, status: .paused, sales: try sales(50, "2026-02-01", "2026-02-28")),
                try visit("c", on: "2026-05-02", worker: worker, usaha: 2, status: .closed),
                try visit("d", on: "2026-05-03", worker: worker, kelompok: 1, use: .debt),
            ] { _ = try tx.insertVisit(v, contactedBeneficiaryIDs: []) }
        }
        try read { tx throws in
            func cases(_ asOf: String) throws -> [Int64: OutcomeCase] {
                var found: [Int64: OutcomeCase] = [:]
                try tx.forEachOutcomeCase(asOf: try day(asOf)) { found[$0.beneficiaryID] = $0 }
                return found
            }
            #expect(try cases("2026-02-02").keys.sorted() == [1])
            #expect(try cases("2026-04-30")[1]?.latestOutcome == nil)
            #expect(try cases("2026-06-30")[1]?.latestOutcome == ReturnedToSexWork.no)
            let now = try cases("2026-09-01")
            #expect(now[1]?.latestOutcome == ReturnedToSexWork.yes)
            #expect(now[1] == OutcomeCase(grantID: 1, entryID: 1, beneficiaryID: 1, cohortID: 1, trackID: 1, kelompokID: nil,
                                          grantDate: try day("2026-02-01"), amount: Rupiah(1_500_000), latestOutcome: .yes,
                                          lastContact: nil, lastWhereabouts: nil))
            #expect(now[2]?.kelompokID == 1 && now[2]?.latestOutcome == nil)

            // Siti's usaha: the latest status by visit date, the latest sales by period.
            #expect(try tx.grantFollowUp(beneficiaryID: 1) == GrantFollowUp(
                businessStatus: .paused, lastSales: SalesReport(amount: Rupiah(100), periodStart: try day("2026-03-01"),
                                                                periodEnd: try day("2026-03-31")), grantUse: .household))
            // Ani's kelompok's usaha; a grant use only from a visit naming her.
            #expect(try tx.grantFollowUp(beneficiaryID: 2) == GrantFollowUp(businessStatus: .closed, lastSales: nil, grantUse: nil))
            #expect(try tx.grantFollowUp(beneficiaryID: 3) == GrantFollowUp(businessStatus: nil, lastSales: nil, grantUse: nil))

            var keys: [String] = []
            try tx.forEachUsahaVisit(usahaID: nil) { keys.append($0.naturalKey) }
            #expect(keys == ["a", "b", "c"])
            keys = []
            try tx.forEachUsahaVisit(usahaID: 2) { keys.append($0.naturalKey) }
            #expect(keys == ["c"])

            #expect(try tx.usahas() == [Usaha(id: 1, owner: .beneficiary(1), product: "Kue"),
                                        Usaha(id: 2, owner: .kelompok(1), product: "Jahit", brand: "Melati Jaya")])
            #expect(try tx.kelompoks() == [Kelompok(id: 1, name: "Melati", cohortID: 1, trackID: 1)])
            #expect(try tx.aftercareCounts() == (visits: 4, outcomes: 2))
            #expect(try tx.enrolmentCounts() == [.completed: 2, .enrolled: 1])
            #expect(try tx.visitCountsByWorkerMonth(from: nil, to: nil) == [
                WorkerMonthCount(workerID: worker, month: try YearMonth.parse("2026-04"), visits: 2),
                WorkerMonthCount(workerID: worker, month: try YearMonth.parse("2026-05"), visits: 2)])
            #expect(try tx.visitCountsByWorkerMonth(from: try day("2026-04-15"), to: try day("2026-05-02")) == [
                WorkerMonthCount(workerID: worker, month: try YearMonth.parse("2026-04"), visits: 1),
                WorkerMonthCount(workerID: worker, month: try YearMonth.parse("2026-05"), visits: 1)])
        }
    }

    @Test func theAuditTrailFiltersTheLogAndTheEntriesNewestFirst() throws {
        try write { tx throws in
            try tx.insertAudit(at: "2026-05-01T08:00:00Z", actor: "admin", action: .reportOutcomes, subject: "all", detail: "")
            try tx.insertAudit(at: "2026-05-02T08:00:00Z", actor: "lina", action: .outcomeHistory, subject: "B-1", detail: "dibaca")
            try tx.insertAudit(at: "2026-05-03T08:00:00Z", actor: "admin", action: .outcomeHistory, subject: "B-2", detail: "")
        }
        try read { tx throws in
            #expect(try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 10).map(\.id) == [3, 2, 1])
            #expect(try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 2).map(\.id) == [3, 2])
            #expect(try tx.auditRecords(actor: "admin", action: nil, from: nil, to: nil, limit: 10).map(\.id) == [3, 1])
            #expect(try tx.auditRecords(actor: nil, action: "outcome.history", from: "2026-05-02", to: "2026-05-03", limit: 10)
                == [AuditRecord(id: 2, at: "2026-05-02T08:00:00Z", actor: "lina", action: "outcome.history", subject: "B-1", detail: "dibaca")])
            #expect(try tx.entryRecords(actor: nil, kind: nil, from: nil, to: nil, limit: 10) == [
                AuditRecord(id: 2, at: "2026-02-03T08:00:00Z", actor: "bendahara", action: "entry.grant", subject: "#2", detail: ""),
                AuditRecord(id: 1, at: "2026-02-01T08:00:00Z", actor: "bendahara", action: "entry.grant", subject: "#1", detail: "BKU-1")])
            #expect(try tx.entryRecords(actor: "bendahara", kind: .grant, from: "2026-02-02", to: nil, limit: 10).map(\.id) == [2])
            #expect(try tx.entryRecords(actor: nil, kind: .reversal, from: nil, to: nil, limit: 10).isEmpty)
        }
    }

    /// The same calls on both stores, from the same rows, give the same answers.
    @Test func bothStoresAnswerTheSameCallsAlike() throws {
        let sqlite = try SQLiteStore()
        for sql in Self.seed { try sqlite.unsafeExecuteForTesting(sql) }
        let fromSQLite = try sqlite.write { tx throws in
            let tx = tx as! SQLiteTransaction
            for person: Int64 in [1, 2] { try tx.refreshCase(beneficiaryID: person) }
            return try exercise(tx)
        }
        let fromPostgres = try write { tx throws in try exercise(tx) }
        #expect(fromSQLite.count == fromPostgres.count && fromPostgres.count > 100)
        for (a, b) in zip(fromSQLite, fromPostgres) { #expect(a == b) }
    }

    /// Writes through every method of the group, with ties and out-of-order dates, and what
    /// each read answers after them, as text.
    func exercise(_ tx: some AftercarePort & AftercareReportSource & CaseloadSource & OutcomeReportSource) throws -> [String] {
        var out: [String] = []
        func note(_ label: String, _ value: Any) { out.append("\(label): \(value)") }
        func summaries() throws {
            for id: Int64 in [1, 2, 3] { note("summary \(id)", String(describing: try tx.caseSummary(beneficiaryID: id))) }
            var follow: [FollowUpCase] = []
            try tx.forEachFollowUpCase(workerID: nil) { follow.append($0) }
            note("follow-up", follow.sorted { $0.beneficiaryID < $1.beneficiaryID })
        }
        let lina = try tx.insertWorker(code: "lina", name: "Lina")
        let budi = try tx.insertWorker(code: "Budi", name: "Budi")
        note("workers", try tx.workers())
        let own = try tx.insertAssignment(workerID: lina.id, subject: .beneficiary(1), fromDate: try day("2026-03-01"))
        let group = try tx.insertAssignment(workerID: budi.id, subject: .kelompok(1), fromDate: try day("2026-03-01"))
        note("own", own); note("group", group)
        try summaries()
        let sales = { (amount: Int64, start: String, end: String) in
            SalesReport(amount: Rupiah(amount), periodStart: try self.day(start), periodEnd: try self.day(end))
        }
        let visits: [(Visit, [Int64])] = [
            (try visit("a", on: "2026-04-10", worker: lina.id, beneficiary: 1, usaha: 1, whereabouts: .here, status: .running,
                       sales: try sales(100, "2026-03-01", "2026-03-31"), support: [.marketing, .branding],
                       equipment: [.init(itemID: 2, condition: .sold), .init(itemID: 1, condition: .working)], use: .household), [1]),
            (try visit("b", on: "2026-04-10", worker: lina.id, usaha: 1, status: .paused, sales: try sales(50, "2026-03-01", "2026-03-31")), []),
            (try visit("c", on: "2026-05-02", worker: budi.id, kelompok: 1, whereabouts: .here), [2]),
            (try visit("d", on: "2026-05-02", worker: budi.id, usaha: 2, status: .closed), [2]),
            (try visit("e", on: "2026-05-20", worker: lina.id, beneficiary: 1, whereabouts: .unreachable), [1]),
            (try visit("f", on: "2026-05-01", worker: lina.id, beneficiary: 1, whereabouts: .movedWithinCity), [1]),
            (try visit("g", on: "2026-05-20", worker: budi.id, beneficiary: 2, whereabouts: .wentHomeToVillage, use: .debt), [2]),
            (try visit("h", on: "2026-05-25", worker: budi.id, beneficiary: 2, whereabouts: .unreachable), [2]),
            (try visit("i", on: "2026-01-05", worker: budi.id, kelompok: 1), []),
        ]
        for (v, reached) in visits {
            note("visit \(v.naturalKey)", try tx.insertVisit(v, contactedBeneficiaryIDs: reached))
            try summaries()
        }
        note("visit by key", String(describing: try tx.visit(naturalKey: "a")))
        try tx.noteContact(beneficiaryID: 1, on: try day("2026-05-20"))
        try tx.noteContact(beneficiaryID: 3, on: try day("2026-05-21"))
        try summaries()
        for (person, asOf, returned, source) in [(Int64(1), "2026-06-01", ReturnedToSexWork.no, OutcomeSource.selfReport),
                                                 (1, "2026-06-01", .yes, .workerObservation), (1, "2026-04-01", .unknown, .communityReport),
                                                 (2, "2026-09-01", .no, .selfReport)] {
            note("outcome", try tx.insertOutcome(beneficiaryID: person, asOf: try day(asOf), returned: returned, source: source,
                                                 recordedBy: "lina", recordedAt: "2026-10-01T08:00:00Z"))
        }
        note("outcomes", try tx.outcomes(beneficiaryID: 1))
        for asOf in ["2026-02-01", "2026-05-01", "2026-06-01", "2026-08-01", "2026-12-31"] {
            var cases: [OutcomeCase] = []
            try tx.forEachOutcomeCase(asOf: try day(asOf)) { cases.append($0) }
            note("cases \(asOf)", cases.sorted { $0.beneficiaryID < $1.beneficiaryID })
        }
        for id: Int64 in [1, 2, 3] {
            note("follow-up \(id)", try tx.grantFollowUp(beneficiaryID: id))
            note("reaching \(id)", try tx.visits(reaching: id, limit: 4).map(\.naturalKey))
            note("memberships \(id)", try tx.memberships(beneficiaryID: id))
        }
        for usaha in [nil, Int64(1), 2, 9] {
            var keys: [String] = []
            try tx.forEachUsahaVisit(usahaID: usaha) { keys.append($0.naturalKey) }
            note("usaha visits \(String(describing: usaha))", keys)
        }
        for worker in [lina.id, budi.id] {
            note("caseload \(worker)", try tx.caseSummaries(workerID: worker))
            note("kelompoks \(worker)", try tx.caseloadKelompokIDs(workerID: worker))
            var follow: [FollowUpCase] = []
            try tx.forEachFollowUpCase(workerID: worker) { follow.append($0) }
            note("follow-up of \(worker)", follow.sorted { $0.beneficiaryID < $1.beneficiaryID })
        }
        try tx.endAssignment(id: group.id, toDate: try day("2026-06-30"))
        try tx.endAssignment(id: own.id, toDate: try day("2026-06-30"))
        note("current", [try tx.currentAssignment(.beneficiary(1)), try tx.currentAssignment(.kelompok(1))].map { String(describing: $0) })
        try summaries()
        note("names", try tx.beneficiaryNames(ids: [3, 2, 7]).sorted { $0.key < $1.key })
        note("usahas", try tx.usahas())
        note("kelompoks", try tx.kelompoks())
        note("counts", try tx.aftercareCounts())
        note("enrolments", try tx.enrolmentCounts().sorted { $0.key.rawValue < $1.key.rawValue })
        note("by month", try tx.visitCountsByWorkerMonth(from: nil, to: nil))
        note("by month, part", try tx.visitCountsByWorkerMonth(from: try day("2026-04-11"), to: try day("2026-05-20")))
        try tx.insertAudit(at: "2026-10-01T08:00:00Z", actor: "admin", action: .reportOutcomes, subject: "all", detail: "")
        try tx.insertAudit(at: "2026-10-02T08:00:00Z", actor: "lina", action: .outcomeHistory, subject: "B-00001", detail: "x")
        note("audit", try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 5))
        note("audit, filtered", try tx.auditRecords(actor: "lina", action: "outcome.history", from: "2026-10-02", to: "2026-10-03", limit: 5))
        note("entries", try tx.entryRecords(actor: nil, kind: nil, from: nil, to: nil, limit: 1))
        note("entries, filtered", try tx.entryRecords(actor: "bendahara", kind: .grant, from: "2026-02-01", to: "2026-02-02", limit: 5))
        return out
    }
}
