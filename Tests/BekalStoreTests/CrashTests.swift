import BekalCore
@testable import BekalStore
import BekalTestSupport
import Foundation
import Testing

/// The executables SwiftPM builds next to the test bundle.
enum BuiltExecutable {
    static func find(_ name: String) throws -> URL { try TestSupport.executable(name) }
}

/// A child process posting grants in bulk is killed with SIGKILL at random moments; after
/// each kill the books verify and hold exactly the grants that committed.
@Suite("Crash")
struct CrashTests {
    static let grant = Int64(1_500_000)
    static let budget = Int64(10_000_000_000_000) // Rp10^13

    struct Counts: Equatable {
        var entries: Int
        var grants: Int
        var beneficiaries: Int
    }

    func counts(_ store: SQLiteStore) throws -> Counts {
        Counts(entries: try Fixture.count("journal_entry", in: store), grants: try Fixture.count("grant_payment", in: store),
               beneficiaries: try Fixture.count("beneficiary", in: store))
    }

    /// The programme the child expects: track `uji`, cohort `STRESS`, Rp10^13 in cash.
    static func prepare(_ path: String) throws {
        let ops = Operations(store: try SQLiteStore(path: path))
        try ops.initialise()
        _ = try ops.addTrack(code: "uji", name: "Uji")
        _ = try ops.addCohort(CohortDraft(code: "STRESS", budgetYear: 2026))
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(budget), documentRef: "SP2D-STRESS"), context: OperationContext(actor: "bendahara"))
    }

    /// Two processes posting at once: write transactions queue (IMMEDIATE, busy timeout), so
    /// neither is refused and the chain stays one chain.
    @Test func twoWritersAtOnce() throws {
        let stress = try BuiltExecutable.find("bekal-stress")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bekal.sqlite").path
        try Self.prepare(path)
        let children = (0..<2).map { _ in
            let child = Process()
            child.executableURL = stress
            child.arguments = [path, "150"]
            child.standardOutput = FileHandle.nullDevice
            return child
        }
        for child in children { try child.run() }
        for child in children {
            child.waitUntilExit()
            #expect(child.terminationStatus == 0)
        }
        let store = try SQLiteStore(path: path)
        #expect(try counts(store) == Counts(entries: 301, grants: 300, beneficiaries: 300))
        let report = try store.read { tx in try Verification.run(on: tx) }
        #expect(report.isValid, "\(report.problems.prefix(3))")
        let cash = try store.read { tx in try tx.balance(accountID: try #require(try tx.account(bookID: 1, role: .cash)).id) }
        #expect(cash == Rupiah(Self.budget - 300 * Self.grant))
    }

    @Test func killedMidBulkPostingLosesNothingCommitted() throws {
        let stress = try BuiltExecutable.find("bekal-stress")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bekal.sqlite").path
        try Self.prepare(path)

        var killedWhileRunning = 0
        var grants = 0
        let started = Date()
        for round in 1...24 {
            let child = Process()
            child.executableURL = stress
            child.arguments = [path]
            let output = Pipe(), errors = Pipe()
            child.standardOutput = output
            child.standardError = errors
            try child.run()
            usleep(useconds_t.random(in: 20_000...300_000))
            if child.isRunning { killedWhileRunning += 1 }
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").compactMap { Int64($0) }
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(stderr.isEmpty, "round \(round): the child complained: \(stderr)")

            let store = try SQLiteStore(path: path)
            let now = try counts(store)
            // Every printed id committed; at most one more committed before its id was printed.
            #expect(now.grants == grants + printed.count || now.grants == grants + printed.count + 1,
                    "round \(round): \(printed.count) printed, \(now.grants - grants) in the books")
            if let last = printed.last { #expect(Int64(now.entries) >= last, "round \(round): printed entry #\(last) is missing") }
            grants = now.grants
            #expect(now == Counts(entries: 1 + grants, grants: grants, beneficiaries: grants), "round \(round)")
            let report = try store.read { tx in try Verification.run(on: tx) }
            #expect(report.isValid, "round \(round): \(report.problems.prefix(3))")
            let cash = try store.read { tx in
                try tx.balance(accountID: try #require(try tx.account(bookID: 1, role: .cash)).id)
            }
            #expect(cash == Rupiah(Self.budget - Int64(grants) * Self.grant), "round \(round)")
            let trial = try store.read { tx in try TrialBalance.build(from: tx) }
            #expect(trial.books.allSatisfy { $0.totalDebit == $0.totalCredit })
        }
        #expect(killedWhileRunning >= 20, "the child had finished before it could be killed")
        #expect(grants > 0, "no grant was ever committed: the child never got going")
        #expect(Date().timeIntervalSince(started) < 60)
    }
}
