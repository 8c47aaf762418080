import BekalCore
import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB, in WAL mode with foreign keys on.
///
/// A new file is created readable and writable by its owner only (0600): it holds names
/// and NIKs of women who must not be exposed.
public final class SQLiteStore: BekalStore {
    let writer: any DatabaseWriter
    public let path: String?

    /// Opens (creating if needed, mode 0600) and migrates the database at `path`.
    public init(path: String) throws {
        let fd = open(path, O_CREAT | O_RDWR, 0o600)
        if fd < 0 {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        writer = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(writer)
    }

    /// A private in-memory database, for tests.
    public init() throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: config)
        path = nil
        try Schema.migrator.migrate(writer)
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try writer.write { db in
            let tx = SQLiteTransaction(db: db)
            let result = try body(tx)
            try tx.finish()
            return result
        }
    }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteTransaction(db: db)) }
    }

    /// Copies the whole database to `destination` with SQLite's online backup, consistent
    /// even while others write. The copy is created with mode 0600.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError.destinationExists(path: destination)
        }
        let copy = try SQLiteStore(emptyFileAt: destination)
        try writer.backup(to: copy.writer)
    }

    /// Replaces this database's content with the backup at `source`, after checking that
    /// the backup is a Bekal database whose hash chain verifies.
    public func restore(from source: String, verify: (SQLiteStore) throws -> Void) throws {
        guard FileManager.default.fileExists(atPath: source) else { throw StoreError.cannotOpen(path: source, reason: "no such file") }
        let backup = try SQLiteStore(path: source)
        try verify(backup)
        try backup.writer.backup(to: writer)
    }

    private init(emptyFileAt path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0o600)
        if fd < 0 { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        close(fd)
        self.path = path
        writer = try DatabaseQueue(path: path)
    }

    /// One integer from raw SQL (a row count), for tests that check nothing was written.
    public func integerForTesting(_ sql: String) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// Runs raw SQL outside the core's rules. Only for tests that try to break the books.
    public func unsafeExecuteForTesting(_ sql: String) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }
}

public enum StoreError: BekalFailure, Equatable {
    case cannotOpen(path: String, reason: String)
    case destinationExists(path: String)

    public var code: String {
        switch self {
        case .cannotOpen: "cannot_open"
        case .destinationExists: "destination_exists"
        }
    }

    public var message: String {
        switch self {
        case .cannotOpen(let path, let reason): "Cannot open the database at \(path): \(reason)."
        case .destinationExists(let path): "\(path) already exists; a backup never overwrites a file. Choose a new name."
        }
    }
}
