import Foundation
import NIOPosix

/// bcrypt, off the event loops and the server's task pool, a few at a time.
///
/// Checking a password at cost 12 takes a quarter of a second of one core. Run where requests
/// are served, sixteen log-ins at once would stall every other page; here at most `width`
/// run at once on NIO's blocking-work thread pool, the rest wait their turn without holding a
/// thread, and past `queueMax` waiting a log-in is refused at once (``Busy``).
final class PasswordWork: Sendable {
    struct Busy: Error {}

    private let width: Int
    private let queueMax: Int
    private let state = Mutex<(running: Int, waiting: [CheckedContinuation<Void, Never>])>((0, []))

    init(width: Int, queueMax: Int) {
        self.width = max(1, width)
        self.queueMax = max(0, queueMax)
    }

    /// Running and waiting now (for tests and figures).
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }

    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await NIOThreadPool.singleton.runIfActive { body() }
    }

    private func acquire() async throws {
        enum Decision { case go, wait, busy }
        let decision: Decision = state.withLock { s in
            if s.running < width { s.running += 1; return .go }
            return s.waiting.count < queueMax ? .wait : .busy
        }
        switch decision {
        case .go: return
        case .busy: throw Busy()
        case .wait:
            await withCheckedContinuation { continuation in
                let started: Bool = state.withLock { s in
                    // A slot may have freed while this request decided to wait.
                    if s.running < width { s.running += 1; return true }
                    s.waiting.append(continuation)
                    return false
                }
                if started { continuation.resume() }
            }
        }
    }

    /// Hands the slot to the next in line, or frees it.
    private func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { s in
            if s.waiting.isEmpty { s.running -= 1; return nil }
            return s.waiting.removeFirst()
        }
        next?.resume()
    }
}
