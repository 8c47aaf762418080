import ArgumentParser
import BekalCore
import BekalPostgres
import BekalStore
import Foundation

/// `--db` and `--actor`, shared by every command.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The database: an SQLite file, or postgres://USER@HOST:PORT/NAME (default: $BEKAL_DB, else bekal.sqlite).")
    public var db: String?

    @Option(name: .long, help: "The office, on a PostgreSQL database that holds several (default: $BEKAL_OFFICE, else its only office).")
    public var office: String?

    @Option(name: .long, help: "Who is acting, for the record (default: the OS user).")
    public var actor: String?

    public init() {}

    /// The office named by `--office` or `BEKAL_OFFICE`, if any.
    public var officeCode: String? {
        office ?? ProcessInfo.processInfo.environment["BEKAL_OFFICE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var path: String {
        db ?? ProcessInfo.processInfo.environment["BEKAL_DB"] ?? "bekal.sqlite"
    }

    /// The database as it may be printed: a PostgreSQL password is shown as `***`.
    public var shownPath: String { isPostgres ? PostgresStore.withoutPassword(path) : path }

    /// Whether `--db` names a PostgreSQL database (`postgres://USER@HOST:PORT/NAME`) rather
    /// than an SQLite file.
    public var isPostgres: Bool { path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") }

    /// The database for a command that writes: it must exist (`bekal init` creates it) and is
    /// brought to this version's schema.
    /// `connections`: how many PostgreSQL connections it may keep open (a command needs one or
    /// two; `bekal serve`, one per request served at once).
    public func openStore(connections: Int = 2) throws -> any BekalStore {
        isPostgres ? try PostgresStore(path, office: officeCode, connections: connections) : try open(.existing)
    }

    /// The database for a command that only reads: never migrated or changed; an SQLite file
    /// is opened read-only, so a backup on write-protected media can be read and verified.
    public func openForReading() throws -> any BekalStore {
        isPostgres ? try PostgresStore(path, office: officeCode, connections: 1, migrate: false) : try open(.readOnly)
    }

    /// The database for `init`, `demo` and `restore`, created when missing (a PostgreSQL
    /// database must exist, empty: `createdb`; Bekal creates its tables in it).
    public func createStore(connections: Int = 2) throws -> any BekalStore {
        isPostgres ? try PostgresStore(path, office: officeCode, connections: connections) : try open(.create)
    }

    /// The SQLite file, for the commands that work on the file itself (`backup`, `restore`).
    public func sqliteFile(_ access: SQLiteStore.Access, for command: String) throws -> SQLiteStore {
        guard !isPostgres else { throw SQLiteOnly(command: command) }
        return try open(access)
    }

    public func operations() throws -> Operations { Operations(store: try openStore()) }

    public func readingOperations() throws -> Operations { Operations(store: try openForReading()) }

    private func open(_ access: SQLiteStore.Access) throws -> SQLiteStore {
        if office != nil { throw OneOfficePerFile(file: path) }
        let store = try SQLiteStore(path: path, access: access)
        for notice in store.notices { FileHandle.standardError.write(Data("bekal: note: \(notice)\n".utf8)) }
        return store
    }

    /// The command line acts as the office: whoever may open the database file runs its books,
    /// with no role or caseload limit.
    public var context: OperationContext {
        OperationContext(actor: actor ?? ProcessInfo.processInfo.environment["USER"] ?? NSUserName(), acting: .office)
    }
}


/// Parses an optional option with a core parser, so a bad value gets the core's message
/// (an ``InputError``: what, where, how to fix) and exit status 1.
public func parsed<T>(_ text: String?, _ parse: (String) throws -> T) throws -> T? {
    guard let text else { return nil }
    return try parse(text)
}

public func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// `--seal-key`, for the commands that seal or check seals.
public struct SealKeyOptions: ParsableArguments {
    @Option(name: .customLong("seal-key"), help: "The office's seal key file (default: $BEKAL_SEAL_KEY, else the database path + .seal-key).")
    public var sealKey: String?

    public init() {}

    /// Where the office's seal key lives: outside the database, in a file of its own.
    public func path(_ store: StoreOptions) -> String {
        sealKey ?? ProcessInfo.processInfo.environment["BEKAL_SEAL_KEY"] ?? Self.defaultPath(store)
    }

    /// Beside the SQLite file; for a PostgreSQL database, in this folder, named after it and,
    /// for an office other than the default one, after the office (`bekal.pekanbaru.seal-key`).
    static func defaultPath(_ store: StoreOptions) -> String {
        guard store.isPostgres else { return store.path + ".seal-key" }
        let name = store.path.split(separator: "?").first.flatMap { $0.split(separator: "/").last } ?? "bekal"
        let office = store.officeCode ?? Office.defaultCode
        return String(name) + (office == Office.defaultCode ? "" : ".\(office)") + ".seal-key"
    }
}

/// `--office` given for an SQLite file, which is one office's books.
struct OneOfficePerFile: BekalFailure {
    let file: String
    var code: String { "office_sqlite" }
    var message: String {
        "\(file) is an SQLite file, which holds one office's books: leave out --office (each office has its own file), or give --db postgres://… for a shared server."
    }
}

/// A command that works on the SQLite file itself, given a PostgreSQL database.
struct SQLiteOnly: BekalFailure {
    let command: String
    var code: String { "sqlite_only" }
    var message: String {
        "bekal \(command) works on an SQLite file; a PostgreSQL database is backed up and restored by its server's tools (pg_dump and pg_restore, see the README)."
    }
}
