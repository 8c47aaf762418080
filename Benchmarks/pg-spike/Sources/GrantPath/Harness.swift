#if canImport(Glibc)
import Glibc
#endif

/// The measurements, the same for every client: a check of the grant path's answers, then
/// (1) latency of single-grant transactions, (2) bulk throughput, a back-dated grant, and
/// (4) concurrent writers. Prints `key: value` lines; run.sh collects them.
public struct BenchConfig: Sendable {
    public var warmup = 200
    public var latencyGrants = 2000
    public var bulkGrants = 100_000
    public var batch = 1000
    public var writers = 4
    public var perWriter = 1000
    public init() {}

    /// From the environment, so run.sh can shrink a run (`SPIKE_BULK=1000`) for a quick check.
    public static func fromEnvironment() -> BenchConfig {
        var c = BenchConfig()
        func int(_ name: String) -> Int? { getenv(name).flatMap { Int(String(cString: $0)) } }
        if let v = int("SPIKE_WARMUP") { c.warmup = v }
        if let v = int("SPIKE_LATENCY") { c.latencyGrants = v }
        if let v = int("SPIKE_BULK") { c.bulkGrants = v }
        if let v = int("SPIKE_BATCH") { c.batch = v }
        if let v = int("SPIKE_WRITERS") { c.writers = v }
        if let v = int("SPIKE_PER_WRITER") { c.perWriter = v }
        return c
    }
}

public enum Harness {
    public static let today = "2026-12-01"

    /// `open` makes a new store (one connection); it is called once on this thread and once on
    /// each writer thread of the concurrent run.
    public static func run(client: String, shape: String, config c: BenchConfig = .fromEnvironment(),
                           open: @escaping @Sendable () throws -> any GrantStore) throws {
        precondition(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 is wrong")
        let ctx = Context(actor: "pg-spike", recordedAt: utcNow(), today: today)
        print("client: \(client)")
        print("shape: \(shape)")
        var next: Int64 = 1
        func request(_ ref: String? = nil, date: String = today) -> GrantRequest {
            defer { next += 1 }
            return GrantRequest(beneficiaryID: next, documentRef: ref ?? "KW-\(next)", valueDate: date)
        }

        let store = try open()
        // The answers first: a grant, its replay, a second grant to her refused and nothing written.
        let first = request()
        let posted = try store.write { tx in try Grants.disburse(first, ctx, in: tx) }
        let replay = try store.write { tx in try Grants.disburse(first, ctx, in: tx) }
        var second = first
        second.documentRef = "KW-again"
        var refused = "nothing"
        do { _ = try store.write { tx in try Grants.disburse(second, ctx, in: tx) } } catch { refused = "\(error)" }
        guard case .posted(let id) = posted, replay == .replayed(entryID: id), refused == "alreadyPaid(entryID: \(id))" else {
            print("check: FAILED posted=\(posted) replay=\(replay) second=\(refused)")
            exit(1)
        }
        print("check: grant posted as entry #\(id); same kuitansi again replays #\(id); a second grant to her is refused (\(refused))")

        for _ in 0..<c.warmup { let r = request(); _ = try store.write { tx in try Grants.disburse(r, ctx, in: tx) } }
        try store.analyze()
        print("warmup: \(c.warmup) single-grant transactions, then ANALYZE")

        // (1) Latency: each grant its own transaction, one after another.
        var samples: [Double] = []
        samples.reserveCapacity(c.latencyGrants)
        let cpu0 = processCPUSeconds(), server0 = store.serverCPUSeconds(), wall0 = monotonic()
        for _ in 0..<c.latencyGrants {
            let r = request()
            let t0 = monotonic()
            _ = try store.write { tx in try Grants.disburse(r, ctx, in: tx) }
            samples.append(monotonic() - t0)
        }
        let wall = monotonic() - wall0, cpu = processCPUSeconds() - cpu0
        samples.sort()
        let ms = { (s: Double) in format(s * 1000, 3) }
        print("latency: n=\(samples.count) median=\(ms(quantile(samples, 0.5))) ms p99=\(ms(quantile(samples, 0.99))) ms "
            + "mean=\(ms(samples.reduce(0, +) / Double(samples.count))) ms min=\(ms(samples.first!)) ms max=\(ms(samples.last!)) ms "
            + "(= \(format(Double(samples.count) / wall, 0)) grants/s)")
        print("latency_cpu: client \(format(cpu / Double(c.latencyGrants) * 1e6, 1)) us/grant, "
            + "server \(serverPerGrant(server0, store.serverCPUSeconds(), c.latencyGrants)) us/grant")

        // (2) Throughput: bulk grants, `batch` per transaction.
        let bcpu0 = processCPUSeconds(), bserver0 = store.serverCPUSeconds(), bwall0 = monotonic()
        var done = 0
        while done < c.bulkGrants {
            let n = min(c.batch, c.bulkGrants - done)
            let requests = (0..<n).map { _ in request() }
            try store.write { tx in for r in requests { _ = try Grants.disburse(r, ctx, in: tx) } }
            done += n
        }
        let bwall = monotonic() - bwall0, bcpu = processCPUSeconds() - bcpu0
        print("bulk: \(c.bulkGrants) grants in transactions of \(c.batch): \(format(bwall, 2)) s = \(format(Double(c.bulkGrants) / bwall, 0)) grants/s; "
            + "client CPU \(format(bcpu / Double(c.bulkGrants) * 1e6, 1)) us/grant, server CPU \(serverPerGrant(bserver0, store.serverCPUSeconds(), c.bulkGrants)) us/grant")

        // A back-dated grant: the no-negative check walks every later cash posting.
        try store.analyze()
        let back = request(date: "2026-11-30")
        var walked = 0
        let t0 = monotonic()
        _ = try store.write { tx in
            let counting = CountingPort(tx)
            let o = try Grants.disburse(back, ctx, in: counting)
            walked = counting.walked
            return o
        }
        print("backdated: one grant dated 2026-11-30 walks \(walked) later cash postings: \(format((monotonic() - t0) * 1000, 1)) ms")

        // (4) Concurrent writers: each its own connection and thread, single-grant transactions.
        if c.writers > 0 && c.perWriter > 0 {
            let base = next
            next += Int64(c.writers * c.perWriter)
            let failures = Counter()
            let cwall0 = monotonic()
            runThreads(c.writers) { w in
                do {
                    let s = try open()
                    for i in 0..<c.perWriter {
                        let b = base + Int64(w * c.perWriter + i)
                        let r = GrantRequest(beneficiaryID: b, documentRef: "KW-\(b)", valueDate: today)
                        _ = try s.write { tx in try Grants.disburse(r, ctx, in: tx) }
                    }
                } catch {
                    print("writer \(w) failed: \(error)")
                    failures.add()
                }
            }
            let cwall = monotonic() - cwall0
            let total = c.writers * c.perWriter
            print("concurrent: \(c.writers) writers x \(c.perWriter) single-grant transactions: \(format(cwall, 2)) s = "
                + "\(format(Double(total) / cwall, 0)) grants/s (failed writers: \(failures.value))")
        }
        print("beneficiaries_used: \(next - 1)")
    }

    static func serverPerGrant(_ a: Double?, _ b: Double?, _ n: Int) -> String {
        guard let a, let b else { return "?" }
        return format((b - a) / Double(n) * 1e6, 1)
    }
}

/// Counts the postings the back-dated check walks; passes everything else through.
final class CountingPort: GrantPort {
    let base: any GrantPort
    var walked = 0
    init(_ base: any GrantPort) { self.base = base }
    func book(code: String) throws -> Int64? { try base.book(code: code) }
    func beneficiary(id: Int64) throws -> BeneficiaryRecord? { try base.beneficiary(id: id) }
    func grants(beneficiaryID: Int64) throws -> [GrantRecord] { try base.grants(beneficiaryID: beneficiaryID) }
    func cohort(id: Int64) throws -> CohortRecord? { try base.cohort(id: id) }
    func account(bookID: Int64, role: String) throws -> AccountRecord? { try base.account(bookID: bookID, role: role) }
    func account(id: Int64) throws -> AccountRecord? { try base.account(id: id) }
    func entryID(idempotencyKey: String) throws -> Int64? { try base.entryID(idempotencyKey: idempotencyKey) }
    func closedThrough(bookID: Int64) throws -> String? { try base.closedThrough(bookID: bookID) }
    func balance(accountID: Int64) throws -> Int64 { try base.balance(accountID: accountID) }
    func latestValueDate(bookID: Int64) throws -> String? { try base.latestValueDate(bookID: bookID) }
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) throws {
        try base.forEachPosting(accountID: accountID, bookID: bookID, after: date) { d, a in walked += 1; try body(d, a) }
    }
    func chainHead() throws -> ChainHead? { try base.chainHead() }
    func insert(_ entry: EntryRecord) throws { try base.insert(entry) }
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64, valueDate: String) throws -> Int64 {
        try base.insertGrant(beneficiaryID: beneficiaryID, cohortID: cohortID, entryID: entryID, amount: amount, valueDate: valueDate)
    }
}
