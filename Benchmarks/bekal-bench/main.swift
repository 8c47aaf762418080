// bekal-bench: the measurements of BENCHMARKS.md. Not a test: it prints figures.
//
//   bekal-bench prepare DB N [EXTRA]   N beneficiaries enrolled and completed, enough budget
//                                      for N grants, and EXTRA more (unpaid, for `bekal grant
//                                      disburse` runs). Not timed.
//   bekal-bench post DB PLAIN N BATCH  Copies DB (a prepared file, no grants yet) to PLAIN (which
//                                      must not exist), then N grants through
//                                      Operations.disburseGrant on DB, then the same rows as plain
//                                      inserts on PLAIN; prints both rates, by wall and by CPU time.
//   bekal-bench trial-balance DB RUNS  TrialBalance.build, RUNS times; prints the median.
import BekalCore
import BekalStore
import Foundation
import GRDB

let grantDay = LocalDate(year: 2026, month: 11, day: 2)!
let context = OperationContext(actor: "bench", now: ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!)

/// Wall time and CPU time (user + system, of the whole process) of `body`. On a shared
/// machine the wall time moves with the other jobs; the CPU time far less.
struct Timing {
    var wall = 0.0
    var cpu = 0.0
    static func += (a: inout Timing, b: Timing) { a.wall += b.wall; a.cpu += b.cpu }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}

func timed(_ body: () throws -> Void) rethrows -> Timing {
    let start = DispatchTime.now().uptimeNanoseconds, cpu = cpuSeconds()
    try body()
    return Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu: cpuSeconds() - cpu)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bekal-bench: \(message)\n".utf8))
    exit(2)
}

func prepare(db: String, count: Int, extra: Int) throws {
    let store = try SQLiteStore(path: db)
    let ops = Operations(store: store)
    try ops.initialise(officeName: "Dinas Sosial (benchmark)")
    let track = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
    let cohort = try ops.addCohort(CohortDraft(code: "2026", budgetYear: 2026))
    let total = count + extra
    var done = 0
    while done < total {
        let end = min(total, done + 10_000)
        try store.write { tx in
            for i in done..<end {
                let person = try tx.insertBeneficiary(BeneficiaryDraft(name: "Peserta \(i + 1)"))
                _ = try tx.insertEnrolment(beneficiaryID: person.id, cohortID: cohort.id, trackID: track.id,
                                           status: .completed, statusDate: grantDay)
            }
        }
        done = end
    }
    let budget = try Rupiah(1_500_000).multiplied(by: Int64(total))
    _ = try ops.receiveBudget(BudgetReceipt(amount: budget, documentRef: "SP2D-BENCH", valueDate: LocalDate(year: 2026, month: 11, day: 1)!),
                              context: context)
    print("prepared \(db): \(total) beneficiaries (\(extra) left unpaid), budget \(budget)")
}

/// The grant of beneficiary `i` (1-based); entry ids follow because the budget is entry 1.
func request(_ i: Int) -> GrantRequest {
    GrantRequest(beneficiary: String(i), documentRef: "KW-\(i)", valueDate: grantDay)
}

func postBekal(db: String, count: Int, batch: Int) throws -> Timing {
    let store = try SQLiteStore(path: db)
    var next = 1
    return try timed {
        while next <= count {
            let end = min(count, next + batch - 1)
            try store.write { tx in
                for i in next...end {
                    let result = try Operations.disburseGrant(request(i), context: context, in: tx)
                    precondition(!result.replayed)
                }
            }
            next = end + 1
        }
    }
}

/// The rows Bekal wrote for grants first...last, read back so the plain run inserts the very
/// same values (the same random hashes in the same unique index, the same memos).
struct PlainRows {
    var entries: [StatementArguments] = []
    var postings: [StatementArguments] = []
    var grants: [StatementArguments] = []
}

func readRows(_ db: Database, entryIDs: ClosedRange<Int64>) throws -> PlainRows {
    var rows = PlainRows()
    for r in try Row.fetchAll(db, sql: """
        SELECT id, book_id, kind, value_date, recorded_at, actor, memo, document_ref, idempotency_key,
               reverses_entry_id, linked_entry_id, previous_hash, hash
        FROM journal_entry WHERE id BETWEEN ? AND ? ORDER BY id
        """, arguments: [entryIDs.lowerBound, entryIDs.upperBound]) {
        rows.entries.append(StatementArguments(r.databaseValues))
    }
    for r in try Row.fetchAll(db, sql: """
        SELECT entry_id, line, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year
        FROM posting WHERE entry_id BETWEEN ? AND ? ORDER BY entry_id, line
        """, arguments: [entryIDs.lowerBound, entryIDs.upperBound]) {
        rows.postings.append(StatementArguments(r.databaseValues))
    }
    for r in try Row.fetchAll(db, sql: """
        SELECT id, beneficiary_id, cohort_id, entry_id, usaha_entry_id, usaha_id, amount, exception_id
        FROM grant_payment WHERE entry_id BETWEEN ? AND ? ORDER BY id
        """, arguments: [entryIDs.lowerBound, entryIDs.upperBound]) {
        rows.grants.append(StatementArguments(r.databaseValues))
    }
    return rows
}

/// Checks that DB is a prepared file nobody has posted to and that it has `count` people to
/// pay, then copies it to PLAIN with SQLite's online backup (the WAL included), so that the
/// plain run starts from the identical database. Both are checked before anything is timed:
/// a plain half run on a missing or already-filled copy would otherwise fail only after the
/// Bekal half had spent its minute and used up DB.
func copyForPlain(db: String, plain: String, count: Int) throws {
    guard FileManager.default.fileExists(atPath: db) else { fail("no such file: \(db) (run `prepare` first)") }
    let source = try DatabaseQueue(path: db)
    let (entries, grants, people) = try source.read { db in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM journal_entry") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM grant_payment") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolment WHERE status = 'completed'") ?? 0)
    }
    guard entries == 1, grants == 0 else {
        fail("\(db) is not a freshly prepared database (\(entries) entries, \(grants) grants): run `prepare` again")
    }
    guard count <= people else { fail("\(db) was prepared for \(people) grants, not \(count)") }
    let fd = open(plain, O_CREAT | O_EXCL | O_RDWR, 0o600)
    guard fd >= 0 else { fail("cannot create \(plain): \(String(cString: strerror(errno))) (remove it first)") }
    close(fd)
    try source.backup(to: DatabaseQueue(path: plain))
}

/// Plain inserts: per grant one journal_entry row, its two posting rows and the
/// grant_payment row, through cached statements, in the same batches. The balance rows are
/// not moved and nothing is read: that is the work Bekal adds.
func postPlain(db: String, source: String, count: Int, batch: Int) throws -> Timing {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
    let target = try DatabasePool(path: db, configuration: config)
    let bekal = try DatabaseQueue(path: source)
    var total = Timing()
    var next = 1
    while next <= count {
        let end = min(count, next + batch - 1)
        let rows = try bekal.read { db in try readRows(db, entryIDs: Int64(next + 1)...Int64(end + 1)) }
        precondition(rows.entries.count == end - next + 1 && rows.postings.count == 2 * rows.entries.count
                      && rows.grants.count == rows.entries.count)
        total += try timed {
            try target.write { db in
                let entry = try db.cachedStatement(sql: """
                    INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, document_ref,
                      idempotency_key, reverses_entry_id, linked_entry_id, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let posting = try db.cachedStatement(sql: """
                    INSERT INTO posting (entry_id, line, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let grant = try db.cachedStatement(sql: """
                    INSERT INTO grant_payment (id, beneficiary_id, cohort_id, entry_id, usaha_entry_id, usaha_id, amount, exception_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for k in rows.entries.indices {
                    try entry.execute(arguments: rows.entries[k])
                    try posting.execute(arguments: rows.postings[2 * k])
                    try posting.execute(arguments: rows.postings[2 * k + 1])
                    try grant.execute(arguments: rows.grants[k])
                }
            }
        }
        next = end + 1
    }
    return total
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

let args = CommandLine.arguments
switch args.dropFirst().first {
case "prepare":
    guard args.count >= 4, let n = Int(args[3]) else { fail("usage: prepare DB N [EXTRA]") }
    try prepare(db: args[2], count: n, extra: args.count > 4 ? Int(args[4]) ?? 0 : 0)
case "post":
    guard args.count == 6, let n = Int(args[4]), let batch = Int(args[5]) else { fail("usage: post DB PLAIN N BATCH") }
    try copyForPlain(db: args[2], plain: args[3], count: n)
    let bekal = try postBekal(db: args[2], count: n, batch: batch)
    func line(_ name: String, _ t: Timing) -> String {
        String(format: "%@: %d grants in %.2f s = %.0f entries/s (batch %d); CPU %.2f s = %.0f entries/s",
               name, n, t.wall, Double(n) / t.wall, batch, t.cpu, Double(n) / t.cpu)
    }
    print(line("bekal", bekal))
    let plain = try postPlain(db: args[3], source: args[2], count: n, batch: batch)
    print(line("plain", plain))
    print(String(format: "ratio bekal/plain: %.3f (by CPU time %.3f)", plain.wall / bekal.wall, plain.cpu / bekal.cpu))
case "trial-balance":
    guard args.count == 4, let runs = Int(args[3]) else { fail("usage: trial-balance DB RUNS") }
    let store = try SQLiteStore(path: args[2])
    var times: [Double] = []
    var lines = 0
    for _ in 0..<runs {
        times.append(try timed {
            let tb = try store.read { tx in try TrialBalance.build(from: tx) }
            lines = tb.books.reduce(0) { $0 + $1.accounts.count }
        }.wall)
    }
    let entries = try store.read { tx in try tx.entryCount() }
    print(String(format: "TrialBalance.build: median %.3f ms over %d runs (%d entries, %d accounts)",
                 median(times) * 1000, runs, entries, lines))
default:
    fail("usage: bekal-bench prepare|post|trial-balance ...")
}
