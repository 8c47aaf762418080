import Foundation
import Testing
@testable import BekalWeb

/// bcrypt's work runs a few at a time off the server's threads; past the queue a log-in is
/// told "busy" at once rather than waiting behind a flood.
@Suite struct PasswordWorkTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 0
        private(set) var most = 0
        func enter() { lock.lock(); running += 1; most = max(most, running); lock.unlock() }
        func leave() { lock.lock(); running -= 1; lock.unlock() }
    }

    @Test func atMostWidthRunAtOnceAndTheRestWaitUntilTheQueueIsFull() async throws {
        let work = PasswordWork(width: 2, queueMax: 3)
        let counter = Counter()
        let gate = DispatchSemaphore(value: 0)
        let tasks = (0..<5).map { _ in
            Task { try await work.run { counter.enter(); gate.wait(); counter.leave(); return 1 } }
        }
        // Wait until two run and three wait.
        var spins = 0
        while work.load != (2, 3) && spins < 500 { try await Task.sleep(for: .milliseconds(10)); spins += 1 }
        #expect(work.load == (2, 3))
        // A sixth is told "busy" at once.
        await #expect(throws: PasswordWork.Busy.self) { _ = try await work.run { 0 } }
        for _ in 0..<5 { gate.signal() }
        for task in tasks { #expect(try await task.value == 1) }
        // At most two at once (NIO's pool may run them one after the other when it is busy with other work).
        #expect((1...2).contains(counter.most))
        #expect(work.load == (0, 0))
        #expect(try await work.run { 42 } == 42)
    }
}
