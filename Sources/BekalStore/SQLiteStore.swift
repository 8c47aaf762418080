import BekalCore
import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB, in WAL mode with foreign keys on.
///
/// A new file is created readable and writable by its owner only (0600): it holds names
/// and NIKs of women who must not be exposed. An existing file that others can read is set
/// to 0600, and ``notices`` says so; if that cannot be done it is refused.
public final class SQLiteStore: BekalStore {
    let writer: any DatabaseWriter
    public let path: String?
    /// What opening the file changed or found that the person running Bekal should hear.
    public let notices: [String]

    /// How a command reaches its database file.
    public enum Access: Sendable {
        /// Create the file when it is missing (`init`, `demo`, `restore`, tests), then migrate.
        case create
        /// The file must exist and be a Bekal database; it is migrated to this version's schema.
        case existing
        /// The file must exist and already have this version's schema; nothing is written, so a
        /// backup on write-protected media can be read and verified.
        case readOnly
    }

    /// The last migration this version knows: its schema's name.
    public static var schemaVersion: String { Schema.migrator.migrations.last! }

    /// Opens (creating if needed, mode 0600) and migrates the database at `path`.
    public convenience init(path: String) throws {
        try self.init(path: path, access: .create)
    }

    public convenience init(path: String, access: Access) throws {
        try self.init(path: path, access: access, busyTimeout: 10, prepare: nil)
    }

    /// `busyTimeout`: how long to wait for another writer before saying the file is locked.
    /// `prepare`: extra set-up of each connection, for tests that fill the disk.
    init(path: String, access: Access, busyTimeout: TimeInterval, prepare: (@Sendable (Database) throws -> Void)?) throws {
        self.path = path
        // One stat(2): FileManager's attributes would also look up the owner's and group's names
        // (the passwd and group databases), on every command.
        var info = stat()
        let exists = stat(path, &info) == 0
        let empty = exists && info.st_size == 0
        if access != .create && (!exists || empty) { throw StoreError.noDatabase(path: path) }
        if !exists {
            let fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0o600)
            if fd < 0 { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            close(fd)
            notices = []
        } else {
            notices = try Self.protect(path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.readonly = access == .readOnly
        config.prepareDatabase { db in
            if access != .readOnly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try prepare?(db)
        }
        do {
            if access == .readOnly {
                writer = try DatabaseQueue(path: path, configuration: config)
            } else {
                writer = try DatabasePool(path: path, configuration: config)
            }
            try Schema.check(writer, path: path, isNew: !exists || empty, migrate: access != .readOnly)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    /// The database file and its WAL companions, set to owner-only when others could read them.
    static func protect(_ path: String) throws -> [String] {
        var notices: [String] = []
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard stat(file, &info) == 0, info.st_mode & 0o077 != 0 else { continue }
            let was = String(info.st_mode & 0o777, radix: 8)
            if chmod(file, 0o600) != 0 {
                throw StoreError.exposed(path: file, mode: was, reason: String(cString: strerror(errno)))
            }
            notices.append("\(file) was readable by others (mode \(was)); it is now readable by its owner only (0600).")
        }
        return notices
    }

    /// A private in-memory database, for tests.
    public init() throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: config)
        path = nil
        notices = []
        try Schema.migrator.migrate(writer)
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try mapped {
            try writer.write { db in
                let tx = SQLiteTransaction(db: db)
                let result = try body(tx)
                try tx.finish()
                return result
            }
        }
    }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try mapped { try writer.read { db in try body(SQLiteTransaction(db: db)) } }
    }

    /// SQLite's failures of the file itself (full, damaged, locked, read-only) as one-line
    /// refusals; the rest (a CHECK or trigger of the schema stopping a bug) as they are.
    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            let mappedError = StoreError(error, path: path ?? ":memory:")
            if case .databaseRefused = mappedError { throw error }
            throw mappedError
        }
    }

    /// Copies the whole database to `destination` with SQLite's online backup, consistent
    /// even while others write. The copy is created with mode 0600.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError.destinationExists(path: destination)
        }
        let copy = try SQLiteStore(emptyFileAt: destination)
        try mapped {
            try writer.backup(to: copy.writer)
            // A rollback journal rather than WAL: the copy can then be opened read-only anywhere,
            // on write-protected media too, without the -shm file WAL needs.
            try copy.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        }
    }

    /// Replaces this database's content with the backup at `source`, after checking that
    /// the backup is a Bekal database whose hash chain verifies.
    ///
    /// The backup itself is never changed: it is read where it lies when it has this version's
    /// schema, and otherwise copied to a private staging file beside this database, brought to
    /// this version's schema there, and verified and restored from the copy.
    public func restore(from source: String, verify: (SQLiteStore) throws -> Void) throws {
        guard FileManager.default.fileExists(atPath: source) else { throw StoreError.cannotOpen(path: source, reason: "no such file") }
        let backup: SQLiteStore
        var staging: String?
        defer { if let staging { for end in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + end) } } }
        do {
            backup = try SQLiteStore(path: source, access: .readOnly)
        } catch StoreError.schemaOutdated {
            let copy = (path ?? source) + ".restore-\(getpid())"
            staging = copy
            let reader = try SQLiteStore(emptyFileAt: copy)
            try mapped { try DatabaseQueue(path: source, configuration: Self.readOnlyConfiguration).backup(to: reader.writer) }
            backup = try SQLiteStore(path: copy, access: .existing)
        }
        try verify(backup)
        try mapped { try backup.writer.backup(to: writer) }
    }

    private static var readOnlyConfiguration: Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }

    private init(emptyFileAt path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0o600)
        if fd < 0 { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        self.path = path
        writer = try DatabaseQueue(path: path)
        notices = []
    }

    /// A private in-memory copy of this database (SQLite's online backup): for tests that load
    /// a programme once and give every test its own copy to write to.
    public func inMemoryCopy() throws -> SQLiteStore {
        let copy = try SQLiteStore()
        try mapped { try writer.backup(to: copy.writer) }
        return copy
    }

    /// One integer from raw SQL (a row count), for tests that check nothing was written.
    public func integerForTesting(_ sql: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// The first column of every row of raw SQL, as text, for tests that look for what must not leak.
    public func stringsForTesting(_ sql: String) throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: sql) }
    }

    /// Runs raw SQL outside the core's rules. Only for tests that try to break the books.
    public func unsafeExecuteForTesting(_ sql: String) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}

public enum StoreError: BekalFailure, Equatable {
    case cannotOpen(path: String, reason: String)
    case destinationExists(path: String)
    /// No file, or an empty one, where a command needs a database.
    case noDatabase(path: String)
    /// A file that SQLite reads but that holds no Bekal books.
    case notBekal(path: String)
    /// Written by a newer Bekal: migrations this version does not know.
    case newerSchema(path: String, unknown: [String])
    /// A reading command on a file that needs a migration it may not write.
    case schemaOutdated(path: String, applied: String, expected: String)
    case exposed(path: String, mode: String, reason: String)
    case diskFull(path: String)
    case damaged(path: String)
    case locked(path: String)
    case readOnlyFile(path: String)
    /// Any other failure of the database, in one line.
    case databaseRefused(path: String, detail: String)
    /// A stored value this version cannot read (a file edited by hand).
    case undecodable(table: String, id: Int64, column: String)

    /// SQLite's result as Bekal says it.
    init(_ error: DatabaseError, path: String) {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path: path)
        case .SQLITE_READONLY: self = .readOnlyFile(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            self = .cannotOpen(path: path, reason: error.message ?? "SQLite cannot open it")
        default:
            let detail = (error.message ?? "\(error.resultCode)").split(whereSeparator: \.isNewline).joined(separator: " ")
            self = .databaseRefused(path: path, detail: detail)
        }
    }

    public var code: String {
        switch self {
        case .cannotOpen: "cannot_open"
        case .destinationExists: "destination_exists"
        case .noDatabase: "no_database"
        case .notBekal: "not_bekal"
        case .newerSchema: "newer_schema"
        case .schemaOutdated: "schema_outdated"
        case .exposed: "exposed"
        case .diskFull: "disk_full"
        case .damaged: "damaged"
        case .locked: "locked"
        case .readOnlyFile: "read_only_file"
        case .databaseRefused: "database_refused"
        case .undecodable: "undecodable"
        }
    }

    public var message: String {
        switch self {
        case .cannotOpen(let path, let reason): "Cannot open the database at \(path): \(reason)."
        case .destinationExists(let path): "\(path) already exists; a backup never overwrites a file. Choose a new name."
        case .noDatabase(let path):
            "No Bekal database at \(path); create one with `bekal init --db \(path)` (or `bekal demo`), or give the right path with --db or BEKAL_DB."
        case .notBekal(let path):
            "\(path) is an SQLite file but not a Bekal database; give the path of your Bekal file with --db, or create one elsewhere with `bekal init`."
        case .newerSchema(let path, let unknown):
            "The database at \(path) was written by a newer Bekal (schema \(unknown.joined(separator: ", ")), unknown to this version); use that version or a later one. Nothing was changed."
        case .schemaOutdated(let path, let applied, let expected):
            "The database at \(path) has schema \(applied), older than this Bekal's \(expected); a reading command does not change it. Upgrade it once with `bekal upgrade --db \(path)` (back it up first), then try again."
        case .exposed(let path, let mode, let reason):
            "\(path) is readable by others (mode \(mode)) and cannot be made private (\(reason)); it holds names and NIKs. Move it where its owner alone can read it, or `chmod 600` it, then try again."
        case .diskFull(let path):
            "The disk holding \(path) is full; nothing was written. Free some space (or move the database), then try again."
        case .damaged(let path):
            "The database at \(path) is damaged or not a database file; nothing was written. Restore the latest backup with `bekal restore --from BACKUP`."
        case .locked(let path):
            "The database at \(path) is locked by another program that is writing to it; nothing was written. Wait for it to finish, then try again."
        case .readOnlyFile(let path):
            "The database at \(path) cannot be written (a read-only file or medium); nothing was written. Copy it somewhere writable, or use a reading command."
        case .undecodable(let table, let id, let column):
            "\(table) #\(id) has a \(column) this version cannot read; the file was changed outside Bekal. Restore the latest verified backup."
        case .databaseRefused(let path, let detail):
            "The database at \(path) refused the change (\(detail)); nothing was written. This is a rule of the schema catching what the core should have refused: report it."
        }
    }
}
