import BekalCore
import BekalPostgres
import BekalStore
import BekalTestSupport
import Foundation
import Testing

/// A store the contract of ``BekalStore`` is checked against. The tests below use the ports
/// and the core's operations only, never SQL, so a second store passes them by adding itself
/// here.
struct StoreUnderTest: CustomTestStringConvertible, Sendable {
    let name: String
    /// A new, empty store.
    let make: @Sendable () throws -> any BekalStore
    /// Another connection to the same database as `store` (another process, as far as the
    /// store can tell), when the store has such a thing.
    let reopen: (@Sendable (any BekalStore) throws -> any BekalStore)?

    var testDescription: String { name }

    static let all: [StoreUnderTest] = [
        StoreUnderTest(name: "SQLite in memory", make: { try SQLiteStore() }, reopen: nil),
        StoreUnderTest(name: "SQLite file", make: { try SQLiteStore(path: ContractFiles.newPath()) }, reopen: { store in
            try SQLiteStore(path: (store as! SQLiteStore).path!)
        }),
        // A database of its own on the tests' PostgreSQL server; another store on the same
        // database is another server process sharing it.
        StoreUnderTest(name: "PostgreSQL", make: { try PostgresStore(try PostgresTemplate.newDatabase()) }, reopen: { store in
            try PostgresStore((store as! PostgresStore).connectionTarget)
        }),
    ]
}

/// New databases on the tests' PostgreSQL server with Bekal's schema already in them: copied
/// from a template made once, which is quicker than creating the schema each time.
enum PostgresTemplate {
    static let name: Result<String, TestSupport.Missing> = Result {
        let server = try ScratchPostgres.shared.get()
        let name = try server.newDatabaseName()
        // The store's connections close when it goes, so the template is left unused.
        _ = try PostgresStore(server.url(database: name))
        return name
    }.mapError { TestSupport.Missing(description: "\($0)") }

    static func newDatabase() throws -> String {
        try ScratchPostgres.shared.get().newDatabase(template: try name.get())
    }
}

enum ContractFiles {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-contract-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func newPath() -> String { folder.appendingPathComponent("\(UUID().uuidString).sqlite").path }
}

/// An error of the test's own, to see that `write` hands back what its body threw.
private struct Interrupted: Error, Equatable {}

/// A small programme on the store under test: an office with Rp10.000.000 in cash and three
/// graduates (B-00001 … B-00003) of cohort 2026.
struct Programme {
    static let context = OperationContext(actor: "bendahara", now: Date(timeIntervalSince1970: 1_795_582_800)) // 2026-11-25
    let store: any BekalStore
    var ops: Operations { Operations(store: store) }

    init(_ underTest: StoreUnderTest, cash: Int64 = 10_000_000) throws {
        store = try underTest.make()
        let ops = Operations(store: store)
        try ops.initialise(officeName: "Dinas Sosial Kota Kontrak")
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addCohort(CohortDraft(code: "2026", budget: Rupiah(100_000_000), budgetYear: 2026))
        for i in 1...3 {
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta \(i)"), enrolIn: ("2026", "tata-boga", .completed))
        }
        if cash > 0 { _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(cash), documentRef: "SP2D-1"), context: Self.context) }
    }

    static func grant(_ who: String, ref: String) -> GrantRequest { GrantRequest(beneficiary: who, documentRef: ref) }

    /// What a refusal or a rollback must leave as it was.
    struct State: Equatable {
        var head: Int64?
        var cash: Rupiah
        var grants: Int
        var beneficiaries: Int
    }

    func state() throws -> State {
        try store.read { tx in try Self.state(tx) }
    }

    static func state(_ tx: any StoreTransaction) throws -> State {
        var grants = 0, beneficiaries = 0
        var id: Int64 = 1
        while let person = try tx.beneficiary(id: id) {
            beneficiaries += 1
            grants += try tx.grants(beneficiaryID: person.id).count
            id += 1
        }
        return State(head: try tx.chainHead()?.id, cash: try cash(tx), grants: grants, beneficiaries: beneficiaries)
    }

    static func cash(_ tx: any StoreTransaction) throws -> Rupiah {
        let book = try #require(try tx.book(code: Book.officeCode))
        return try tx.balance(accountID: try #require(try tx.account(bookID: book.id, role: .cash)).id)
    }

    func verify() throws -> VerificationReport {
        try store.read { tx in try Verification.run(on: tx) }
    }
}

@Suite("The store contract")
struct StoreContractTests {
    @Test("a write whose body throws keeps nothing, and the caller gets the body's error", arguments: StoreUnderTest.all)
    func aThrowingWriteKeepsNothing(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let before = try programme.state()
        #expect(throws: Interrupted()) {
            try programme.store.write { tx in
                _ = try Operations.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Programme.context, in: tx)
                _ = try Operations.addBeneficiary(BeneficiaryDraft(name: "Peserta Baru"), in: tx)
                throw Interrupted()
            }
        }
        #expect(try programme.state() == before)
        // Nothing half-kept either: the same grant can be paid now, under the next number.
        let paid = try programme.ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Programme.context)
        #expect(!paid.replayed)
        #expect(paid.entry.id == (before.head ?? 0) + 1)
    }

    @Test("an operation the core refuses leaves nothing behind", arguments: StoreUnderTest.all)
    func aRefusedOperationLeavesNothing(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 2_000_000)
        _ = try programme.ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Programme.context)
        let before = try programme.state()
        #expect(before.cash == Rupiah(500_000))
        #expect {
            try programme.ops.disburseGrant(Programme.grant("B-00002", ref: "KW-2"), context: Programme.context)
        } throws: { error in
            if case LedgerRejection.wouldGoNegative = error { true } else { false }
        }
        #expect(try programme.state() == before)
    }

    @Test("inside a write, every read sees what the same write wrote", arguments: StoreUnderTest.all)
    func ownWritesAreVisible(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        try programme.store.write { tx in
            #expect(try Programme.cash(tx) == .zero)
            let receipt = try Operations.receiveBudget(BudgetReceipt(amount: Rupiah(5_000_000), documentRef: "SP2D-9"),
                                                       context: Programme.context, in: tx).entry
            #expect(try Programme.cash(tx) == Rupiah(5_000_000))
            #expect(try tx.chainHead()?.id == receipt.id)
            #expect(try tx.chainHead()?.hash == receipt.hash)
            #expect(try tx.entry(idempotencyKey: receipt.idempotencyKey) == receipt)
            #expect(try tx.latestValueDate(bookID: receipt.bookID) == receipt.valueDate)

            let grant = try Operations.disburseGrant(Programme.grant("B-00002", ref: "KW-9"), context: Programme.context, in: tx)
            #expect(grant.entry.id == receipt.id + 1)
            #expect(try Programme.cash(tx) == Rupiah(3_500_000))
            let person = try Resolve.beneficiary("B-00002", in: tx)
            #expect(try tx.grants(beneficiaryID: person.id).map(\.entryID) == [grant.entry.id])
            // Paying her twice under the same kuitansi, in the same write, pays once.
            let again = try Operations.disburseGrant(Programme.grant("B-00002", ref: "KW-9"), context: Programme.context, in: tx)
            #expect(again.replayed && again.entry == grant.entry)

            let added = try Operations.addBeneficiary(BeneficiaryDraft(name: "Peserta Empat"), in: tx)
            #expect(try tx.beneficiary(id: added.id) == added)
        }
        #expect(try programme.verify().isValid)
    }

    @Test("the store refuses an entry under a used id or a used idempotency key, whoever bypassed the core",
          arguments: StoreUnderTest.all)
    func usedIDsAndKeysAreRefused(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let paid = try programme.ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Programme.context).entry
        let before = try programme.state()
        func copy(of e: JournalEntry, id: Int64, key: String) -> JournalEntry {
            JournalEntry(id: id, bookID: e.bookID, kind: e.kind, valueDate: e.valueDate, recordedAt: e.recordedAt, actor: e.actor,
                         memo: e.memo, documentRef: e.documentRef, idempotencyKey: key, reversesEntryID: nil, linkedEntryID: nil,
                         postings: e.postings, previousHash: e.hash, hash: String(repeating: "0", count: 64))
        }
        #expect(throws: (any Error).self) {
            try programme.store.write { tx in try tx.insert(copy(of: paid, id: paid.id + 1, key: paid.idempotencyKey)) }
        }
        #expect(throws: (any Error).self) {
            try programme.store.write { tx in try tx.insert(copy(of: paid, id: paid.id, key: "grant:KW-other")) }
        }
        #expect(try programme.state() == before)
    }

    @Test("a savepoint that throws undoes its own part only, and the write goes on", arguments: StoreUnderTest.all)
    func aSavepointUndoesItsPartOnly(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let before = try programme.state()
        let entry = try programme.store.write { tx in
            // Refused by the core, by the store (a used key: the statement itself fails, which
            // ends a PostgreSQL transaction unless it ran in a savepoint), and by the caller.
            #expect(throws: Interrupted()) {
                try tx.savepoint {
                    _ = try Operations.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Programme.context, in: tx)
                    throw Interrupted()
                }
            }
            #expect(throws: (any Error).self) {
                try tx.savepoint {
                    let first = try Operations.disburseGrant(Programme.grant("B-00002", ref: "KW-2"), context: Programme.context, in: tx).entry
                    let head = try #require(try tx.chainHead())
                    try tx.insert(JournalEntry(id: head.id + 1, bookID: first.bookID, kind: first.kind, valueDate: first.valueDate,
                                               recordedAt: first.recordedAt, actor: first.actor, memo: first.memo, documentRef: nil,
                                               idempotencyKey: first.idempotencyKey, reversesEntryID: nil, linkedEntryID: nil,
                                               postings: first.postings, previousHash: head.hash, hash: String(repeating: "1", count: 64)))
                }
            }
            #expect(throws: (any Error).self) {
                try tx.savepoint { try Operations.disburseGrant(Programme.grant("B-00404", ref: "KW-3"), context: Programme.context, in: tx) }
            }
            // Everything reads as before the savepoints: no cache kept what was undone.
            #expect(try Programme.state(tx) == before)
            let kept = try tx.savepoint {
                try Operations.disburseGrant(Programme.grant("B-00003", ref: "KW-4"), context: Programme.context, in: tx).entry
            }
            #expect(kept.id == (before.head ?? 0) + 1)
            #expect(try Programme.cash(tx) == Rupiah(before.cash.amount - 1_500_000))
            return kept
        }
        let after = try programme.state()
        #expect(after.head == entry.id)
        #expect(after.grants == before.grants + 1)
        #expect(after.cash == Rupiah(before.cash.amount - 1_500_000))
        #expect(try programme.verify().isValid)
    }

    @Test("writers take turns: entries from many threads are numbered without gaps and chain", arguments: StoreUnderTest.all)
    func writersAreSerialized(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest, cash: 0)
        let start = try programme.state().head ?? 0
        let threads = 4, perThread = 25
        // Each thread writes through its own connection when the store has more than one.
        let stores = try (0..<threads).map { i in try i > 0 ? underTest.reopen?(programme.store) ?? programme.store : programme.store }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let ops = Operations(store: stores[t])
            for i in 0..<perThread {
                do {
                    _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(Int64(1_000 + t)), documentRef: "SP2D-\(t)-\(i)"),
                                              context: Programme.context)
                } catch { failures.add("thread \(t), receipt \(i): \(error)") }
            }
        }
        #expect(failures.all.isEmpty)
        let state = try programme.state()
        #expect(state.head == start + Int64(threads * perThread))
        #expect(state.cash == Rupiah(Int64(perThread * (0..<threads).map { 1_000 + $0 }.reduce(0, +))))
        let ids = try programme.store.read { tx in try (start + 1...start + Int64(threads * perThread)).map { try tx.entry(id: $0)?.id } }
        #expect(ids == (start + 1...start + Int64(threads * perThread)).map { $0 })
        #expect(try programme.verify().isValid)
    }

    @Test("a read cannot write", arguments: StoreUnderTest.all)
    func aReadCannotWrite(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        #expect(throws: (any Error).self) {
            try programme.store.read { tx in _ = try tx.insertTrack(code: "jahit", name: "Jahit") }
        }
        #expect(try programme.store.read { tx in try tx.track(code: "jahit") } == nil)
    }

    @Test("rows the store numbers get ids above every id the table held", arguments: StoreUnderTest.all)
    func storeIDsIncrease(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let first = try programme.ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Empat"))
        let second = try programme.ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Lima"))
        #expect(first.id == 4)
        #expect(second.id > first.id)
    }

    @Test("a row written is handed back under the id it was stored with", arguments: StoreUnderTest.all)
    func aWrittenRowComesBackUnderItsOwnID(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        // A member of a kelompok is enrolled in its cohort.
        _ = try programme.ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Empat"), enrolIn: ("2026", "tata-boga", .completed))
        let fifth = try programme.ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Lima"))
        // Her first enrolment (and, below, a first membership) also write her first case-summary row.
        let enrolment = try programme.ops.enrol(EnrolmentRequest(beneficiary: fifth.code, cohort: "2026", track: "tata-boga", status: .completed))
        let kelompok = try programme.ops.addKelompok(name: "Kue Melati", cohort: "2026", track: nil, members: [],
                                                    joinedOn: try LocalDate.parse("2026-11-01"))
        try programme.ops.join(kelompok: kelompok.code, beneficiary: "B-00004", on: try LocalDate.parse("2026-11-02"))
        try programme.store.read { tx in
            #expect(try tx.enrolments(beneficiaryID: fifth.id).map(\.id) == [enrolment.id])
            let memberships = try tx.memberships(kelompokID: kelompok.id)
            #expect(memberships.map(\.beneficiaryID) == [4])
        }
        let sixth = try programme.ops.addBeneficiary(BeneficiaryDraft(name: "Peserta Enam"))
        let stored = try programme.store.write { tx in
            try tx.insertMembership(kelompokID: kelompok.id, beneficiaryID: sixth.id, joinedOn: try LocalDate.parse("2026-11-03"))
        }
        #expect(try programme.store.read { tx in try tx.memberships(kelompokID: kelompok.id) }.last?.id == stored.id)
    }
}

/// Failures collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}

/// A file an export wrote, for ``Operations/auditedExport(context:_:)``.
private struct WrittenFile: ExportedFiles {
    let path: String
    var audit: ExportAudit { ExportAudit(action: .exportKoperasi, profile: "koperasi-v1", format: "csv", rows: 1, sheets: 1) }
    func discard() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Audited exports")
struct AuditedExportTests {
    @Test func anExportIsRecordedOnceItsFilesAreWritten() throws {
        let programme = try Programme(StoreUnderTest.all[0])
        let path = ContractFiles.newPath() + ".csv"
        let files = try programme.ops.auditedExport(context: Programme.context) { _ in
            try Data("kode\nU-0001\n".utf8).write(to: URL(fileURLWithPath: path))
            return WrittenFile(path: path)
        }
        #expect(FileManager.default.fileExists(atPath: files.path))
        let records = try programme.store.read { tx in try tx.auditRecords(actor: nil, action: "export.koperasi", from: nil, to: nil, limit: 10) }
        #expect(records.map(\.detail) == ["format=csv rows=1 sheets=1"])
    }

    @Test func anExportThatCannotBeRecordedIsNotHandedOut() throws {
        let path = ContractFiles.newPath()
        _ = try Programme(StoreUnderTest(name: "file", make: { try SQLiteStore(path: path) }, reopen: nil))
        let readOnly = try SQLiteStore(path: path, access: .readOnly)
        let file = ContractFiles.newPath() + ".csv"
        #expect(throws: (any Error).self) {
            try Operations(store: readOnly).auditedExport(context: Programme.context) { _ in
                try Data("kode\n".utf8).write(to: URL(fileURLWithPath: file))
                return WrittenFile(path: file)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: file), "the file of an unrecorded export was left behind")
    }

    @Test func aFailedExportLeavesNoRecord() throws {
        let programme = try Programme(StoreUnderTest.all[0])
        #expect(throws: Interrupted()) {
            try programme.ops.auditedExport(context: Programme.context) { _ -> WrittenFile in throw Interrupted() }
        }
        let records = try programme.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 10) }
        #expect(records.filter { $0.action.hasPrefix("export.") }.isEmpty)
    }
}

/// The case summary a store keeps is what ``CaseRule`` gives from the source records, after
/// every kind of write that moves it.
@Suite("The case summary follows the core's rule")
struct CaseSummaryContractTests {
    static func d(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    /// Every beneficiary's summary against the rule, read in one snapshot.
    static func expectAgreement(_ programme: Programme, after step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try programme.store.read { tx in
            var id: Int64 = 1
            while try tx.beneficiary(id: id) != nil {
                let rule = CaseRule.derive(try CaseRule.Facts.read(beneficiaryID: id, in: tx))
                let kept = try tx.caseSummary(beneficiaryID: id)
                #expect(kept?.cohortID == rule.cohortID && kept?.grantDate == rule.grantDate, "grant of #\(id) after \(step)",
                        sourceLocation: sourceLocation)
                #expect(kept?.kelompokID == rule.kelompokID, "kelompok of #\(id) after \(step)", sourceLocation: sourceLocation)
                #expect(kept?.workerID == rule.workerID, "worker of #\(id) after \(step)", sourceLocation: sourceLocation)
                id += 1
            }
            #expect(id > 1)
        }
    }

    @Test(arguments: StoreUnderTest.all)
    func afterEveryKindOfWrite(_ underTest: StoreUnderTest) throws {
        let p = try Programme(underTest, cash: 0)
        let ops = p.ops, context = Programme.context
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(10_000_000), documentRef: "SP2D-1", valueDate: Self.d("2026-09-01")), context: context)
        _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta 4"), enrolIn: ("2026", "tata-boga", .completed))
        _ = try ops.addWorker(code: "W-01", name: "Pendamping Satu")
        _ = try ops.addWorker(code: "W-02", name: "Pendamping Dua")
        let a = try ops.addKelompok(name: "Kelompok A", cohort: "2026", track: nil, members: ["B-00001", "B-00002"], joinedOn: Self.d("2026-09-01"))
        try Self.expectAgreement(p, after: "a kelompok")
        _ = try ops.assign(worker: "W-01", beneficiary: nil, kelompok: a.code, from: Self.d("2026-09-01"))
        try Self.expectAgreement(p, after: "a kelompok's assignment")
        _ = try ops.assign(worker: "W-02", beneficiary: "B-00002", kelompok: nil, from: Self.d("2026-10-01"))
        try Self.expectAgreement(p, after: "her own assignment")

        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-1", valueDate: Self.d("2026-10-05")), context: context)
        let second = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW-2", valueDate: Self.d("2026-10-06")), context: context)
        try p.store.write { tx in
            // Paid in bulk, one transaction: the store's short cut on this path.
            _ = try Operations.disburseGrant(GrantRequest(beneficiary: "B-00003", documentRef: "KW-3", valueDate: Self.d("2026-10-07")), context: context, in: tx)
            _ = try Operations.disburseGrant(GrantRequest(beneficiary: "B-00004", documentRef: "KW-4", valueDate: Self.d("2026-10-08")), context: context, in: tx)
        }
        try Self.expectAgreement(p, after: "grants")
        _ = try ops.reverse(entryID: second.entry.id, reason: "salah nomor kuitansi", date: Self.d("2026-10-09"), context: context)
        try Self.expectAgreement(p, after: "a reversed grant")
        _ = try ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW-2b", valueDate: Self.d("2026-10-10")), context: context)
        try Self.expectAgreement(p, after: "a grant paid again")

        try ops.leave(kelompok: a.code, beneficiary: "B-00001", on: Self.d("2026-10-15"))
        try Self.expectAgreement(p, after: "leaving a kelompok")
        let b = try ops.addKelompok(name: "Kelompok B", cohort: "2026", track: nil, members: ["B-00003"], joinedOn: Self.d("2026-10-16"))
        try ops.join(kelompok: b.code, beneficiary: "B-00001", on: Self.d("2026-10-17"))
        _ = try ops.assign(worker: "W-02", beneficiary: nil, kelompok: b.code, from: Self.d("2026-10-17"))
        try Self.expectAgreement(p, after: "joining another kelompok")
        _ = try ops.assign(worker: "W-01", beneficiary: nil, kelompok: b.code, from: Self.d("2026-11-01"))
        _ = try ops.assign(worker: "W-01", beneficiary: "B-00002", kelompok: nil, from: Self.d("2026-11-01"))
        try Self.expectAgreement(p, after: "reassignments")
        _ = try ops.addCohort(CohortDraft(code: "2027", budget: Rupiah(100_000_000), budgetYear: 2027))
        _ = try ops.enrol(EnrolmentRequest(beneficiary: "B-00004", cohort: "2027", track: "tata-boga", status: .enrolled))
        try Self.expectAgreement(p, after: "an enrolment in the next cohort")
    }
}
