import Foundation

/// A PostgreSQL server of the tests' own: a new cluster in a temporary folder, listening only
/// on a Unix socket there, started once per test process and stopped when it exits.
///
/// Debian's `postgresql` package provides it (`.ci/run` installs it). PostgreSQL refuses to run
/// as root, and CI runs as root: then the folder is given to the `postgres` user and the
/// server's programs run as that user (`runuser`). Each test asks for a database of its own
/// (``newDatabase()``), so tests running side by side never see each other's rows.
public final class ScratchPostgres: @unchecked Sendable {
    /// The server of this test process, started on first use.
    public static let shared: Result<ScratchPostgres, TestSupport.Missing> = Result { try ScratchPostgres() }
        .mapError { TestSupport.Missing(description: "\($0)") }

    public let folder: URL
    public let port = 5432
    let binaries: URL
    let asUser: String?
    private let lock = NSLock()
    private var databases = 0

    /// The server's superuser, and the user the test databases belong to.
    public var user: String { asUser ?? NSUserName() }

    init() throws {
        guard let bin = Self.binaries() else {
            throw TestSupport.Missing(description: "PostgreSQL's programs (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin; "
                + "install them with `apt-get install -y postgresql` (.ci/run does)")
        }
        binaries = bin
        asUser = getuid() == 0 ? "postgres" : nil
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("bekal-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let asUser { try Self.run("/bin/chown", [asUser, folder.path]) }
        try run("initdb", ["-D", data, "--auth=trust", "--no-locale", "-E", "UTF8", "-U", user])
        try run("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-o",
                           "-p \(port) -k \(folder.path) -c listen_addresses='' -c fsync=off -c max_connections=200", "start"])
        let stop: @Sendable () -> Void = { [binaries, data, asUser, folder] in
            _ = try? Self.run(asUser, binaries.appendingPathComponent("pg_ctl").path, ["-D", data, "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(at: folder)
        }
        Self.stopAtExit.withLock { $0.append(stop) }
        atexit { ScratchPostgres.stopAtExit.withLock { stops in stops.forEach { $0() } } }
    }

    private var data: String { folder.appendingPathComponent("data").path }

    /// A connection string to the server's `postgres` database.
    public var adminURL: String { url(database: "postgres") }

    public func url(database: String) -> String { "postgres://\(user)@/\(database)?host=\(folder.path)&port=\(port)" }

    /// A new database, empty or a copy of `template` (a database of this server that nobody is
    /// connected to); its connection string and name.
    public func newDatabase(template: String? = nil) throws -> String {
        try url(database: newDatabaseName(template: template))
    }

    public func newDatabaseName(template: String? = nil) throws -> String {
        let name = lock.withLock { databases += 1; return "test_\(databases)" }
        try run("createdb", ["-h", folder.path, "-p", String(port), "-U", user] + (template.map { ["-T", $0] } ?? []) + [name])
        return name
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        try Self.run(asUser, binaries.appendingPathComponent(program).path, arguments)
    }

    private static func run(_ asUser: String?, _ program: String, _ arguments: [String]) throws {
        if let asUser {
            try run("/usr/sbin/runuser", ["-u", asUser, "--", program] + arguments)
        } else {
            try run(program, arguments)
        }
    }

    /// Runs `program` and waits for it, its output in a file. Spawned directly rather than
    /// with Foundation's `Process`: the server that `pg_ctl start` leaves running would inherit
    /// the descriptor `Process` watches for the child's end, and the wait would never return.
    /// The child keeps no descriptor but its output (`closefrom(3)`), so the server holds none
    /// of this process's files either.
    private static func run(_ program: String, _ arguments: [String]) throws {
        let log = NSTemporaryDirectory() + "bekal-pg-run-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        _ = spawnActionsCloseFrom(&actions, 3)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw TestSupport.Missing(description: "\(program) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // Exited normally with 0 (the low seven bits hold a terminating signal, if any).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestSupport.Missing(description: "\(program) \(arguments.joined(separator: " ")) failed (status \(status)): \(said)")
        }
    }

    private static func binaries() -> URL? {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().lazy
            .map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pg_ctl").path) }
    }

    private static let stopAtExit = Locked<[@Sendable () -> Void]>([])
}

/// A value behind a lock, for the threads of a test.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    public init(_ value: Value) { self.value = value }
    public func withLock<R>(_ body: (inout Value) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which its header
/// declares only for `_GNU_SOURCE`, so Swift's Glibc module does not show it.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnActionsCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
