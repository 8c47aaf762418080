import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One connection to a PostgreSQL server through Debian's libpq, used by one thread at a time.
///
/// Every call blocks its thread until the server answers (the store runs on the caller's
/// thread, as the SQLite store does; README, Design). Parameters go as text and results come
/// back as text, so no binary formats are decoded here. A statement sent through
/// ``query(_:_:)`` is prepared on its first use on this connection and reused after, by its
/// text. The session runs with `plan_cache_mode = force_custom_plan`: with the default, the
/// server switches a prepared statement to a generic plan after five runs, chosen while the
/// tables were small, and keeps it as they grow (measured in `Benchmarks/pg-spike`).
public final class PGConnection {
    private let conn: OpaquePointer
    private var prepared: [String: String] = [:]
    /// The server process serving this connection.
    public let backendPID: Int32

    /// `target`: a libpq connection string or URI, `postgres://USER@HOST:PORT/NAME` (the host
    /// may be a Unix-socket folder: `postgres://USER@/NAME?host=/run/postgresql`). With a
    /// `schema`, unqualified names are looked up and created there (`search_path`) only: an
    /// office's tables (``PostgresOffices``).
    public init(_ target: String, schema: String? = nil) throws {
        let pq = try LibPQ.loaded.get()
        guard let c = pq.connectdb(target) else { throw PGError(sqlState: "", message: "libpq could not allocate a connection") }
        guard pq.status(c) == CONNECTION_OK else {
            let message = String(cString: pq.errorMessage(c)).trimmingTrailingNewlines
            pq.finish(c)
            throw PGError.cannotConnect(message)
        }
        conn = c
        backendPID = pq.backendPID(c)
        try execute("SET plan_cache_mode = force_custom_plan; SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'")
        if let schema { try execute("SET search_path = \(PGConnection.quoted(schema))") }
    }

    /// `name` as a quoted SQL identifier.
    public static func quoted(_ name: String) -> String { "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }

    deinit { LibPQ.api.finish(conn) }

    /// Whether the connection is still usable (a server restart or a network cut breaks it).
    public var isHealthy: Bool { LibPQ.api.status(conn) == CONNECTION_OK }

    /// Whether a transaction is open, or failed and not yet rolled back.
    public var inTransaction: Bool {
        let status = LibPQ.api.transactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs one or more statements without parameters (schema, transaction control).
    public func execute(_ sql: String) throws {
        let result = LibPQ.api.exec(conn, sql)
        defer { LibPQ.api.clear(result) }
        try check(result)
    }

    /// Runs one statement with parameters `$1`, `$2` … bound to `parameters` in order, prepared
    /// on its first use on this connection.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PGValue] = []) throws -> PGResult {
        let name = try statementName(sql)
        let texts = parameters.map(\.text)
        let result: OpaquePointer? = withTextPointers(texts) { pointers in
            LibPQ.api.execPrepared(conn, name, Int32(pointers.count), pointers, nil, nil, 0)
        }
        do {
            try check(result)
        } catch {
            LibPQ.api.clear(result)
            throw error
        }
        return PGResult(result!)
    }

    private func statementName(_ sql: String) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "s\(prepared.count + 1)"
        let result = LibPQ.api.prepare(conn, name, sql, 0, nil)
        defer { LibPQ.api.clear(result) }
        try check(result)
        prepared[sql] = name
        return name
    }

    private func check(_ result: OpaquePointer?) throws {
        let status = LibPQ.api.resultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK { return }
        guard let result else { throw PGError(sqlState: "", message: String(cString: LibPQ.api.errorMessage(conn)).trimmingTrailingNewlines) }
        func field(_ code: Character) -> String? {
            LibPQ.api.resultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        throw PGError(sqlState: field("C") ?? "", message: field("M") ?? String(cString: LibPQ.api.resultErrorMessage(result)).trimmingTrailingNewlines,
                      detail: field("D"), constraint: field("n"))
    }
}

/// Calls `body` with C pointers to the texts (nil for SQL NULL), valid only inside it.
private func withTextPointers<R>(_ texts: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var buffer: [CChar] = []
    var offsets: [Int] = []
    for text in texts {
        guard let text else { offsets.append(-1); continue }
        offsets.append(buffer.count)
        buffer.append(contentsOf: text.utf8CString)
    }
    return buffer.withUnsafeBufferPointer { base in
        body(offsets.map { $0 < 0 ? nil : base.baseAddress! + $0 })
    }
}

/// A parameter of a statement, sent as text.
public enum PGValue: Sendable, Equatable {
    case null
    case text(String)
    case int(Int64)
    case bool(Bool)

    var text: String? {
        switch self {
        case .null: nil
        case .text(let value): value
        case .int(let value): String(value)
        case .bool(let value): value ? "t" : "f"
        }
    }
}

extension PGValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(_ value: String?) { self = value.map(PGValue.text) ?? .null }
    public init(_ value: Int64?) { self = value.map(PGValue.int) ?? .null }
}

/// The rows of one statement's answer, read by row and column. Owns the libpq result.
public final class PGResult {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { LibPQ.api.clear(result) }

    public var count: Int { Int(LibPQ.api.ntuples(result)) }
    public var columnCount: Int { Int(LibPQ.api.nfields(result)) }
    /// The rows an INSERT, UPDATE or DELETE touched.
    public var changed: Int { Int(String(cString: LibPQ.api.cmdTuples(result))) ?? 0 }

    public func isNull(_ row: Int, _ column: Int) -> Bool { LibPQ.api.getisnull(result, Int32(row), Int32(column)) != 0 }

    public func text(_ row: Int, _ column: Int) -> String? {
        isNull(row, column) ? nil : String(cString: LibPQ.api.getvalue(result, Int32(row), Int32(column)))
    }

    public func int(_ row: Int, _ column: Int) -> Int64? {
        isNull(row, column) ? nil : strtoll(LibPQ.api.getvalue(result, Int32(row), Int32(column)), nil, 10)
    }

    public func bool(_ row: Int, _ column: Int) -> Bool? {
        isNull(row, column) ? nil : LibPQ.api.getvalue(result, Int32(row), Int32(column)).pointee == UInt8(ascii: "t")
    }

    /// The position of a column by name, for readers that go by name.
    public func column(_ name: String) -> Int? {
        let index = LibPQ.api.fnumber(result, name)
        return index < 0 ? nil : Int(index)
    }
}

/// A refusal or failure from the server, with its SQLSTATE.
public struct PGError: Error, Equatable, CustomStringConvertible {
    public let sqlState: String
    public let message: String
    public var detail: String?
    /// The constraint a violation names, if any.
    public var constraint: String?

    public init(sqlState: String, message: String, detail: String? = nil, constraint: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
    }

    static func cannotConnect(_ message: String) -> PGError { PGError(sqlState: "08001", message: message) }

    /// 23505: a UNIQUE key already holds this value.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// 40001 or 40P01: the transaction lost to another one and may be run again from the start.
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// Class 08: the connection failed.
    public var isConnectionFailure: Bool { sqlState.hasPrefix("08") }

    /// The state and the server's message, never `detail`: PostgreSQL puts the row's values
    /// there ("Key (nik)=(…) already exists"), and a description may reach a screen or a log.
    public var description: String {
        "PostgreSQL \(sqlState): \(message)"
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
