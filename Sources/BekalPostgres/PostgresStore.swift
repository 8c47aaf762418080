import BekalCore
import Foundation

/// The books on a shared PostgreSQL server, reached through libpq (README, Design).
///
/// How it keeps the store contract written on ``BekalStore``:
/// - A write runs in one transaction; if its body throws, `ROLLBACK` undoes all of it.
/// - One office per store: its connections see only that office's schema (``PostgresOffices``).
/// - One writer per office's books at a time, across every process and server that shares the
///   database: a write transaction takes a transaction-scoped advisory lock keyed by the
///   office (``writerLock``, the office's id), held until its commit or rollback, before its
///   first statement that needs it. Its statements then run at READ COMMITTED after every
///   earlier writer of that office has committed, so each sees all that they wrote, as under
///   SQLite's write lock; writers of different offices do not wait for each other.
/// - A pendamping's visit or outcome (``BekalStore/writeAftercare(_:)``) is written beside that
///   writer: what it writes is kept apart by the schema's keys (a visit's natural key) and by
///   statements that compute the case summary from the row as it stands, and what it reads it
///   never writes back. A write that meets a key another filled first runs again as the books'
///   writer (``writing(lazily:_:)``); one that posts to a book (a visit's sales) takes the lock
///   when it gets there. Every other write takes the lock at its start.
/// - A read runs in a `REPEATABLE READ READ ONLY` transaction: one snapshot, and any write
///   inside it is refused by the server.
///
/// Connections come from a small pool (``Pool``); each is used by one thread at a time and
/// blocks it while the server answers.
public final class PostgresStore: Sendable {
    /// The connection string or URI it was opened with, without a password, to be shown.
    public let target: String
    /// The connection string or URI as given, to open another store on the same database.
    public var connectionTarget: String { pool.target }
    let pool: Pool
    let record: PostgresOffices.Record
    /// The office whose books this store holds.
    public var office: Office { record.office }
    /// The schema its tables are in (`kantor_<code>`), for a tool or an insider's connection.
    public var schemaName: String { record.schema }

    /// The last migration this version knows: its schema's name.
    public static var schemaVersion: String { PostgresSchema.migrations.last!.identifier }

    /// The first key of the advisory lock every write transaction holds (any fixed number that
    /// no other application on the same database uses; this one spells "beka"); the second is
    /// the office's id.
    static let writerLock: Int32 = 0x6265_6b61

    /// Connects to `target` (`postgres://USER@HOST:PORT/NAME`) for the office `office` (nil: the
    /// database's only office, or a new ``Office/defaultCode`` in an empty database), creates
    /// the schema in an empty database or checks that the one there is this version's
    /// (`migrate`), and keeps up to `connections` connections open.
    public init(_ target: String, office: String? = nil, connections: Int = 4, migrate: Bool = true) throws {
        self.target = Self.withoutPassword(target)
        let setup = try Pool.connect(target, schema: nil)
        record = try PostgresOffices.open(setup, target: self.target, code: office, migrate: migrate)
        pool = Pool(target: target, schema: record.schema, size: connections)
        pool.keep(try Self.inSchema(setup, record.schema))
        try pool.with { db in try Self.prepareSchema(db, target: self.target, lock: self.record.id, migrate: migrate) }
    }

    /// `db`, looking at `schema` from now on.
    private static func inSchema(_ db: PGConnection, _ schema: String) throws -> PGConnection {
        try db.execute("SET search_path = \(PGConnection.quoted(schema))")
        return db
    }

    /// Every office in the database at `target`, by code.
    public static func offices(_ target: String) throws -> [Office] {
        let db = try Pool.connect(target, schema: nil)
        return try PostgresOffices.list(db).map(\.office)
    }

    /// Adds `office` to the database at `target` (setting the database up when it is empty),
    /// with its own empty books; refuses a code that is taken, or, `ifMissing`, leaves the
    /// office of that code as it is.
    public static func addOffice(_ office: Office, to target: String, ifMissing: Bool = false) throws {
        let db = try Pool.connect(target, schema: nil)
        try PostgresOffices.prepare(db, target: withoutPassword(target), migrate: true)
        try PostgresOffices.add(db, office, ifMissing: ifMissing)
    }

    /// A store on each office of the database at `target`, for reading them side by side.
    public static func everyOffice(_ target: String, connections: Int = 1) throws -> [PostgresStore] {
        try offices(target).map { try PostgresStore(target, office: $0.code, connections: connections, migrate: false) }
    }

    /// How many times a write that lost to another transaction (SQLSTATE 40001 or 40P01) is
    /// run again from the start before the failure is shown. One writer at a time makes it
    /// rare (a session outside Bekal holding a lock can still cause one); the officer never
    /// sees it unless it keeps happening.
    static let writeAttempts = 3

    /// Runs `body` in a write transaction, the only writer of the office's books while it runs.
    /// A transaction the server aborted as a serialization failure or deadlock is rolled back
    /// and `body` runs again, so `body` must do nothing but through `db` (as every operation does).
    @discardableResult
    public func withWriteTransaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try writing(lazily: false) { db, _ in try body(db) }
    }

    /// A write transaction whose first attempt, when `lazily`, does not take the office's writer
    /// lock at BEGIN: `body` is told so, and takes it (``lockBooks(_:)``) before its first
    /// statement that needs it (``PostgresTransaction``). Such an attempt that meets a unique
    /// key another writer filled first (23505), a serialization failure or a deadlock is rolled
    /// back and `body` runs again as the books' writer from the start, where it sees what the
    /// other wrote, as it would have under the lock.
    func writing<T>(lazily: Bool, _ body: (PGConnection, _ lockLater: Bool) throws -> T) throws -> T {
        var attempt = 1
        while true {
            let lazy = lazily && attempt == 1
            do {
                return try transaction("BEGIN ISOLATION LEVEL READ COMMITTED") { db in
                    if !lazy { try lockBooks(db) }
                    return try body(db, lazy)
                }
            } catch let failure as PGError
                        where attempt < Self.writeAttempts && (failure.isRetryable || (lazy && failure.isUniqueViolation)) {
                attempt += 1
            }
        }
    }

    /// Waits for, then holds until the transaction ends, the office's writer lock.
    func lockBooks(_ db: PGConnection) throws {
        try db.query("SELECT pg_advisory_xact_lock($1, $2)", [.int(Int64(Self.writerLock)), .int(Int64(record.id))])
    }

    /// Runs `body` on one consistent snapshot, in which the server refuses any write.
    @discardableResult
    public func withReadTransaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// `body` between `begin` and COMMIT on a pooled connection, rolled back if it throws.
    private func transaction<T>(_ begin: String, _ body: (PGConnection) throws -> T) throws -> T {
        try pool.with { db in try Self.inTransaction(db, begin: begin) { try body(db) } }
    }

    /// `body` between `begin` and COMMIT on `db`, rolled back if it throws.
    static func inTransaction<T>(_ db: PGConnection, begin: String, _ body: () throws -> T) throws -> T {
        try db.execute(begin)
        do {
            let result = try body()
            try db.execute("COMMIT")
            return result
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` as a part of the open transaction that may fail on its own.
    public static func savepoint<T>(_ db: PGConnection, _ body: () throws -> T) throws -> T {
        try db.execute("SAVEPOINT part")
        do {
            let result = try body()
            try db.execute("RELEASE SAVEPOINT part")
            return result
        } catch {
            try db.execute("ROLLBACK TO SAVEPOINT part; RELEASE SAVEPOINT part")
            throw error
        }
    }

    /// Brings the office's schema on `db` up to this version's (every office is created at the
    /// latest; an older one gets the migrations added since), under the office's write lock.
    static func prepareSchema(_ db: PGConnection, target: String, lock office: Int32, migrate: Bool) throws {
        let known = PostgresSchema.migrations.map(\.identifier)
        let applied = try appliedMigrations(db)
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty { throw PostgresStoreError.newerSchema(target: target, unknown: unknown) }
        let missing = PostgresSchema.migrations.filter { !applied.contains($0.identifier) }
        if missing.isEmpty { return }
        guard migrate else {
            throw PostgresStoreError.schemaOutdated(target: target, applied: applied.last ?? "none", expected: known.last!)
        }
        try inTransaction(db, begin: "BEGIN") {
            // Two servers starting at once: the second waits here, then finds the schema made.
            try db.query("SELECT pg_advisory_xact_lock($1, $2)", [.int(Int64(writerLock)), .int(Int64(office))])
            let done = try appliedMigrations(db)
            for migration in missing where !done.contains(migration.identifier) {
                for statement in migration.statements { try db.execute(statement) }
                try db.query("INSERT INTO bekal_migration (identifier) VALUES ($1)", [.text(migration.identifier)])
            }
        }
    }

    /// The migrations recorded in the database, in the order they were applied; none when it
    /// has no `bekal_migration` table.
    static func appliedMigrations(_ db: PGConnection) throws -> [String] {
        // The catalog's rows, not `to_regclass` (see ``PostgresOffices/exists(_:)``).
        guard try db.query("""
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'bekal_migration')
            """).bool(0, 0) == true else { return [] }
        let rows = try db.query("SELECT identifier FROM bekal_migration ORDER BY applied_at, identifier")
        return (0..<rows.count).compactMap { rows.text($0, 0) }
    }

    /// The target as it may be shown: a password in a URI (`user:secret@`) or a connection
    /// string (`password=secret`) is replaced by `***`.
    public static func withoutPassword(_ target: String) -> String {
        var shown = target
        if let scheme = shown.range(of: "://"), let at = shown[scheme.upperBound...].firstIndex(of: "@"),
           let colon = shown[scheme.upperBound..<at].firstIndex(of: ":") {
            shown.replaceSubrange(shown.index(after: colon)..<at, with: "***")
        }
        if let range = shown.range(of: #"password\s*=\s*('[^']*'|\S+)"#, options: .regularExpression) {
            shown.replaceSubrange(range, with: "password=***")
        }
        return shown
    }
}

/// The connections one store keeps open, at most `size`; a thread that finds none free waits.
final class Pool: @unchecked Sendable {
    let target: String
    /// The schema every connection of the pool looks in.
    let schema: String
    let size: Int
    private let condition = NSCondition()
    private var idle: [PGConnection] = []
    private var open = 0

    init(target: String, schema: String, size: Int) {
        self.target = target
        self.schema = schema
        self.size = max(1, size)
    }

    /// A new connection to `target`, a refusal said as ``PostgresStoreError/cannotConnect(target:reason:)``.
    static func connect(_ target: String, schema: String?) throws -> PGConnection {
        do {
            return try PGConnection(target, schema: schema)
        } catch let failure as PGError {
            throw PostgresStoreError.cannotConnect(target: PostgresStore.withoutPassword(target), reason: failure.message)
        }
    }

    /// Takes `db`, already connected to this pool's schema, as one of its connections.
    func keep(_ db: PGConnection) {
        condition.lock()
        if open < size { open += 1; idle.append(db) }
        condition.unlock()
    }

    /// Runs `body` with a connection of its own; a connection left broken or inside a
    /// transaction is closed rather than handed to the next caller.
    func with<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let db = try acquire()
        var keep = false
        defer { release(db, keep: keep) }
        let result = try body(db)
        keep = db.isHealthy && !db.inTransaction
        return result
    }

    private func acquire() throws -> PGConnection {
        condition.lock()
        while idle.isEmpty && open >= size { condition.wait() }
        if let db = idle.popLast() {
            condition.unlock()
            return db
        }
        open += 1
        condition.unlock()
        do {
            return try Self.connect(target, schema: schema)
        } catch {
            giveBack()
            throw error
        }
    }

    private func release(_ db: PGConnection, keep: Bool) {
        condition.lock()
        if keep && db.isHealthy && !db.inTransaction { idle.append(db) } else { open -= 1 }
        condition.signal()
        condition.unlock()
    }

    private func giveBack() {
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }
}

/// What opening the books on PostgreSQL can refuse, said for the person at the command line.
public enum PostgresStoreError: BekalFailure, Equatable {
    case cannotConnect(target: String, reason: String)
    case notBekal(target: String)
    case newerSchema(target: String, unknown: [String])
    case schemaOutdated(target: String, applied: String, expected: String)

    public var code: String {
        switch self {
        case .cannotConnect: "pg_cannot_connect"
        case .notBekal: "pg_not_bekal"
        case .newerSchema: "pg_newer_schema"
        case .schemaOutdated: "pg_schema_outdated"
        }
    }

    public var message: String {
        switch self {
        case .cannotConnect(let target, let reason):
            "Cannot reach the PostgreSQL database \(target): \(reason). Check that the server runs and that the host, port, user and database name are right (--db or BEKAL_DB)."
        case .notBekal(let target):
            "The PostgreSQL database \(target) holds tables that are not Bekal's; give Bekal an empty database of its own (createdb bekal)."
        case .newerSchema(let target, let unknown):
            "The PostgreSQL database \(target) was set up by a newer Bekal (\(unknown.joined(separator: ", "))); use that version or newer."
        case .schemaOutdated(let target, let applied, let expected):
            "The PostgreSQL database \(target) is at schema \(applied) and this Bekal needs \(expected); run a command that writes (or bekal upgrade) first."
        }
    }
}
