import CLibPQ
import GrantPath
#if canImport(Glibc)
import Glibc
#endif

/// (B) Debian's libpq behind the synchronous port, as it is: every call is a blocking
/// `PQexecPrepared` on the calling thread. Each statement is prepared once per connection;
/// parameters go as text, results come back as text. The connection sets
/// `plan_cache_mode = force_custom_plan`: without it the server switches each prepared statement
/// to a generic plan after five executions, picked while the tables were small (a Seq Scan on
/// grant_payment and on journal_entry's idempotency key), and keeps it as they grow: measured,
/// server CPU per bulk grant went from ~0.48 to ~2.1 ms (`pg-spike-libpq --generic` keeps that
/// default, to reproduce it). With `prepared: false` (the control run, `pg-spike-libpq
/// --unprepared`) each call is a `PQexecParams` instead: an unnamed statement parsed and planned
/// at every call (Parse/Bind/Execute/Sync in one round trip), the way postgres-nio's query API sends them.
public final class LibPQPort: RawPort {
    let conn: OpaquePointer
    let backendPID: Int32
    let prepared: Bool

    public struct Failure: Error, CustomStringConvertible {
        public let sqlState: String
        public let message: String
        public var description: String { "PostgreSQL \(sqlState): \(message)" }
    }

    public init(_ s: ConnectionSettings, prepared: Bool = true, customPlans: Bool = true) throws {
        let info = "host=\(s.socketDirectory) port=\(s.port) user=\(s.user) dbname=\(s.database)"
            + (prepared && customPlans ? " options='-c plan_cache_mode=force_custom_plan'" : "")
        guard let c = PQconnectdb(info) else { throw Failure(sqlState: "", message: "out of memory") }
        guard PQstatus(c) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(c))
            PQfinish(c)
            throw Failure(sqlState: "08000", message: message)
        }
        conn = c
        backendPID = PQbackendPID(c)
        self.prepared = prepared
        for statement in SQL.allCases where prepared {
            let r = PQprepare(conn, statement.name, statement.text, 0, nil)
            defer { PQclear(r) }
            try check(r, PGRES_COMMAND_OK)
        }
    }

    deinit { PQfinish(conn) }

    /// One result; its values are read before it is cleared.
    struct Rows {
        let result: OpaquePointer
        var count: Int32 { PQntuples(result) }
        func isNull(_ row: Int32, _ col: Int32) -> Bool { PQgetisnull(result, row, col) != 0 }
        func int(_ row: Int32, _ col: Int32) -> Int64 { strtoll(PQgetvalue(result, row, col), nil, 10) }
        func optionalInt(_ row: Int32, _ col: Int32) -> Int64? { isNull(row, col) ? nil : int(row, col) }
        func text(_ row: Int32, _ col: Int32) -> String { String(cString: PQgetvalue(result, row, col)) }
        func optionalText(_ row: Int32, _ col: Int32) -> String? { isNull(row, col) ? nil : text(row, col) }
        func bool(_ row: Int32, _ col: Int32) -> Bool { PQgetvalue(result, row, col).pointee == UInt8(ascii: "t") }
        var changed: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }
    }

    /// Text parameters, NULL as nil, packed into one buffer.
    struct Params {
        var bytes: [CChar] = []
        var offsets: [Int] = []
        mutating func add(_ v: String?) {
            guard let v else { offsets.append(-1); return }
            offsets.append(bytes.count)
            bytes.append(contentsOf: v.utf8CString)
        }
        mutating func add(_ v: Int64?) { add(v.map { String($0) }) }
    }

    @discardableResult
    func run<T>(_ statement: SQL, _ params: Params = Params(), _ read: (Rows) throws -> T) throws -> T {
        let result: OpaquePointer? = params.bytes.withUnsafeBufferPointer { buffer in
            let pointers: [UnsafePointer<CChar>?] = params.offsets.map { $0 < 0 ? nil : buffer.baseAddress! + $0 }
            return prepared
                ? PQexecPrepared(conn, statement.name, Int32(pointers.count), pointers, nil, nil, 0)
                : PQexecParams(conn, statement.text, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, nil)
        return try read(Rows(result: result!))
    }

    func run(_ statement: SQL, _ params: Params = Params()) throws { try run(statement, params) { _ in () } }

    func simple(_ sql: String) throws {
        let r = PQexec(conn, sql)
        defer { PQclear(r) }
        try check(r, PGRES_COMMAND_OK)
    }

    func check(_ r: OpaquePointer?, _ expected: ExecStatusType?) throws {
        let status = PQresultStatus(r)
        if let expected, status == expected { return }
        if expected == nil, status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK { return }
        let state = PQresultErrorField(r, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
        throw Failure(sqlState: state, message: String(cString: PQresultErrorMessage(r)))
    }

    static func params(_ build: (inout Params) -> Void) -> Params { var p = Params(); build(&p); return p }

    // MARK: RawPort

    public func begin() throws { try simple("BEGIN") }
    public func commit() throws { try simple("COMMIT") }
    public func rollback() { try? simple("ROLLBACK") }

    public func lockChainHead() throws -> ChainHead? {
        try run(.lockHead) { r in r.count == 0 ? nil : ChainHead(id: r.int(0, 0), hash: r.text(0, 1)) }
    }
    public func setChainHead(_ head: ChainHead) throws {
        try run(.setHead, Self.params { $0.add(head.id); $0.add(head.hash) })
    }
    public func book(code: String) throws -> Int64? {
        try run(.book, Self.params { $0.add(code) }) { r in r.count == 0 ? nil : r.int(0, 0) }
    }
    public func beneficiary(id: Int64) throws -> BeneficiaryRecord? {
        try run(.beneficiary, Self.params { $0.add(id) }) { r in
            guard r.count > 0 else { return nil }
            _ = (r.text(0, 1), r.optionalText(0, 2))  // name and NIK, read as the real store would
            var enrolments: [EnrolmentRecord] = []
            for i in 0..<r.count where !r.isNull(i, 3) {
                enrolments.append(EnrolmentRecord(cohortID: r.int(i, 3), status: r.text(i, 4), statusDate: r.optionalText(i, 5)))
            }
            return BeneficiaryRecord(id: r.int(0, 0), enrolments: enrolments, everPaid: r.bool(0, 6))
        }
    }
    public func grants(beneficiaryID: Int64) throws -> [GrantRecord] {
        try run(.grants, Self.params { $0.add(beneficiaryID) }) { r in
            (0..<r.count).map { GrantRecord(id: r.int($0, 0), cohortID: r.int($0, 1), entryID: r.int($0, 2)) }
        }
    }
    public func cohort(id: Int64) throws -> CohortRecord? {
        try run(.cohort, Self.params { $0.add(id) }) { r in
            r.count == 0 ? nil : CohortRecord(id: r.int(0, 0), code: r.text(0, 1), grantAmount: r.int(0, 2),
                                              trainingEnd: r.optionalText(0, 3), budgetYear: r.optionalInt(0, 4))
        }
    }
    public func account(bookID: Int64, role: String) throws -> AccountRecord? {
        try run(.accountByRole, Self.params { $0.add(bookID); $0.add(role) }, Self.account)
    }
    public func account(id: Int64) throws -> AccountRecord? {
        try run(.accountByID, Self.params { $0.add(id) }, Self.account)
    }
    static func account(_ r: Rows) -> AccountRecord? {
        r.count == 0 ? nil : AccountRecord(id: r.int(0, 0), bookID: r.int(0, 1), code: r.text(0, 2), noNegative: r.bool(0, 3))
    }
    public func entryID(idempotencyKey: String) throws -> Int64? {
        try run(.entryByKey, Self.params { $0.add(idempotencyKey) }) { r in r.count == 0 ? nil : r.int(0, 0) }
    }
    public func closedThrough(bookID: Int64) throws -> String? {
        try run(.closedThrough, Self.params { $0.add(bookID) }) { r in r.optionalText(0, 0) }
    }
    public func balance(accountID: Int64) throws -> Int64 {
        try run(.balance, Self.params { $0.add(accountID) }) { r in r.count == 0 ? 0 : r.int(0, 0) }
    }
    public func setBalance(accountID: Int64, balance: Int64) throws {
        try run(.setBalance, Self.params { $0.add(accountID); $0.add(balance) })
    }
    public func latestValueDate(bookID: Int64) throws -> String? {
        try run(.latestDate, Self.params { $0.add(bookID) }) { r in r.optionalText(0, 0) }
    }
    public func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) throws {
        try run(.postingsAfter, Self.params { $0.add(bookID); $0.add(date); $0.add(accountID) }) { r in
            for i in 0..<r.count { try body(r.text(i, 0), r.int(i, 1)) }
        }
    }
    public func insertEntry(_ e: EntryRecord) throws {
        try run(.insertEntry, Self.params {
            $0.add(e.id); $0.add(e.bookID); $0.add(e.kind); $0.add(e.valueDate); $0.add(e.recordedAt); $0.add(e.actor)
            $0.add(e.memo); $0.add(e.documentRef); $0.add(e.idempotencyKey); $0.add(e.previousHash); $0.add(e.hash)
        })
        for (line, p) in e.postings.enumerated() {
            try run(.insertPosting, Self.params {
                $0.add(e.id); $0.add(Int64(line)); $0.add(p.accountID); $0.add(p.amount); $0.add(p.beneficiaryID)
                $0.add(p.cohortID); $0.add(p.budgetYear)
            })
        }
    }
    public func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64) throws -> Int64 {
        try run(.insertGrant, Self.params { $0.add(beneficiaryID); $0.add(cohortID); $0.add(entryID); $0.add(amount) }) { r in r.int(0, 0) }
    }
    public func noteGrant(beneficiaryID: Int64, grantID: Int64, entryID: Int64, amount: Int64, valueDate: String) throws {
        let p = Self.params { $0.add(beneficiaryID); $0.add(grantID); $0.add(entryID); $0.add(amount); $0.add(valueDate) }
        if try run(.noteGrant, p, { $0.changed }) == 0 { try run(.insertCase, p) }
    }
    public func analyze() throws { try simple("ANALYZE") }
    public func serverCPUSeconds() -> Double? { processCPUSeconds(pid: backendPID) }
}

public enum LibPQVersion {
    /// PQlibVersion: 150018 for 15.18.
    public static var string: String { let v = PQlibVersion(); return "\(v / 10000).\(v % 10000)" }
}
