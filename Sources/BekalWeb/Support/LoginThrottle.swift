import BekalCore
import Foundation

/// Counts failed log-ins per key (a user name, a client address) in a sliding window. After
/// `limit` failures within `window`, further attempts for that key are refused until the
/// oldest failure leaves the window, even with the right password.
///
/// Two backings: the server's memory (one process per SQLite file), or the store's
/// ``SharedWebState`` (PostgreSQL), where every `bekal serve` on the database counts the same
/// failures, so that trying on A and then on B adds up. There the key is stored as its
/// SHA-256 (``SharedWebKey``), and the calls block the request's thread (``BlockingWork``).
final class LoginThrottle: Sendable {
    private enum Backing: Sendable {
        case memory(Mutex<[String: [Date]]>)
        case shared(any SharedWebState)
    }

    let limit: Int
    private let window: TimeInterval
    private let clock: @Sendable () -> Date
    private let backing: Backing

    init(limit: Int, window: TimeInterval, clock: @escaping @Sendable () -> Date, shared: (any SharedWebState)? = nil) {
        self.limit = limit
        self.window = window
        self.clock = clock
        backing = shared.map(Backing.shared) ?? .memory(Mutex([:]))
    }

    /// Failures on one key within the window, now.
    func count(_ key: String) async throws -> Int {
        let now = clock()
        switch backing {
        case .memory(let failures):
            return failures.withLock { table in (table[key] ?? []).filter { now.timeIntervalSince($0) < window }.count }
        case .shared(let shared):
            let digest = SharedWebKey.digest(key), since = now.addingTimeInterval(-window)
            return try shared.loginFailures(key: digest, since: since).count
        }
    }

    /// Seconds until the key may try again, or nil when it may try now.
    func waitFor(_ keys: [String]) async throws -> TimeInterval? {
        let now = clock()
        switch backing {
        case .memory(let failures):
            return failures.withLock { table -> TimeInterval? in
                var wait: TimeInterval?
                for key in keys {
                    let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                    table[key] = recent
                    if recent.count >= limit, let oldest = recent.first {
                        let seconds = window - now.timeIntervalSince(oldest)
                        wait = max(wait ?? 0, seconds)
                    }
                }
                return wait
            }
        case .shared(let shared):
            let digests = keys.map(SharedWebKey.digest), since = now.addingTimeInterval(-window)
            let found = try digests.map { try shared.loginFailures(key: $0, since: since) }
            var wait: TimeInterval?
            for failures in found where failures.count >= limit {
                if let oldest = failures.oldest { wait = max(wait ?? 0, window - now.timeIntervalSince(oldest)) }
            }
            return wait
        }
    }

    func recordFailure(_ keys: [String]) async throws {
        let now = clock()
        switch backing {
        case .memory(let failures):
            failures.withLock { table in
                for key in keys { table[key, default: []].append(now) }
            }
        case .shared(let shared):
            let digests = keys.map(SharedWebKey.digest), forget = now.addingTimeInterval(-window)
            try shared.recordLoginFailure(keys: digests, at: now, forgetBefore: forget)
        }
    }

    func recordSuccess(_ key: String) async throws {
        switch backing {
        case .memory(let failures):
            failures.withLock { table in table[key] = nil }
        case .shared(let shared):
            let digest = SharedWebKey.digest(key)
            try shared.clearLoginFailures(key: digest)
        }
    }
}

/// A lock around a value (Synchronization's Mutex is not on every platform we target).
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
