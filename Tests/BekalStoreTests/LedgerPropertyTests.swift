import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import PropertyBased
import Testing

/// A request an officer could make, kept so that the whole history can be sent again.
enum Request: CustomStringConvertible {
    case budget(BudgetReceipt)
    case grant(GrantRequest)
    case exception(beneficiary: String, reason: String)
    case buy(EquipmentPurchase)
    case issue(EquipmentIssue)
    case aftercare(AftercareExpense)
    case reverse(entryID: Int64, reason: String, date: LocalDate?)
    case close(YearMonth)
    /// An entry posted straight through the ledger, as a future operation might: accounts by
    /// index in the book's chart, sometimes unbalanced or straying into another book.
    case manual(book: String, key: String, lines: [(account: Int, amount: Int64)], strayBook: String?)

    /// Built from four random numbers, so the property checker can shrink a failing history.
    init(_ k: Int, _ a: Int, _ b: Int, _ c: Int, entryCount: Int) {
        let date = Fixture.today.adding(days: -(c % 120))
        switch k {
        case 0..<15:
            self = .budget(BudgetReceipt(amount: Rupiah(Int64(a + 1) * 1_000_000), documentRef: "SP2D-\(b % 12)", valueDate: date,
                                         intoBank: c % 7 == 0))
        case 15..<45:
            let n = a % 9 + 1
            let who = Beneficiary.code(for: Int64(n))
            let usaha: String? = c % 4 != 0 ? nil : (n == 2 ? "U-0002" : ([1, 3, 5].contains(n) ? "U-0001" : nil))
            self = .grant(GrantRequest(beneficiary: who, documentRef: "KW-\(b % 40)",
                                       amount: c % 5 == 0 ? Rupiah(1_000_000 + Int64(a) * 1_000) : nil,
                                       valueDate: c % 3 == 0 ? nil : Fixture.today.adding(days: -(c % 90)),
                                       cohort: n == 9 ? (c % 2 == 0 ? "2025" : "2026") : nil, usaha: usaha,
                                       amountReason: c % 10 == 0 ? "jumlah khusus uji \(a % 3)" : nil))
        case 45..<50:
            self = .exception(beneficiary: Beneficiary.code(for: Int64(a % 6 + 1)), reason: "pengecualian uji nomor \(b)")
        case 50..<60:
            self = .buy(EquipmentPurchase(lines: [.init(item: a % 2 == 0 ? "oven" : "mesin-jahit", quantity: Int64(b % 5 + 1),
                                                        unitCost: Rupiah(Int64(c + 1) * 10_000 + Int64(b)))],
                                          documentRef: "NOTA-\(a % 10)", valueDate: date))
        case 60..<70:
            self = .issue(EquipmentIssue(kelompok: "K-000\(a % 2 + 1)", lines: [.init(item: b % 2 == 0 ? "oven" : "mesin-jahit", quantity: Int64(c % 3 + 1))],
                                         documentRef: "BAST-\(a % 10)", valueDate: date))
        case 70..<80:
            self = .aftercare(AftercareExpense(amount: Rupiah(Int64(a + 1) * 1_000), documentRef: "AC-\(b % 20)", memo: "Label merek \(b % 20)",
                                               valueDate: date, kelompok: c % 2 == 0 ? "K-0001" : nil, usaha: c % 3 == 0 ? "U-0001" : nil))
        case 80..<96:
            self = .reverse(entryID: Int64(1 + a % max(entryCount, 1)), reason: "koreksi nomor \(b % 3)",
                            date: c % 2 == 0 ? nil : Fixture.today.adding(days: -(c % 30)))
        case 96..<100:
            self = .close(YearMonth(year: 2026, month: 7 + a % 4)!)
        default:
            let amount = Int64(a + 1) * 1_000
            var lines = [(account: b % 7, amount: amount), (account: c % 7, amount: -amount)]
            if a % 5 == 0 { lines.append((account: (b + c) % 7, amount: Int64(c % 3) - 1)) }  // off by a rupiah, or a zero line
            self = .manual(book: ["KANTOR", "U-0001", "U-0002"][c % 3], key: "manual:\(b % 10)", lines: lines,
                           strayBook: b % 13 == 0 ? "U-0002" : nil)
        }
    }

    /// Sending it again must change nothing (exceptions and closings are not idempotent by design).
    var isReplayable: Bool {
        switch self {
        case .exception, .close: false
        default: true
        }
    }

    /// Performs it; returns whether it was a replay of something already recorded.
    @discardableResult
    func perform(_ ops: Operations) throws -> Bool {
        let ctx = Fixture.context
        switch self {
        case .budget(let r): return try ops.receiveBudget(r, context: ctx).isReplay
        case .grant(let r): return try ops.disburseGrant(r, context: ctx).replayed
        case .exception(let who, let reason):
            _ = try ops.recordGrantException(beneficiary: who, cohort: "2026", reason: reason, context: ctx)
            return false
        case .buy(let r): return try ops.buyEquipment(r, context: ctx).isReplay
        case .issue(let r): return try ops.issueEquipment(r, context: ctx).isReplay
        case .aftercare(let r): return try ops.recordAftercareExpense(r, context: ctx).isReplay
        case .reverse(let id, let reason, let date): return try ops.reverse(entryID: id, reason: reason, date: date, context: ctx).isReplay
        case .close(let month):
            try ops.closeMonth(month, context: ctx)
            return false
        case .manual(let code, let key, let lines, let stray):
            return try ops.store.write { tx in
                let book = try #require(try tx.book(code: code))
                // The stock account stays the store room's: only equipment operations move it.
                let chart = try tx.accounts(bookID: book.id).filter { $0.role != .equipmentStock }
                var postings = lines.map { Posting(accountID: chart[$0.account % chart.count].id, amount: Rupiah($0.amount)) }
                if let stray, let other = try tx.book(code: stray), other.id != book.id {
                    postings[0] = Posting(accountID: try tx.accounts(bookID: other.id)[0].id, amount: postings[0].amount)
                }
                let draft = EntryDraft(bookID: book.id, kind: .usahaReport, valueDate: Fixture.today, memo: "manual", documentRef: nil,
                                       idempotencyKey: key, postings: postings)
                if try Ledger.replay(of: draft, in: tx) != nil { return true }
                try Ledger.post(draft, context: ctx, today: Fixture.today, in: tx)
                return false
            }
        }
    }

    var description: String {
        switch self {
        case .budget(let r): "budget \(r.documentRef) \(r.amount) \(r.valueDate!)\(r.intoBank ? " bank" : "")"
        case .grant(let r): "grant \(r.beneficiary) \(r.documentRef) \(r.amount?.description ?? "default") \(r.valueDate?.description ?? "today") \(r.cohort ?? "") \(r.usaha ?? "")"
        case .exception(let who, _): "exception \(who)"
        case .buy(let r): "buy \(r.documentRef) \(r.lines.map { "\($0.item):\($0.quantity):\($0.unitCost.amount)" })"
        case .issue(let r): "issue \(r.documentRef) \(r.kelompok) \(r.lines.map { "\($0.item):\($0.quantity)" })"
        case .aftercare(let r): "aftercare \(r.documentRef) \(r.amount)"
        case .reverse(let id, let reason, let date): "reverse #\(id) \(reason) \(date?.description ?? "today")"
        case .close(let m): "close \(m)"
        case .manual(let book, let key, let lines, let stray): "manual \(key) \(book) \(lines)\(stray.map { " stray \($0)" } ?? "")"
        }
    }
}

@Suite("Ledger invariants on random histories")
struct LedgerPropertyTests {
    static let history = zip(Gen.int(in: 0...109), Gen.int(in: 0...999), Gen.int(in: 0...999), Gen.int(in: 0...999)).array(of: 1...40)

    /// Shrinking replays whole histories and takes minutes; a failure prints the full history
    /// and a seed instead.
    @Test(.shrinking(false), arguments: StoreUnderTest.all)
    func randomHistoriesKeepEveryInvariant(_ underTest: StoreUnderTest) async throws {
        // BEKAL_PROPERTY_RUNS=2000 hunts longer than the default run does.
        // A history on PostgreSQL takes about ten times as long (every statement a round trip
        // to the server), so it gets a third of the runs by default.
        let runs = Int(ProcessInfo.processInfo.environment["BEKAL_PROPERTY_RUNS"] ?? "") ?? (underTest.name == "PostgreSQL" ? 20 : 60)
        await propertyCheck(count: runs, input: Self.history) { steps in
            let f = try Books(underTest)
            var done: [Request] = []
            var log: [String] = []
            for (k, a, b, c) in steps {
                let request = Request(k, a, b, c, entryCount: try f.snapshot().rows["journal_entry"]!)
                let before = try f.snapshot()
                do {
                    try request.perform(f.ops)
                    done.append(request)
                    log.append("ok      \(request)")
                } catch let refusal as any BekalFailure {
                    log.append("refused \(request): \(refusal.code)")
                    #expect(try f.snapshot() == before, "refusal \(refusal.code) wrote something: \(request)")
                } catch {
                    Issue.record("\(request) failed with a non-Bekal error \(error)\n\(log.joined(separator: "\n"))")
                    return
                }
            }
            try Self.checkInvariants(f, log: log)

            // Sending every successful request again changes nothing.
            let settled = try f.snapshot()
            for request in done where request.isReplayable {
                do {
                    let replayed = try request.perform(f.ops)
                    #expect(replayed, "sent again, \(request) was recorded anew\n\(log.joined(separator: "\n"))")
                } catch {
                    Issue.record("sent again, \(request) was refused: \(error)\n\(log.joined(separator: "\n"))")
                }
            }
            #expect(try f.snapshot() == settled, "replaying the history changed the books")
            try Self.checkInvariants(f, log: log)
        }
    }

    static func checkInvariants(_ f: Books, log: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let history = log.joined(separator: "\n")
        // Sums of the postings, straight from SQL.
        func sql(_ text: String) throws -> [[Int64?]] { try RawSQL.rows(f.store, text) }
        var summed: [Int64: (debit: Int64, credit: Int64)] = [:]
        for row in try sql("""
            SELECT account_id, sum(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS d,
                   sum(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS c
            FROM posting GROUP BY account_id
            """) {
            summed[row[0]!] = (row[1]!, row[2]!)
        }
        for row in try sql("SELECT account_id, sum(amount) AS s FROM posting GROUP BY account_id") {
            #expect(summed[row[0]!].map { $0.0 - $0.1 } == row[1], sourceLocation: sourceLocation)
        }
        func count(_ text: String) throws -> Int64? { try sql(text).first?.first ?? nil }
        let unbalanced = try count("SELECT count(*) FROM (SELECT entry_id FROM posting GROUP BY entry_id HAVING sum(amount) <> 0) AS t")
        #expect(unbalanced == 0, "\(history)", sourceLocation: sourceLocation)
        let crossBook = try count("""
            SELECT count(*) FROM posting p JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id
            WHERE a.book_id <> e.book_id
            """)
        #expect(crossBook == 0, sourceLocation: sourceLocation)
        let lonely = try count("SELECT count(*) FROM journal_entry e WHERE (SELECT count(*) FROM posting WHERE entry_id = e.id) < 2")
        #expect(lonely == 0, sourceLocation: sourceLocation)
        let stockValue = try count("SELECT coalesce(sum(value), 0) FROM equipment_stock") ?? -1
        let stockAccount = try count("""
            SELECT b.balance FROM account_balance b JOIN account a ON a.id = b.account_id
            JOIN book k ON k.id = a.book_id WHERE k.code = 'KANTOR' AND a.role = 'equipment_stock'
            """)
        #expect(stockAccount == stockValue, "stock account and store room disagree\n\(history)", sourceLocation: sourceLocation)
        // Every line of every no-negative account's cash book, in value-date order: never below zero.
        let dips = try sql("""
            SELECT account_id, entry_id, running FROM (
              SELECT p.account_id, e.id AS entry_id,
                sum(sum(p.amount)) OVER (PARTITION BY p.account_id ORDER BY e.value_date, e.id) AS running
              FROM posting p JOIN journal_entry e ON e.id = p.entry_id JOIN account a ON a.id = p.account_id
              WHERE a.no_negative = 1 GROUP BY p.account_id, e.id, e.value_date) AS lines
            WHERE running < 0
            """)
        #expect(dips.isEmpty, "below zero by value date: \(dips)\n\(history)", sourceLocation: sourceLocation)
        let grantEntries = try count("SELECT count(*) FROM journal_entry WHERE kind = 'grant'")
        let grantRows = try count("SELECT count(*) FROM grant_payment")
        #expect(grantEntries == grantRows, sourceLocation: sourceLocation)
        try f.store.read { tx in
            var fromEntries: [Int64: (debit: Int64, credit: Int64)] = [:]
            try tx.forEachEntry { entry in
                #expect(entry.postings.reduce(Int64(0)) { $0 + $1.amount.amount } == 0, sourceLocation: sourceLocation)
                for p in entry.postings {
                    var t = fromEntries[p.accountID] ?? (0, 0)
                    if p.amount.amount > 0 { t.debit += p.amount.amount } else { t.credit -= p.amount.amount }
                    fromEntries[p.accountID] = t
                }
            }
            let trial = try TrialBalance.build(from: tx)
            for book in trial.books {
                #expect(book.totalDebit == book.totalCredit, "book \(book.code) does not balance\n\(history)", sourceLocation: sourceLocation)
            }
            for book in try tx.books() {
                for account in try tx.accounts(bookID: book.id) {
                    let totals = try tx.totals(accountID: account.id)
                    let sums = fromEntries[account.id] ?? (0, 0)
                    let sql = summed[account.id] ?? (0, 0)
                    #expect(totals.debit.amount == sums.debit && totals.credit.amount == sums.credit,
                            "running totals of \(book.code) \(account.code) differ from the postings\n\(history)", sourceLocation: sourceLocation)
                    #expect(sql.debit == sums.debit && sql.credit == sums.credit, sourceLocation: sourceLocation)
                    #expect(try tx.balance(accountID: account.id) == totals.balance, sourceLocation: sourceLocation)
                    if account.noNegative {
                        #expect(totals.balance.amount >= 0, "\(book.code) \(account.code) is below zero\n\(history)", sourceLocation: sourceLocation)
                    }
                }
            }
            let report = try Verification.run(on: tx)
            #expect(report.isValid, "\(report.problems)\n\(history)", sourceLocation: sourceLocation)
        }
    }

    /// A deterministic long history, so that the invariants are also checked on books with
    /// hundreds of entries, month closings and reversals of reversals' neighbours.
    @Test(arguments: StoreUnderTest.all)
    func longHistory(_ underTest: StoreUnderTest) throws {
        let f = try Books(underTest)
        var generator = SplitMix64(seed: 20_261_125)
        var refused = 0, recorded = 0
        for _ in 0..<400 {
            let k = Int.random(in: 0...105, using: &generator)
            let request = Request(k < 96 ? k : k + 4, Int.random(in: 0...999, using: &generator),
                                  Int.random(in: 0...999, using: &generator), Int.random(in: 0...999, using: &generator),
                                  entryCount: try f.snapshot().rows["journal_entry"]!)
            let before = try f.snapshot()
            do {
                try request.perform(f.ops)
                recorded += 1
            } catch let refusal as any BekalFailure {
                refused += 1
                #expect(try f.snapshot() == before, "refusal \(refusal.code) wrote something: \(request)")
            }
        }
        #expect(recorded > 50)
        try Self.checkInvariants(f, log: ["(long random history)"])
    }
}

/// The fixture's programme on any store under test.
struct Books {
    let store: any BekalStore
    var ops: Operations { Operations(store: store) }

    init(_ underTest: StoreUnderTest) throws {
        store = try underTest.make()
        try Fixture.setUp(ops)
    }

    func snapshot() throws -> Fixture.Snapshot { try Fixture.snapshot(of: store) }
}

/// A small seeded generator, so the long history is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
