#if canImport(Glibc)
import Glibc
#endif

// The other way to reach postgres-nio: make the port async. This is what that means for the
// core: every port method, every operation that calls one, and every caller of those gains
// `async`/`await` (here a copy of Port.swift's caches and Grant.swift's operation, with awaits).
// Used only by pg-spike-nio's `--async` modes, to measure what the wait-on-futures bridge costs.

public protocol AsyncGrantPort: AnyObject {
    func book(code: String) async throws -> Int64?
    func beneficiary(id: Int64) async throws -> BeneficiaryRecord?
    func grants(beneficiaryID: Int64) async throws -> [GrantRecord]
    func cohort(id: Int64) async throws -> CohortRecord?
    func account(bookID: Int64, role: String) async throws -> AccountRecord?
    func account(id: Int64) async throws -> AccountRecord?
    func entryID(idempotencyKey: String) async throws -> Int64?
    func closedThrough(bookID: Int64) async throws -> String?
    func balance(accountID: Int64) async throws -> Int64
    func latestValueDate(bookID: Int64) async throws -> String?
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) async throws
    func chainHead() async throws -> ChainHead?
    func insert(_ entry: EntryRecord) async throws
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64, valueDate: String) async throws -> Int64
}

public protocol AsyncRawPort: AnyObject {
    func begin() async throws
    func commit() async throws
    func rollback() async
    func lockChainHead() async throws -> ChainHead?
    func setChainHead(_ head: ChainHead) async throws
    func book(code: String) async throws -> Int64?
    func beneficiary(id: Int64) async throws -> BeneficiaryRecord?
    func grants(beneficiaryID: Int64) async throws -> [GrantRecord]
    func cohort(id: Int64) async throws -> CohortRecord?
    func account(bookID: Int64, role: String) async throws -> AccountRecord?
    func account(id: Int64) async throws -> AccountRecord?
    func entryID(idempotencyKey: String) async throws -> Int64?
    func closedThrough(bookID: Int64) async throws -> String?
    func balance(accountID: Int64) async throws -> Int64
    func setBalance(accountID: Int64, balance: Int64) async throws
    func latestValueDate(bookID: Int64) async throws -> String?
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) async throws
    func insertEntry(_ entry: EntryRecord) async throws
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64) async throws -> Int64
    func noteGrant(beneficiaryID: Int64, grantID: Int64, entryID: Int64, amount: Int64, valueDate: String) async throws
    func analyze() async throws
    func serverCPUSeconds() -> Double?
}

public final class AsyncStore {
    public let raw: any AsyncRawPort
    public init(raw: any AsyncRawPort) { self.raw = raw }

    public func write<T>(_ body: (any AsyncGrantPort) async throws -> T) async throws -> T {
        try await raw.begin()
        do {
            let port = AsyncCachingPort(raw)
            try await port.lock()
            let result = try await body(port)
            try await port.finish()
            try await raw.commit()
            return result
        } catch {
            await raw.rollback()
            throw error
        }
    }
}

final class AsyncCachingPort: AsyncGrantPort {
    let raw: any AsyncRawPort
    private var head: ChainHead??
    private var headMoved = false
    private var books: [String: Int64?] = [:]
    private var accountsByRole: [String: AccountRecord?] = [:]
    private var accountsByID: [Int64: AccountRecord?] = [:]
    private var cohorts: [Int64: CohortRecord?] = [:]
    private var closed: [Int64: String?] = [:]
    private var latest: [Int64: String?] = [:]
    private var balances: [Int64: (balance: Int64, moved: Bool)] = [:]
    private var neverPaid: Int64?

    init(_ raw: any AsyncRawPort) { self.raw = raw }

    func lock() async throws { head = .some(try await raw.lockChainHead()) }
    func finish() async throws {
        for (id, b) in balances where b.moved { try await raw.setBalance(accountID: id, balance: b.balance) }
        if headMoved, let h = head ?? nil { try await raw.setChainHead(h) }
    }
    func book(code: String) async throws -> Int64? {
        if let c = books[code] { return c }
        let b = try await raw.book(code: code); books[code] = .some(b); return b
    }
    func beneficiary(id: Int64) async throws -> BeneficiaryRecord? {
        let b = try await raw.beneficiary(id: id)
        neverPaid = (b?.everPaid == false) ? id : nil
        return b
    }
    func grants(beneficiaryID: Int64) async throws -> [GrantRecord] {
        if neverPaid == beneficiaryID { return [] }
        return try await raw.grants(beneficiaryID: beneficiaryID)
    }
    func cohort(id: Int64) async throws -> CohortRecord? {
        if let c = cohorts[id] { return c }
        let c = try await raw.cohort(id: id); cohorts[id] = .some(c); return c
    }
    func account(bookID: Int64, role: String) async throws -> AccountRecord? {
        let key = "\(bookID)/\(role)"
        if let c = accountsByRole[key] { return c }
        let a = try await raw.account(bookID: bookID, role: role); accountsByRole[key] = .some(a); return a
    }
    func account(id: Int64) async throws -> AccountRecord? {
        if let c = accountsByID[id] { return c }
        let a = try await raw.account(id: id); accountsByID[id] = .some(a); return a
    }
    func entryID(idempotencyKey: String) async throws -> Int64? { try await raw.entryID(idempotencyKey: idempotencyKey) }
    func closedThrough(bookID: Int64) async throws -> String? {
        if let c = closed[bookID] { return c }
        let m = try await raw.closedThrough(bookID: bookID); closed[bookID] = .some(m); return m
    }
    func balance(accountID: Int64) async throws -> Int64 {
        if let b = balances[accountID] { return b.balance }
        let b = try await raw.balance(accountID: accountID); balances[accountID] = (b, false); return b
    }
    func latestValueDate(bookID: Int64) async throws -> String? {
        if let c = latest[bookID] { return c }
        let d = try await raw.latestValueDate(bookID: bookID); latest[bookID] = .some(d); return d
    }
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) async throws {
        try await raw.forEachPosting(accountID: accountID, bookID: bookID, after: date, body)
    }
    func chainHead() async throws -> ChainHead? {
        if let h = head { return h }
        let h = try await raw.lockChainHead(); head = .some(h); return h
    }
    func insert(_ entry: EntryRecord) async throws {
        try await raw.insertEntry(entry)
        head = .some(ChainHead(id: entry.id, hash: entry.hash)); headMoved = true
        if let cached = latest[entry.bookID] { latest[entry.bookID] = .some(max(cached ?? entry.valueDate, entry.valueDate)) }
        for p in entry.postings {
            let current = try await balance(accountID: p.accountID)
            let (moved, overflow) = current.addingReportingOverflow(p.amount)
            if overflow { throw Refusal.amountOverflow }
            balances[p.accountID] = (moved, true)
        }
    }
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64, valueDate: String) async throws -> Int64 {
        if neverPaid == beneficiaryID { neverPaid = nil }
        let id = try await raw.insertGrant(beneficiaryID: beneficiaryID, cohortID: cohortID, entryID: entryID, amount: amount)
        try await raw.noteGrant(beneficiaryID: beneficiaryID, grantID: id, entryID: entryID, amount: amount, valueDate: valueDate)
        return id
    }
}

public enum AsyncGrants {
    public static func disburse(_ r: GrantRequest, _ ctx: Context, in tx: any AsyncGrantPort) async throws -> GrantOutcome {
        guard let bookID = try await tx.book(code: "KANTOR") else { throw Refusal.notInitialised }
        guard let person = try await tx.beneficiary(id: r.beneficiaryID) else { throw Refusal.notFound("beneficiary \(r.beneficiaryID)") }
        let completed = person.enrolments.filter { $0.status == "completed" }
        guard let enrolment = completed.first ?? person.enrolments.last else { throw Refusal.notFound("enrolment") }
        guard let cohort = try await tx.cohort(id: enrolment.cohortID) else { throw Refusal.notFound("cohort") }
        let amount = cohort.grantAmount
        guard let expense = try await tx.account(bookID: bookID, role: "grant_expense"),
              let paidFrom = try await tx.account(bookID: bookID, role: r.paidFrom) else { throw Refusal.notFound("account") }
        let budgetYear = cohort.budgetYear ?? Int64(r.valueDate.prefix(4))
        let postings = [
            PostingRecord(accountID: expense.id, amount: amount, beneficiaryID: person.id, cohortID: cohort.id, budgetYear: budgetYear),
            PostingRecord(accountID: paidFrom.id, amount: -amount, beneficiaryID: person.id, cohortID: cohort.id, budgetYear: budgetYear),
        ]
        let key = "grant:\(r.documentRef)"
        let earlier = try await tx.grants(beneficiaryID: person.id)
        if let recorded = try await tx.entryID(idempotencyKey: key) {
            guard earlier.contains(where: { $0.entryID == recorded }) else { throw Refusal.idempotencyConflict(entryID: recorded) }
            return .replayed(entryID: recorded)
        }
        if enrolment.status != "completed" { throw Refusal.trainingNotCompleted }
        if let graduated = enrolment.statusDate ?? cohort.trainingEnd, r.valueDate < graduated { throw Refusal.grantBeforeGraduation }
        if let paid = earlier.first(where: { $0.cohortID == cohort.id }) ?? earlier.first { throw Refusal.alreadyPaid(entryID: paid.entryID) }
        let memo = "Bantuan modal kerja \(Grants.beneficiaryCode(person.id)) angkatan \(cohort.code)"
        // Ledger.post
        var accounts: [AccountRecord] = []
        for p in postings where !accounts.contains(where: { $0.id == p.accountID }) {
            guard let a = try await tx.account(id: p.accountID), a.bookID == bookID else { throw Refusal.notFound("account \(p.accountID)") }
            accounts.append(a)
        }
        if r.valueDate > ctx.today { throw Refusal.futureDate }
        if let through = try await tx.closedThrough(bookID: bookID), String(r.valueDate.prefix(7)) <= through { throw Refusal.periodClosed }
        var latest: String??
        for account in accounts.sorted(by: { $0.id < $1.id }) where account.noNegative {
            let delta = postings.filter { $0.accountID == account.id }.reduce(Int64(0)) { $0 + $1.amount }
            if delta >= 0 { continue }
            let balance = try await tx.balance(accountID: account.id)
            if balance + delta < 0 { throw Refusal.wouldGoNegative(shortfall: -(balance + delta)) }
            if latest == nil { latest = .some(try await tx.latestValueDate(bookID: bookID)) }
            guard let last = latest!, last > r.valueDate else { continue }
            var later: Int64 = 0, lowest: Int64 = 0
            var lows: [(String, Int64)] = []
            try await tx.forEachPosting(accountID: account.id, bookID: bookID, after: r.valueDate) { date, amount in
                later += amount
                if later < lowest { lowest = later; lows.append((date, later)) }
            }
            let onDate = balance - later
            if onDate + delta < 0 { throw Refusal.wouldGoNegativeOnDate(date: r.valueDate) }
            if let dip = lows.first(where: { onDate + $0.1 + delta < 0 }) { throw Refusal.wouldGoNegativeOnDate(date: dip.0) }
        }
        let head = try await tx.chainHead()
        let id = (head?.id ?? 0) + 1
        let previousHash = head?.hash ?? ""
        let hash = Grants.entryHash(id: id, bookID: bookID, kind: "grant", valueDate: r.valueDate, recordedAt: ctx.recordedAt, actor: ctx.actor,
                                    memo: memo, documentRef: r.documentRef, key: key, postings: postings, previousHash: previousHash)
        try await tx.insert(EntryRecord(id: id, bookID: bookID, kind: "grant", valueDate: r.valueDate, recordedAt: ctx.recordedAt,
                                        actor: ctx.actor, memo: memo, documentRef: r.documentRef, idempotencyKey: key,
                                        postings: postings, previousHash: previousHash, hash: hash))
        _ = try await tx.insertGrant(beneficiaryID: person.id, cohortID: cohort.id, entryID: id, amount: amount, valueDate: r.valueDate)
        return .posted(entryID: id)
    }
}

/// The harness of Harness.swift for the async port: the same phases and the same output lines.
public enum AsyncHarness {
    public static func run(client: String, shape: String, config c: BenchConfig = .fromEnvironment(),
                           open: @escaping @Sendable () async throws -> AsyncStore) async throws {
        let today = Harness.today
        let ctx = Context(actor: "pg-spike", recordedAt: utcNow(), today: today)
        print("client: \(client)")
        print("shape: \(shape)")
        var next: Int64 = 1
        func request(date: String = today) -> GrantRequest {
            defer { next += 1 }
            return GrantRequest(beneficiaryID: next, documentRef: "KW-\(next)", valueDate: date)
        }
        let store = try await open()
        let first = request()
        let posted = try await store.write { tx in try await AsyncGrants.disburse(first, ctx, in: tx) }
        let replay = try await store.write { tx in try await AsyncGrants.disburse(first, ctx, in: tx) }
        var second = first
        second.documentRef = "KW-again"
        var refused = "nothing"
        do { _ = try await store.write { tx in try await AsyncGrants.disburse(second, ctx, in: tx) } } catch { refused = "\(error)" }
        guard case .posted(let id) = posted, replay == .replayed(entryID: id), refused == "alreadyPaid(entryID: \(id))" else {
            print("check: FAILED posted=\(posted) replay=\(replay) second=\(refused)")
            exit(1)
        }
        print("check: grant posted as entry #\(id); same kuitansi again replays #\(id); a second grant to her is refused (\(refused))")
        for _ in 0..<c.warmup { let r = request(); _ = try await store.write { tx in try await AsyncGrants.disburse(r, ctx, in: tx) } }
        try await store.raw.analyze()
        print("warmup: \(c.warmup) single-grant transactions, then ANALYZE")

        var samples: [Double] = []
        let cpu0 = processCPUSeconds(), server0 = store.raw.serverCPUSeconds(), wall0 = monotonic()
        for _ in 0..<c.latencyGrants {
            let r = request()
            let t0 = monotonic()
            _ = try await store.write { tx in try await AsyncGrants.disburse(r, ctx, in: tx) }
            samples.append(monotonic() - t0)
        }
        let wall = monotonic() - wall0, cpu = processCPUSeconds() - cpu0
        samples.sort()
        let ms = { (s: Double) in format(s * 1000, 3) }
        print("latency: n=\(samples.count) median=\(ms(quantile(samples, 0.5))) ms p99=\(ms(quantile(samples, 0.99))) ms "
            + "mean=\(ms(samples.reduce(0, +) / Double(samples.count))) ms min=\(ms(samples.first!)) ms max=\(ms(samples.last!)) ms "
            + "(= \(format(Double(samples.count) / wall, 0)) grants/s)")
        print("latency_cpu: client \(format(cpu / Double(c.latencyGrants) * 1e6, 1)) us/grant, "
            + "server \(Harness.serverPerGrant(server0, store.raw.serverCPUSeconds(), c.latencyGrants)) us/grant")

        let bcpu0 = processCPUSeconds(), bserver0 = store.raw.serverCPUSeconds(), bwall0 = monotonic()
        var done = 0
        while done < c.bulkGrants {
            let n = min(c.batch, c.bulkGrants - done)
            let requests = (0..<n).map { _ in request() }
            try await store.write { tx in for r in requests { _ = try await AsyncGrants.disburse(r, ctx, in: tx) } }
            done += n
        }
        let bwall = monotonic() - bwall0, bcpu = processCPUSeconds() - bcpu0
        print("bulk: \(c.bulkGrants) grants in transactions of \(c.batch): \(format(bwall, 2)) s = \(format(Double(c.bulkGrants) / bwall, 0)) grants/s; "
            + "client CPU \(format(bcpu / Double(c.bulkGrants) * 1e6, 1)) us/grant, server CPU \(Harness.serverPerGrant(bserver0, store.raw.serverCPUSeconds(), c.bulkGrants)) us/grant")

        try await store.raw.analyze()
        let back = request(date: "2026-11-30")
        let t0 = monotonic()
        _ = try await store.write { tx in try await AsyncGrants.disburse(back, ctx, in: tx) }
        print("backdated: one grant dated 2026-11-30 walks the later cash postings: \(format((monotonic() - t0) * 1000, 1)) ms")

        if c.writers > 0 && c.perWriter > 0 {
            let base = next
            next += Int64(c.writers * c.perWriter)
            let cwall0 = monotonic()
            let failed = await withTaskGroup(of: Bool.self) { group in
                for w in 0..<c.writers {
                    group.addTask {
                        do {
                            let s = try await open()
                            for i in 0..<c.perWriter {
                                let b = base + Int64(w * c.perWriter + i)
                                let r = GrantRequest(beneficiaryID: b, documentRef: "KW-\(b)", valueDate: today)
                                _ = try await s.write { tx in try await AsyncGrants.disburse(r, ctx, in: tx) }
                            }
                            return false
                        } catch {
                            print("writer \(w) failed: \(error)")
                            return true
                        }
                    }
                }
                var failed = 0
                for await f in group where f { failed += 1 }
                return failed
            }
            let cwall = monotonic() - cwall0
            let total = c.writers * c.perWriter
            print("concurrent: \(c.writers) writers x \(c.perWriter) single-grant transactions (tasks): \(format(cwall, 2)) s = "
                + "\(format(Double(total) / cwall, 0)) grants/s (failed writers: \(failed))")
        }
        print("beneficiaries_used: \(next - 1)")
    }
}
