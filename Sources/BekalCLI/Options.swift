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

    public func openStore() throws -> SQLiteStore { try SQLiteStore(path: path) }

    public func operations() throws -> Operations { Operations(store: try openStore()) }

    public var context: OperationContext {
        OperationContext(actor: actor ?? ProcessInfo.processInfo.environment["USER"] ?? NSUserName())
    }
}


/// Parses an optional option with a core parser, so a bad value gets the core's message
/// (an ``InputError``: what, where, how to fix) and exit status 1.
func parsed<T>(_ text: String?, _ parse: (String) throws -> T) throws -> T? {
    guard let text else { return nil }
    return try parse(text)
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
