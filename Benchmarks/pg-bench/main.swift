// bekal-pg-bench: the PostgreSQL measurements of BENCHMARKS.md ("Many offices on one
// PostgreSQL server"). Not a test: it prints figures. URL is an empty database.
//
//   bekal-pg-bench post URL N BATCH        Office `bench`: N grants through Operations.disburseGrant
//                                          in write transactions of BATCH; then office `plain`,
//                                          prepared the same, gets the very same rows as plain
//                                          INSERTs in the same batches; prints both rates.
//   bekal-pg-bench offices URL K N BATCH   K offices, each prepared with N graduates, then K
//                                          threads post N grants each at once, one office each;
//                                          then K threads into one office; prints the rates.
//   bekal-pg-bench trial-balance URL RUNS  TrialBalance.build on office `bench`, RUNS times.
import BekalCore
import BekalPostgres
import Foundation

let grantDay = LocalDate(year: 2026, month: 11, day: 2)!
let context = OperationContext(actor: "bench", now: ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bekal-pg-bench: \(message)\n".utf8))
    exit(2)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Office `code` with `count` graduates and the budget for their grants. Not timed.
func prepare(_ url: String, office code: String, count: Int) throws -> PostgresStore {
    try PostgresStore.addOffice(try Office(code: code, name: "Dinas Sosial \(code)"), to: url)
    let store = try PostgresStore(url, office: code, connections: 4)
    let ops = Operations(store: store)
    try ops.initialise(officeName: "Dinas Sosial \(code)")
    let track = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
    let cohort = try ops.addCohort(CohortDraft(code: "2026", budgetYear: 2026))
    var done = 0
    while done < count {
        let end = min(count, done + 5_000)
        try store.write { tx in
            for i in done..<end {
                let person = try tx.insertBeneficiary(BeneficiaryDraft(name: "Peserta \(i + 1)"))
                _ = try tx.insertEnrolment(beneficiaryID: person.id, cohortID: cohort.id, trackID: track.id,
                                           status: .completed, statusDate: grantDay)
            }
        }
        done = end
    }
    let budget = try Rupiah(1_500_000).multiplied(by: Int64(count))
    _ = try ops.receiveBudget(BudgetReceipt(amount: budget, documentRef: "SP2D-BENCH", valueDate: LocalDate(year: 2026, month: 11, day: 1)!),
                              context: context)
    return store
}

/// Grants `range` (beneficiary numbers) through the core, BATCH per write transaction.
func postBekal(_ store: PostgresStore, _ range: ClosedRange<Int>, batch: Int) throws {
    var next = range.lowerBound
    while next <= range.upperBound {
        let end = min(range.upperBound, next + batch - 1)
        try store.write { tx in
            for i in next...end {
                let result = try Operations.disburseGrant(GrantRequest(beneficiary: String(i), documentRef: "KW-\(i)", valueDate: grantDay),
                                                          context: context, in: tx)
                precondition(!result.replayed)
            }
        }
        next = end + 1
    }
}

/// The rows Bekal wrote for entries `ids`, as text, to insert the very same values.
func rows(_ db: PGConnection, _ sql: String, _ ids: ClosedRange<Int>) throws -> [[PGValue]] {
    let result = try db.query(sql, [.int(Int64(ids.lowerBound)), .int(Int64(ids.upperBound))])
    return (0..<result.count).map { r in (0..<result.columnCount).map { c in PGValue(result.text(r, c)) } }
}

/// Plain inserts into office `plain`: per grant its journal_entry row, two posting rows and
/// the grant_payment row, prepared statements, the same batches, one transaction each. No
/// lock, no balance rows moved, nothing read: the work Bekal adds.
func postPlain(from bench: PostgresStore, to plain: PostgresStore, count: Int, batch: Int) throws -> Double {
    let source = try PGConnection(bench.connectionTarget, schema: bench.schemaName)
    let target = try PGConnection(plain.connectionTarget, schema: plain.schemaName)
    let entryColumns = "id, book_id, kind, value_date, recorded_at, actor, memo, document_ref, idempotency_key, reverses_entry_id, linked_entry_id, previous_hash, hash"
    let postingColumns = "entry_id, line, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year"
    let grantColumns = "id, beneficiary_id, cohort_id, entry_id, usaha_entry_id, usaha_id, amount, exception_id"
    func placeholders(_ n: Int) -> String { (1...n).map { "$\($0)" }.joined(separator: ", ") }
    var total = 0.0
    var next = 1
    while next <= count {
        let end = min(count, next + batch - 1)
        let ids = (next + 1)...(end + 1)
        let entries = try rows(source, "SELECT \(entryColumns) FROM journal_entry WHERE id BETWEEN $1 AND $2 ORDER BY id", ids)
        let postings = try rows(source, "SELECT \(postingColumns) FROM posting WHERE entry_id BETWEEN $1 AND $2 ORDER BY entry_id, line", ids)
        let grants = try rows(source, "SELECT \(grantColumns) FROM grant_payment WHERE entry_id BETWEEN $1 AND $2 ORDER BY id", ids)
        precondition(entries.count == ids.count && postings.count == 2 * entries.count && grants.count == entries.count)
        total += try seconds {
            try target.execute("BEGIN")
            for k in entries.indices {
                try target.query("INSERT INTO journal_entry (\(entryColumns)) VALUES (\(placeholders(13)))", entries[k])
                try target.query("INSERT INTO posting (\(postingColumns)) VALUES (\(placeholders(9)))", postings[2 * k])
                try target.query("INSERT INTO posting (\(postingColumns)) VALUES (\(placeholders(9)))", postings[2 * k + 1])
                try target.query("INSERT INTO grant_payment (\(grantColumns)) VALUES (\(placeholders(8)))", grants[k])
            }
            try target.execute("COMMIT")
        }
        next = end + 1
    }
    return total
}

let args = CommandLine.arguments
switch args.dropFirst().first {
case "post":
    guard args.count == 5, let n = Int(args[3]), let batch = Int(args[4]) else { fail("usage: post URL N BATCH") }
    let bench = try prepare(args[2], office: "bench", count: n)
    let plain = try prepare(args[2], office: "plain", count: n)
    let bekal = try seconds { try postBekal(bench, 1...n, batch: batch) }
    print(String(format: "bekal: %d grants in %.2f s = %.0f grants/s (batch %d)", n, bekal, Double(n) / bekal, batch))
    let plainTime = try postPlain(from: bench, to: plain, count: n, batch: batch)
    print(String(format: "plain: %d grants in %.2f s = %.0f grants/s (batch %d)", n, plainTime, Double(n) / plainTime, batch))
    print(String(format: "ratio bekal/plain: %.3f", plainTime / bekal))
case "offices":
    guard args.count == 6, let k = Int(args[3]), let n = Int(args[4]), let batch = Int(args[5]) else { fail("usage: offices URL K N BATCH") }
    let stores = try (1...k).map { try prepare(args[2], office: "kantor\($0)", count: n) }
    let one = try seconds { try postBekal(stores[0], 1...(n / k), batch: batch) }
    print(String(format: "1 office, 1 writer: %d grants in %.2f s = %.0f grants/s", n / k, one, Double(n / k) / one))
    let failures = Locked(0)
    let apart = seconds {
        DispatchQueue.concurrentPerform(iterations: k) { i in
            let range = i == 0 ? (n / k + 1)...n : 1...n
            do { try postBekal(stores[i], range, batch: batch) } catch { failures.add(); print("office \(i + 1): \(error)") }
        }
    }
    let grants = n * k - n / k
    print(String(format: "%d offices at once, one writer each: %d grants in %.2f s = %.0f grants/s (%d failed)",
                 k, grants, apart, Double(grants) / apart, failures.value))
    let shared = try prepare(args[2], office: "bersama", count: n)
    let slice = n / k
    let together = seconds {
        DispatchQueue.concurrentPerform(iterations: k) { i in
            do { try postBekal(shared, (i * slice + 1)...((i + 1) * slice), batch: batch) } catch { failures.add(); print("writer \(i + 1): \(error)") }
        }
    }
    print(String(format: "%d writers into one office: %d grants in %.2f s = %.0f grants/s (%d failed)",
                 k, slice * k, together, Double(slice * k) / together, failures.value))
case "trial-balance":
    guard args.count == 4, let runs = Int(args[3]) else { fail("usage: trial-balance URL RUNS") }
    let store = try PostgresStore(args[2], office: "bench", connections: 1, migrate: false)
    var times: [Double] = []
    var lines = 0
    for _ in 0..<runs {
        times.append(try seconds {
            let tb = try store.read { tx in try TrialBalance.build(from: tx) }
            lines = tb.books.reduce(0) { $0 + $1.accounts.count }
        })
    }
    let entries = try store.read { tx in try tx.entryCount() }
    print(String(format: "TrialBalance.build on PostgreSQL: median %.3f ms over %d runs (%d entries, %d accounts)",
                 median(times) * 1000, runs, entries, lines))
default:
    fail("usage: bekal-pg-bench post|offices|trial-balance ...")
}

final class Locked: @unchecked Sendable {
    private var count: Int
    private let lock = NSLock()
    init(_ count: Int) { self.count = count }
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
