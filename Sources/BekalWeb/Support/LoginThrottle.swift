import Foundation

/// Counts failed log-ins per key (a user name, a client address) in a sliding window. After
/// `limit` failures within `window`, further attempts for that key are refused until the
/// oldest failure leaves the window, even with the right password.
final class LoginThrottle: Sendable {
    let limit: Int
    private let window: TimeInterval
    private let clock: @Sendable () -> Date
    private let failures = Mutex<[String: [Date]]>([:])

    /// Failures on one key within the window, now.
    func count(_ key: String) -> Int {
        let now = clock()
        return failures.withLock { table in (table[key] ?? []).filter { now.timeIntervalSince($0) < window }.count }
    }

    init(limit: Int, window: TimeInterval, clock: @escaping @Sendable () -> Date) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Seconds until the key may try again, or nil when it may try now.
    func waitFor(_ keys: [String]) -> TimeInterval? {
        let now = clock()
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
    }

    func recordFailure(_ keys: [String]) {
        let now = clock()
        failures.withLock { table in
            for key in keys { table[key, default: []].append(now) }
        }
    }

    func recordSuccess(_ key: String) {
        failures.withLock { table in table[key] = nil }
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
