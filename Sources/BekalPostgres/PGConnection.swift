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
    /// may be a Unix-socket folder: `postgres://USER@/NAME?host=/run/postgresql`).
    public init(_ target: String) throws {
        guard let c = PQconnectdb(target) else { throw PGError(sqlState: "", message: "libpq could not allocate a connection") }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(c)).trimmingTrailingNewlines
            PQfinish(c)
            throw PGError.cannotConnect(message)
        }
        conn = c
        backendPID = PQbackendPID(c)
        try execute("SET plan_cache_mode = force_custom_plan; SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'")
    }

    deinit { PQfinish(conn) }

    /// Whether the connection is still usable (a server restart or a network cut breaks it).
    public var isHealthy: Bool { PQstatus(conn) == CONNECTION_OK }

    /// Whether a transaction is open, or failed and not yet rolled back.
    public var inTransaction: Bool {
        let status = PQtransactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs one or more statements without parameters (schema, transaction control).
    public func execute(_ sql: String) throws {
        let result = PQexec(conn, sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs one statement with parameters `$1`, `$2` … bound to `parameters` in order, prepared
    /// on its first use on this connection.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PGValue] = []) throws -> PGResult {
        let name = try statementName(sql)
        let texts = parameters.map(\.text)
        let result: OpaquePointer? = withTextPointers(texts) { pointers in
            PQexecPrepared(conn, name, Int32(pointers.count), pointers, nil, nil, 0)
        }
        do {
            try check(result)
        } catch {
            PQclear(result)
            throw error
        }
        return PGResult(result!)
    }

    private func statementName(_ sql: String) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "s\(prepared.count + 1)"
        let result = PQprepare(conn, name, sql, 0, nil)
        defer { PQclear(result) }
        try check(result)
        prepared[sql] = name
        return name
    }

    private func check(_ result: OpaquePointer?) throws {
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK { return }
        guard let result else { throw PGError(sqlState: "", message: String(cString: PQerrorMessage(conn)).trimmingTrailingNewlines) }
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        throw PGError(sqlState: field("C") ?? "", message: field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines,
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
    deinit { PQclear(result) }

    public var count: Int { Int(PQntuples(result)) }
    public var columnCount: Int { Int(PQnfields(result)) }
    /// The rows an INSERT, UPDATE or DELETE touched.
    public var changed: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    public func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) != 0 }

    public func text(_ row: Int, _ column: Int) -> String? {
        isNull(row, column) ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    public func int(_ row: Int, _ column: Int) -> Int64? {
        isNull(row, column) ? nil : strtoll(PQgetvalue(result, Int32(row), Int32(column)), nil, 10)
    }

    public func bool(_ row: Int, _ column: Int) -> Bool? {
        isNull(row, column) ? nil : PQgetvalue(result, Int32(row), Int32(column)).pointee == UInt8(ascii: "t")
    }

    /// The position of a column by name, for readers that go by name.
    public func column(_ name: String) -> Int? {
        let index = PQfnumber(result, name)
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

    public var description: String {
        "PostgreSQL \(sqlState): \(message)" + (detail.map { " (\($0))" } ?? "")
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
