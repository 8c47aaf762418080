import BekalCore
@testable import BekalPostgres
import BekalTestSupport
import Foundation
import Testing

/// On PostgreSQL a pendamping's visit is written beside the office's books writer: it does not
/// wait for a long posting, and two servers recording the same visit at once keep it once.
@Suite("PostgreSQL store: visits beside the books' writer")
struct PostgresBesideTheWriterTests {
    let store: PostgresStore
    let operations: Operations
    let context = OperationContext(actor: "pendamping1", now: ISO8601DateFormatter().date(from: "2026-06-01T03:00:00Z")!)

    init() throws {
        store = try PostgresStore(try ScratchPostgres.shared.get().newDatabase(), connections: 4)
        operations = Operations(store: store)
        _ = try operations.initialise(officeName: "Dinas Sosial Kota Uji")
        _ = try operations.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try operations.addCohort(CohortDraft(code: "2026", trainingStart: try LocalDate.parse("2026-01-05"),
                                                 trainingEnd: try LocalDate.parse("2026-04-03")))
        _ = try operations.addBeneficiary(BeneficiaryDraft(name: "Siti Rahayu"), enrolIn: (cohort: "2026", track: "tata-boga", status: .completed))
        _ = try operations.addWorker(code: "PSM-01", name: "Lina")
        _ = try operations.assign(worker: "PSM-01", beneficiary: "B-00001", kelompok: nil, from: try LocalDate.parse("2026-04-04"))
    }

    func visit(on day: String) throws -> VisitRequest {
        VisitRequest(date: try LocalDate.parse(day), worker: "PSM-01", beneficiary: "B-00001", contactMode: .homeVisit, notes: "sehat")
    }

    func lockWaiters(_ db: PGConnection) throws -> Int64 {
        try db.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").int(0, 0) ?? 0
    }

    @Test func aVisitIsRecordedWhileTheBooksWriterHoldsTheLockAndAPaymentWaits() throws {
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? store.withWriteTransaction { _ in
                holding.signal()
                release.wait()
            }
            done.signal()
        }
        holding.wait()
        var released = false
        defer { if !released { release.signal() }; done.wait() }
        // The visit does not wait for the writer (which never ends on its own: a visit that
        // waited would not be back within the bound below; it is then let go).
        let request = try visit(on: "2026-05-10")
        let visited = Locked<Result<VisitResult, any Error>?>(nil)
        let visitDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let result = Result { try operations.recordVisit(request, context: context) }
            visited.withLock { $0 = result }
            visitDone.signal()
        }
        if visitDone.wait(timeout: .now() + 30) == .timedOut {
            Issue.record("the visit waited for the books' writer")
            release.signal()
            released = true
            visitDone.wait()
            return
        }
        #expect(try visited.withLock { $0 }?.get().replayed == false)
        // A budget receipt (the books) waits for it.
        let watcher = try PGConnection(store.connectionTarget)
        let paid = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? operations.receiveBudget(BudgetReceipt(amount: Rupiah(1_000_000), documentRef: "SP2D-1",
                                                            valueDate: try LocalDate.parse("2026-05-02")), context: context)
            paid.signal()
        }
        var waited = false
        for _ in 0..<2_500 where !waited {
            waited = try lockWaiters(watcher) > 0
            if !waited { usleep(2_000) }
        }
        #expect(waited, "the payment did not wait for the books' writer")
        release.signal()
        released = true
        paid.wait()
        #expect(try operations.store.read { tx in try tx.entryCount() } == 1)
    }

    @Test func theSameVisitFromTwoServersAtOnceIsKeptOnceAndTheSecondIsTheReplay() throws {
        // Server A has written the visit and not committed; server B records the same visit meanwhile.
        let request = try visit(on: "2026-05-11")
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), first = DispatchSemaphore(value: 0)
        let serverA = try PostgresStore(store.connectionTarget, connections: 1)
        DispatchQueue.global().async {
            _ = try? serverA.write { tx in
                let result = try Operations.recordVisit(request, context: context, in: tx)
                holding.signal()
                release.wait()
                return result
            }
            first.signal()
        }
        holding.wait()
        let watcher = try PGConnection(store.connectionTarget, schema: store.schemaName)
        let second = Locked<Result<VisitResult, any Error>?>(nil)
        let secondDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let result = Result { try operations.recordVisit(request, context: context) }
            second.withLock { $0 = result }
            secondDone.signal()
        }
        // B waits on the visit's key (A's uncommitted row), then A commits.
        var blocked = false
        for _ in 0..<2_500 where !blocked {
            blocked = try watcher.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                .int(0, 0) ?? 0 > 0
            if !blocked { usleep(2_000) }
        }
        #expect(blocked, "the second visit never met the first one's key")
        release.signal()
        first.wait()
        secondDone.wait()
        let result = try #require(try second.withLock { $0 }?.get())
        #expect(result.replayed, "the second server's visit should be the replay of the first")
        #expect(try watcher.query("SELECT count(*) FROM visit").int(0, 0) == 1)
    }
}

extension PostgresBesideTheWriterTests {
    /// Every write but the aftercare record's takes the writer lock before it reads: a change of
    /// settings that waited for another reads what that one wrote, and neither change is lost.
    @Test func aWriteThatWaitedForTheWriterReadsWhatItWrote() throws {
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), first = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? store.withWriteTransaction { db in
                let tx = PostgresTransaction(db: db)
                var settings = try tx.settings()
                settings.kelompokSizeDefault = 7
                try tx.saveSettings(settings)
                holding.signal()
                release.wait()
            }
            first.signal()
        }
        holding.wait()
        let second = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? operations.changeSettings(SettingsChange(officeName: "Dinas Sosial Kota Baru"), context: context)
            second.signal()
        }
        let watcher = try PGConnection(store.connectionTarget)
        var waited = false
        for _ in 0..<2_500 where !waited {
            waited = try lockWaiters(watcher) > 0
            if !waited { usleep(2_000) }
        }
        #expect(waited)
        release.signal()
        first.wait()
        second.wait()
        let settings = try operations.settings()
        #expect(settings.kelompokSizeDefault == 7 && settings.officeName == "Dinas Sosial Kota Baru")
    }
}
