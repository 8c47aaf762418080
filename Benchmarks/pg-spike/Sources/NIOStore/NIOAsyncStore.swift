import GrantPath
import PostgresNIO

/// postgres-nio with the port made async (the alternative to NIOWaitPort): the same queries
/// through the same EventLoopFuture API, awaited (`.get()`) instead of waited on. Run either
/// from the main actor, or pinned to the connection's event loop (`EventLoopPinned`), where
/// every await resumes on the loop's own thread and no query crosses threads.
public final class NIOAsyncPort: AsyncRawPort {
    let conn: PostgresConnection
    let logger: Logger
    var backendPID: Int32 = 0
    /// How many queries were started on the event loop's own thread, and how many from elsewhere.
    public private(set) var onLoop = 0, offLoop = 0
    public var eventLoop: any EventLoop { conn.eventLoop }

    public init(_ s: ConnectionSettings, id: Int, on loop: any EventLoop) async throws {
        var logger = Logger(label: "pg-spike")
        logger.logLevel = .error
        self.logger = logger
        let config = PostgresConnection.Configuration(unixSocketPath: s.socketPath, username: s.user, password: nil, database: s.database)
        conn = try await PostgresConnection.connect(on: loop, configuration: config, id: id, logger: logger)
        backendPID = try await query("SELECT pg_backend_pid()").first!.decode(Int32.self)
    }

    @discardableResult
    func query(_ sql: SQL, _ build: (inout PostgresBindings) -> Void = { _ in }) async throws -> PostgresQueryResult {
        var binds = PostgresBindings()
        build(&binds)
        if conn.eventLoop.inEventLoop { onLoop += 1 } else { offLoop += 1 }
        return try await conn.query(PostgresQuery(unsafeSQL: sql.text, binds: binds), logger: logger).get()
    }

    @discardableResult
    func query(_ text: String) async throws -> PostgresQueryResult {
        try await conn.query(PostgresQuery(unsafeSQL: text), logger: logger).get()
    }

    public func begin() async throws { try await query("BEGIN") }
    public func commit() async throws { try await query("COMMIT") }
    public func rollback() async { _ = try? await query("ROLLBACK") }

    public func lockChainHead() async throws -> ChainHead? {
        try await query(.lockHead).first.map { row in let (id, hash) = try row.decode((Int64, String).self); return ChainHead(id: id, hash: hash) }
    }
    public func setChainHead(_ head: ChainHead) async throws { try await query(.setHead) { $0.append(head.id); $0.append(head.hash) } }
    public func book(code: String) async throws -> Int64? { try await query(.book) { $0.append(code) }.first.map { try $0.decode(Int64.self) } }
    public func beneficiary(id: Int64) async throws -> BeneficiaryRecord? {
        var person: Int64?
        var everPaid = false
        var enrolments: [EnrolmentRecord] = []
        for row in try await query(.beneficiary, { $0.append(id) }) {
            let (pid, _, _, cohort, status, date, paid) = try row.decode((Int64, String, String?, Int64?, String?, String?, Bool).self)
            person = pid
            everPaid = paid
            if let cohort, let status { enrolments.append(EnrolmentRecord(cohortID: cohort, status: status, statusDate: date)) }
        }
        return person.map { BeneficiaryRecord(id: $0, enrolments: enrolments, everPaid: everPaid) }
    }
    public func grants(beneficiaryID: Int64) async throws -> [GrantRecord] {
        try await query(.grants) { $0.append(beneficiaryID) }.map { row in
            let (id, cohort, entry) = try row.decode((Int64, Int64, Int64).self)
            return GrantRecord(id: id, cohortID: cohort, entryID: entry)
        }
    }
    public func cohort(id: Int64) async throws -> CohortRecord? {
        try await query(.cohort) { $0.append(id) }.first.map { row in
            let (id, code, amount, end, year) = try row.decode((Int64, String, Int64, String?, Int64?).self)
            return CohortRecord(id: id, code: code, grantAmount: amount, trainingEnd: end, budgetYear: year)
        }
    }
    public func account(bookID: Int64, role: String) async throws -> AccountRecord? {
        try NIOWaitPort.account(await query(.accountByRole) { $0.append(bookID); $0.append(role) })
    }
    public func account(id: Int64) async throws -> AccountRecord? { try NIOWaitPort.account(await query(.accountByID) { $0.append(id) }) }
    public func entryID(idempotencyKey: String) async throws -> Int64? {
        try await query(.entryByKey) { $0.append(idempotencyKey) }.first.map { try $0.decode(Int64.self) }
    }
    public func closedThrough(bookID: Int64) async throws -> String? { try await query(.closedThrough) { $0.append(bookID) }.first?.decode(String?.self) }
    public func balance(accountID: Int64) async throws -> Int64 { try await query(.balance) { $0.append(accountID) }.first?.decode(Int64.self) ?? 0 }
    public func setBalance(accountID: Int64, balance: Int64) async throws { try await query(.setBalance) { $0.append(accountID); $0.append(balance) } }
    public func latestValueDate(bookID: Int64) async throws -> String? { try await query(.latestDate) { $0.append(bookID) }.first?.decode(String?.self) }
    public func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) async throws {
        for row in try await query(.postingsAfter, { $0.append(bookID); $0.append(date); $0.append(accountID) }) {
            let (day, amount) = try row.decode((String, Int64).self)
            try body(day, amount)
        }
    }
    public func insertEntry(_ e: EntryRecord) async throws {
        try await query(.insertEntry) {
            $0.append(e.id); $0.append(e.bookID); $0.append(e.kind); $0.append(e.valueDate); $0.append(e.recordedAt)
            $0.append(e.actor); $0.append(e.memo); $0.append(e.documentRef); $0.append(e.idempotencyKey)
            $0.append(e.previousHash); $0.append(e.hash)
        }
        for (line, p) in e.postings.enumerated() {
            try await query(.insertPosting) {
                $0.append(e.id); $0.append(Int64(line)); $0.append(p.accountID); $0.append(p.amount); $0.append(p.beneficiaryID)
                $0.append(p.cohortID); $0.append(p.budgetYear)
            }
        }
    }
    public func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64) async throws -> Int64 {
        try await query(.insertGrant) { $0.append(beneficiaryID); $0.append(cohortID); $0.append(entryID); $0.append(amount) }.first!.decode(Int64.self)
    }
    public func noteGrant(beneficiaryID: Int64, grantID: Int64, entryID: Int64, amount: Int64, valueDate: String) async throws {
        let bind: (inout PostgresBindings) -> Void = {
            $0.append(beneficiaryID); $0.append(grantID); $0.append(entryID); $0.append(amount); $0.append(valueDate)
        }
        if try await query(.noteGrant, bind).metadata.rows == 0 { try await query(.insertCase, bind) }
    }
    public func analyze() async throws { try await query("ANALYZE") }
    public func serverCPUSeconds() -> Double? { processCPUSeconds(pid: backendPID) }
}

/// An actor whose executor is an event loop: code it runs, and every nonisolated(nonsending)
/// async function that code calls, runs on the loop's thread.
public actor EventLoopPinned {
    let loop: any EventLoop
    public init(_ loop: any EventLoop) { self.loop = loop }
    public nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }
    public func run(_ body: @Sendable () async throws -> Void) async throws { try await body() }
}
