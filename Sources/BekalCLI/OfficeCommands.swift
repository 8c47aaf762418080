import ArgumentParser
import BekalCore
import BekalPostgres
import BekalStore
import Foundation

/// `bekal office`: the offices of a shared PostgreSQL database (an SQLite file is one office).
struct OfficeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office", abstract: "The offices of a shared PostgreSQL database: add one, list them.",
        subcommands: [OfficeAdd.self, OfficeList.self])
}

struct OfficeAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an office with its own empty books, registry, workers and users.",
        discussion: "Then set it up as any office: bekal init --db postgres://… --office KODE (or bekal user add … --office KODE).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The office's code: lower-case letters, digits or _, e.g. pekanbaru.") var code: String
    @Option(help: "The office's name, e.g. \"Dinas Sosial Kota Pekanbaru\".") var name: String

    func run() throws {
        guard store.isPostgres else { throw OfficesNeedPostgres(file: store.path) }
        let office = try Office(code: code, name: name)
        try PostgresStore.addOffice(office, to: store.path)
        printLine("Office \(office.code) (\(office.name)) added to \(store.shownPath); use it with --office \(office.code).")
    }
}

struct OfficeList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The offices in the database, by code.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        for office in try OfficeSet.offices(store) { printLine("\(office.code)\t\(office.name)") }
    }
}

/// `bekal report rollup`: every office's totals side by side, and their sums.
struct RollupReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Roll-up across offices: each office's trial balance totals, budget use and outcome range, and their sums.",
        discussion: """
            On PostgreSQL, every office of the database; on SQLite, the --db file and each --file. \
            Aggregates only: no names, no codes of people, and an office with fewer than \(Rollup.smallestShownGroup) grants \
            shows no outcome counts of its own (the totals still count them). Each office's audit log records the reading.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(name: .customLong("file"), help: "Another office's SQLite file (repeat for each).") var files: [String] = []
    @Option(name: .customLong("as-of"), help: "Outcomes as at this date YYYY-MM-DD (default: today).") var asOf: String?
    @Flag(help: "The offices' trial balances summed by account instead of one row per office.") var accounts = false

    func render(to out: ReportStreamWriter) throws {
        let date = try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) }
        let offices = try OfficeSet.open(store, files: files)
        let rollup = try Operations.rollup(offices, asOf: date, context: store.context)
        if accounts { try out.whole(rollup.accounts, rollup.accountsTable) } else { try out.whole(rollup, rollup.table) }
    }
}

/// The offices a command sees: a PostgreSQL database's, or SQLite files (one office each,
/// its code from the file's name and its name from its settings).
public enum OfficeSet {
    static func offices(_ store: StoreOptions) throws -> [Office] {
        if store.isPostgres { return try PostgresStore.offices(store.path) }
        return try open(store, files: []).map(\.office)
    }

    static func open(_ store: StoreOptions, files: [String]) throws -> [(office: Office, operations: Operations)] {
        try open(database: store.path, postgres: store.isPostgres, files: files)
    }

    /// Every office of `database` (a PostgreSQL address) or the SQLite files `database` and `files`.
    public static func open(database: String, postgres: Bool, files: [String] = []) throws -> [(office: Office, operations: Operations)] {
        if postgres {
            guard files.isEmpty else { throw FilesBesidePostgres() }
            return try PostgresStore.everyOffice(database).map { ($0.office, Operations(store: $0)) }
        }
        var seen: Set<String> = []
        return try ([database] + files).map { path in
            let operations = Operations(store: try SQLiteStore(path: path, access: .existing))
            let office = try Office(code: code(forFile: path), name: try operations.settings().officeName)
            guard seen.insert(office.code).inserted else { throw SameOfficeTwice(code: office.code) }
            return (office, operations)
        }
    }

    /// `pekanbaru` for `/data/Pekanbaru.sqlite`: the file's name in lower case, other
    /// characters as `_`, starting with a letter.
    static func code(forFile path: String) -> String {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.lowercased()
        var code = String(base.map { c in c.isASCII && (c.isLetter || c.isNumber) ? c : "_" }.prefix(Office.codeLength.upperBound))
        if !(code.first.map { $0.isLetter } ?? false) { code = String(("k" + code).prefix(Office.codeLength.upperBound)) }
        return code
    }
}

struct OfficesNeedPostgres: BekalFailure {
    let file: String
    var code: String { "offices_postgres" }
    var message: String {
        "\(file) is an SQLite file, which is one office's books: offices are added to a shared PostgreSQL database (--db postgres://…); give each SQLite office its own file and roll them up with bekal report rollup --db FILE --file FILE."
    }
}

struct SameOfficeTwice: BekalFailure {
    let code = "office_twice"
    let office: String
    init(code: String) { office = code }
    var message: String { "Two of the files make office \(office): give each office's file its own name." }
}

struct FilesBesidePostgres: BekalFailure {
    let code = "office_files_postgres"
    var message: String {
        "--file adds an SQLite office to the roll-up; a PostgreSQL database's offices are all rolled up already. Leave out --file, or move the file's books in with bekal migrate."
    }
}
