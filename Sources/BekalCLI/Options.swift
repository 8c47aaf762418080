import ArgumentParser
import BekalCore
import BekalStore
import Foundation

/// `--db` and `--actor`, shared by every command.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $BEKAL_DB, else bekal.sqlite).")
    public var db: String?

    @Option(name: .long, help: "Who is acting, for the record (default: the OS user).")
    public var actor: String?

    public init() {}

    public var path: String {
        db ?? ProcessInfo.processInfo.environment["BEKAL_DB"] ?? "bekal.sqlite"
    }

    /// The database for a command that writes: it must exist (`bekal init` creates it) and is
    /// brought to this version's schema.
    public func openStore() throws -> SQLiteStore { try open(.existing) }

    /// The database for a command that only reads: opened read-only, never migrated or
    /// changed, so a backup on write-protected media can be read and verified.
    public func openForReading() throws -> SQLiteStore { try open(.readOnly) }

    /// The database for `init`, `demo` and `restore`, created when missing.
    public func createStore() throws -> SQLiteStore { try open(.create) }

    public func operations() throws -> Operations { Operations(store: try openStore()) }

    public func readingOperations() throws -> Operations { Operations(store: try openForReading()) }

    private func open(_ access: SQLiteStore.Access) throws -> SQLiteStore {
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
        sealKey ?? ProcessInfo.processInfo.environment["BEKAL_SEAL_KEY"] ?? store.path + ".seal-key"
    }
}
