#if canImport(Glibc)
import Glibc
#endif

public func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// This process's CPU time, every thread (an event loop's too), user + system.
public func processCPUSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

/// Another process's CPU time from /proc/PID/stat (fields 14 and 15, in clock ticks): the
/// PostgreSQL backend serving a connection, found with `SELECT pg_backend_pid()`.
public func processCPUSeconds(pid: Int32) -> Double? {
    guard let f = fopen("/proc/\(pid)/stat", "r") else { return nil }
    defer { fclose(f) }
    var buffer = [CChar](repeating: 0, count: 1024)
    guard fgets(&buffer, 1024, f) != nil else { return nil }
    let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // After the command name in parentheses: field 3 onwards.
    guard let close = line.lastIndex(of: ")") else { return nil }
    let fields = line[line.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
    return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

public func utcNow() -> String {
    var t = time(nil)
    var tm = tm()
    gmtime_r(&t, &tm)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
}

public func format(_ value: Double, _ decimals: Int) -> String {
    var p = 1.0
    for _ in 0..<decimals { p *= 10 }
    let scaled = (value * p).rounded()
    if decimals == 0 { return String(Int64(scaled)) }
    let whole = Int64(scaled) / Int64(p), frac = abs(Int64(scaled) % Int64(p))
    let f = String(frac)
    return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: decimals - f.count) + f
}

func quantile(_ sorted: [Double], _ q: Double) -> Double {
    // Nearest rank.
    let rank = Int((q * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

public final class Counter: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var count = 0
    public init() { pthread_mutex_init(&mutex, nil) }
    public func add() { pthread_mutex_lock(&mutex); count += 1; pthread_mutex_unlock(&mutex) }
    /// Adds one and returns the new count.
    public func next() -> Int { pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }; count += 1; return count }
    public var value: Int { pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }; return count }
}

private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// `n` real threads (pthreads, not a pool sized to the two cores), joined before returning.
func runThreads(_ n: Int, _ body: @escaping @Sendable (Int) -> Void) {
    var threads: [pthread_t] = []
    for i in 0..<n {
        var tid = pthread_t()
        let box = Unmanaged.passRetained(ThreadBody { body(i) }).toOpaque()
        let rc = pthread_create(&tid, nil, { arg in
            let b = Unmanaged<ThreadBody>.fromOpaque(arg!).takeRetainedValue()
            b.run()
            return nil
        }, box)
        precondition(rc == 0, "pthread_create failed")
        threads.append(tid)
    }
    for t in threads { pthread_join(t, nil) }
}
