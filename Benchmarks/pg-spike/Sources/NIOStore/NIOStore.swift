import GrantPath
import PostgresNIO

/// (A) postgres-nio behind the synchronous port, the way it would be served without making
/// Bekal's core async: every port call sends its query on the connection's event loop and
/// blocks the caller's thread on the `EventLoopFuture` (`.wait()`), which is allowed because
/// the caller is never an event-loop thread. The future API runs each query as an unnamed
/// extended-protocol statement (Parse/Bind/Describe/Execute/Sync in one round trip);
/// parameters and results are binary.
public final class NIOWaitPort: RawPort {
    let conn: PostgresConnection
    let logger: Logger
    var backendPID: Int32 = 0

    public init(_ s: ConnectionSettings, id: Int = 1) throws {
        var logger = Logger(label: "pg-spike")
        logger.logLevel = .error
        self.logger = logger
        let config = PostgresConnection.Configuration(unixSocketPath: s.socketPath, username: s.user, password: nil, database: s.database)
        conn = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config, id: id,
                                              logger: logger).wait()
        backendPID = try query("SELECT pg_backend_pid()").first!.decode(Int32.self)
    }

    deinit { try? conn.close().wait() }

    @discardableResult
    func query(_ sql: SQL, _ build: (inout PostgresBindings) -> Void = { _ in }) throws -> PostgresQueryResult {
        var binds = PostgresBindings()
        build(&binds)
        return try conn.query(PostgresQuery(unsafeSQL: sql.text, binds: binds), logger: logger).wait()
    }

    @discardableResult
    func query(_ text: String) throws -> PostgresQueryResult {
        try conn.query(PostgresQuery(unsafeSQL: text), logger: logger).wait()
    }

    // MARK: RawPort

    public func begin() throws { try query("BEGIN") }
    public func commit() throws { try query("COMMIT") }
    public func rollback() { _ = try? query("ROLLBACK") }

    public func lockChainHead() throws -> ChainHead? {
        try query(.lockHead).first.map { row in let (id, hash) = try row.decode((Int64, String).self); return ChainHead(id: id, hash: hash) }
    }
    public func setChainHead(_ head: ChainHead) throws {
        try query(.setHead) { $0.append(head.id); $0.append(head.hash) }
    }
    public func book(code: String) throws -> Int64? {
        try query(.book) { $0.append(code) }.first.map { try $0.decode(Int64.self) }
    }
    public func beneficiary(id: Int64) throws -> BeneficiaryRecord? {
        var person: Int64?
        var everPaid = false
        var enrolments: [EnrolmentRecord] = []
        for row in try query(.beneficiary, { $0.append(id) }) {
            let (pid, _, _, cohort, status, date, paid) = try row.decode((Int64, String, String?, Int64?, String?, String?, Bool).self)
            person = pid
            everPaid = paid
            if let cohort, let status { enrolments.append(EnrolmentRecord(cohortID: cohort, status: status, statusDate: date)) }
        }
        return person.map { BeneficiaryRecord(id: $0, enrolments: enrolments, everPaid: everPaid) }
    }
    public func grants(beneficiaryID: Int64) throws -> [GrantRecord] {
        try query(.grants) { $0.append(beneficiaryID) }.map { row in
            let (id, cohort, entry) = try row.decode((Int64, Int64, Int64).self)
            return GrantRecord(id: id, cohortID: cohort, entryID: entry)
        }
    }
    public func cohort(id: Int64) throws -> CohortRecord? {
        try query(.cohort) { $0.append(id) }.first.map { row in
            let (id, code, amount, end, year) = try row.decode((Int64, String, Int64, String?, Int64?).self)
            return CohortRecord(id: id, code: code, grantAmount: amount, trainingEnd: end, budgetYear: year)
        }
    }
    public func account(bookID: Int64, role: String) throws -> AccountRecord? {
        try Self.account(query(.accountByRole) { $0.append(bookID); $0.append(role) })
    }
    public func account(id: Int64) throws -> AccountRecord? {
        try Self.account(query(.accountByID) { $0.append(id) })
    }
    static func account(_ result: PostgresQueryResult) throws -> AccountRecord? {
        try result.first.map { row in
            let (id, book, code, noNegative) = try row.decode((Int64, Int64, String, Bool).self)
            return AccountRecord(id: id, bookID: book, code: code, noNegative: noNegative)
        }
    }
    public func entryID(idempotencyKey: String) throws -> Int64? {
        try query(.entryByKey) { $0.append(idempotencyKey) }.first.map { try $0.decode(Int64.self) }
    }
    public func closedThrough(bookID: Int64) throws -> String? {
        try query(.closedThrough) { $0.append(bookID) }.first?.decode(String?.self)
    }
    public func balance(accountID: Int64) throws -> Int64 {
        try query(.balance) { $0.append(accountID) }.first?.decode(Int64.self) ?? 0
    }
    public func setBalance(accountID: Int64, balance: Int64) throws {
        try query(.setBalance) { $0.append(accountID); $0.append(balance) }
    }
    public func latestValueDate(bookID: Int64) throws -> String? {
        try query(.latestDate) { $0.append(bookID) }.first?.decode(String?.self)
    }
    public func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) throws {
        for row in try query(.postingsAfter, { $0.append(bookID); $0.append(date); $0.append(accountID) }) {
            let (day, amount) = try row.decode((String, Int64).self)
            try body(day, amount)
        }
    }
    public func insertEntry(_ e: EntryRecord) throws {
        try query(.insertEntry) {
            $0.append(e.id); $0.append(e.bookID); $0.append(e.kind); $0.append(e.valueDate); $0.append(e.recordedAt)
            $0.append(e.actor); $0.append(e.memo); $0.append(e.documentRef); $0.append(e.idempotencyKey)
            $0.append(e.previousHash); $0.append(e.hash)
        }
        for (line, p) in e.postings.enumerated() {
            try query(.insertPosting) {
                $0.append(e.id); $0.append(Int64(line)); $0.append(p.accountID); $0.append(p.amount); $0.append(p.beneficiaryID)
                $0.append(p.cohortID); $0.append(p.budgetYear)
            }
        }
    }
    public func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64) throws -> Int64 {
        try query(.insertGrant) { $0.append(beneficiaryID); $0.append(cohortID); $0.append(entryID); $0.append(amount) }
            .first!.decode(Int64.self)
    }
    public func noteGrant(beneficiaryID: Int64, grantID: Int64, entryID: Int64, amount: Int64, valueDate: String) throws {
        let bind: (inout PostgresBindings) -> Void = {
            $0.append(beneficiaryID); $0.append(grantID); $0.append(entryID); $0.append(amount); $0.append(valueDate)
        }
        if try query(.noteGrant, bind).metadata.rows == 0 { try query(.insertCase, bind) }
    }
    public func analyze() throws { try query("ANALYZE") }
    public func serverCPUSeconds() -> Double? { processCPUSeconds(pid: backendPID) }
}
