import BekalCore

/// The core's ports on one open PostgreSQL transaction (``PostgresStore``).
///
/// The SQL is the SQLite store's, in PostgreSQL's words: `$1` placeholders, `RETURNING id` for
/// the id a row was given, `GREATEST` for SQLite's two-argument `max`. Dates are the same ISO
/// text in both stores.
///
/// Every statement is a round trip to the server, which is most of what a bulk run costs
/// (BENCHMARKS.md, "Many offices on one PostgreSQL server"). So, as the SQLite store does, the
/// rows a bulk run reads once per operation (settings, books, accounts by id and by role,
/// cohorts, the chain head, closings, the latest value date, the running balances) are kept in
/// ``cache`` for the life of the transaction. That is safe because the office's writers take
/// turns (a write transaction holds the office's lock, and a read sees one snapshot) and every
/// write of this transaction goes through this object, which updates or drops the cached
/// value as soon as its statement succeeds; a savepoint that is rolled back drops them all, and
/// a new transaction starts empty.
///
/// The ports are added one file per group (`PostgresTransaction+Ledger.swift` …), each
/// declaring its conformance once it is whole.
final class PostgresTransaction {
    /// Its connection, inside the transaction ``PostgresStore`` opened: a read runs on a
    /// read-only snapshot, where the server itself refuses any write.
    let db: PGConnection
    var cache = Cache()
    /// In a write that has not yet taken the office's writer lock: takes it. Every statement
    /// runs it first (and then it is gone), but those of the aftercare record, which may run
    /// beside the books' writer (``besideTheWriter(_:)``).
    var takeWriterLock: (() throws -> Void)?
    private var beside = 0

    /// The rows this transaction has read or written, by key (see the type's doc).
    struct Cache {
        var accounts: [Int64: Account] = [:]
        var accountsByRole: [AccountRoleKey: Account] = [:]
        var booksByID: [Int64: Book] = [:]
        var booksByCode: [String: Book] = [:]
        /// `.some(nil)`: read, and there is no entry yet.
        var chainHead: (id: Int64, hash: String)??
        var closedThrough: [Int64: YearMonth?] = [:]
        var latestValueDate: [Int64: LocalDate?] = [:]
        var totals: [Int64: AccountTotals] = [:]
        var settings: ProgrammeSettings?
        var cohorts: [Int64: Cohort] = [:]
    }

    struct AccountRoleKey: Hashable {
        let bookID: Int64
        let role: AccountRole
    }

    init(db: PGConnection) {
        self.db = db
    }

    /// Runs `body`, whose statements may run while another transaction is the books' writer:
    /// the aftercare record's reads and writes (``PostgresStore``). A statement outside such a
    /// body takes the writer lock first, if the transaction has not.
    @discardableResult
    func besideTheWriter<T>(_ body: () throws -> T) rethrows -> T {
        beside += 1
        defer { beside -= 1 }
        return try body()
    }

    /// Before any statement: the writer lock, unless this one may run beside the writer.
    func beforeStatement() throws {
        guard beside == 0, let take = takeWriterLock else { return }
        takeWriterLock = nil
        try take()
    }

    /// The first row of the answer, if any.
    func one(_ sql: String, _ parameters: [PGValue] = []) throws -> PGRow? {
        try beforeStatement()
        let result = try db.query(sql, parameters)
        return result.count == 0 ? nil : PGRow(result: result, index: 0)
    }

    /// Every row of the answer, in order.
    func all(_ sql: String, _ parameters: [PGValue] = []) throws -> [PGRow] {
        try beforeStatement()
        let result = try db.query(sql, parameters)
        return (0..<result.count).map { PGRow(result: result, index: $0) }
    }

    /// Runs a statement; the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ parameters: [PGValue] = []) throws -> Int {
        try beforeStatement()
        return try db.query(sql, parameters).changed
    }

    /// Runs an `INSERT … RETURNING id`; the id the server gave the row.
    func insertReturningID(_ sql: String, _ parameters: [PGValue]) throws -> Int64 {
        guard let row = try one(sql, parameters) else { throw PostgresReadError.noRow(sql: sql) }
        return try row.int("id")
    }

    /// One integer, or nil (no row, or NULL).
    func scalar(_ sql: String, _ parameters: [PGValue] = []) throws -> Int64? {
        try one(sql, parameters)?.optionalInt(0)
    }
}

/// One row of an answer, read by column name or position. A value the row cannot give as
/// asked (NULL where the schema has NOT NULL, text that is not a date) throws
/// ``PostgresReadError``, naming the column, rather than trapping.
struct PGRow {
    let result: PGResult
    let index: Int

    func position(_ column: String) throws -> Int {
        guard let position = result.column(column) else { throw PostgresReadError.noColumn(column) }
        return position
    }

    func optionalInt(_ column: String) throws -> Int64? { result.int(index, try position(column)) }
    func optionalInt(_ position: Int) -> Int64? { result.int(index, position) }
    func int(_ column: String) throws -> Int64 {
        guard let value = try optionalInt(column) else { throw PostgresReadError.null(column) }
        return value
    }
    func int(_ position: Int) throws -> Int64 {
        guard let value = optionalInt(position) else { throw PostgresReadError.null("#\(position)") }
        return value
    }

    func optionalText(_ column: String) throws -> String? { result.text(index, try position(column)) }
    func optionalText(_ position: Int) -> String? { result.text(index, position) }
    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else { throw PostgresReadError.null(column) }
        return value
    }
    func text(_ position: Int) throws -> String {
        guard let value = optionalText(position) else { throw PostgresReadError.null("#\(position)") }
        return value
    }

    /// An integer column holding 0 or 1, as the schema keeps flags (the same as SQLite's).
    func flag(_ column: String) throws -> Bool { try int(column) != 0 }

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let text = try optionalText(column) else { return nil }
        guard let date = try? LocalDate.parse(text) else { throw PostgresReadError.notADate(column, text) }
        return date
    }
    func optionalDate(_ position: Int) throws -> LocalDate? {
        guard let text = optionalText(position) else { return nil }
        guard let date = try? LocalDate.parse(text) else { throw PostgresReadError.notADate("#\(position)", text) }
        return date
    }
    func date(_ column: String) throws -> LocalDate {
        guard let value = try optionalDate(column) else { throw PostgresReadError.null(column) }
        return value
    }

    /// A text column read as one of an enum's raw values.
    func value<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else { throw PostgresReadError.unknownValue(column, text) }
        return value
    }
    func optionalValue<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T? where T.RawValue == String {
        guard let text = try optionalText(column) else { return nil }
        guard let value = T(rawValue: text) else { throw PostgresReadError.unknownValue(column, text) }
        return value
    }
}

/// A stored value this version cannot read: a row edited by hand, or a bug in a statement.
public enum PostgresReadError: BekalFailure, Equatable {
    case noRow(sql: String)
    case noColumn(String)
    case null(String)
    case notADate(String, String)
    case unknownValue(String, String)

    public var code: String { "pg_unreadable" }

    public var message: String {
        switch self {
        case .noRow(let sql): "PostgreSQL returned no row where one was expected (\(sql.prefix(60))…)."
        case .noColumn(let column): "PostgreSQL returned no column \(column)."
        case .null(let column): "Column \(column) is empty in the database where Bekal needs a value; the row was edited by hand."
        case .notADate(let column, let text): "Column \(column) holds \(text), which is not a date (YYYY-MM-DD); the row was edited by hand."
        case .unknownValue(let column, let text): "Column \(column) holds \(text), which this version of Bekal does not know; the row was edited by hand or by a newer Bekal."
        }
    }
}

extension PGValue {
    /// A flag as the schema keeps it: 1 or 0.
    static func flag(_ value: Bool) -> PGValue { .int(value ? 1 : 0) }
    static func int(_ value: Int) -> PGValue { .int(Int64(value)) }
    static func int(_ value: Int?) -> PGValue { value.map { .int(Int64($0)) } ?? .null }
    static func date(_ value: LocalDate?) -> PGValue { value.map { .text($0.description) } ?? .null }
    static func money(_ value: Rupiah?) -> PGValue { value.map { .int($0.amount) } ?? .null }
    /// An array of integers as PostgreSQL reads one in text, `{1,NULL,3}`, for `$n::bigint[]`.
    static func array<T: BinaryInteger>(_ values: [T?]) -> PGValue {
        .text("{" + values.map { $0.map { String($0) } ?? "NULL" }.joined(separator: ",") + "}")
    }
    static func array<T: BinaryInteger>(_ values: [T]) -> PGValue { array(values.map { Optional($0) }) }
}
