/// The slice of Bekal's synchronous store port (`LedgerPort & RegistryPort` in
/// Sources/BekalCore/Ports/StorePorts.swift) that one `Operations.disburseGrant` touches,
/// and the records it passes. Money is Int64 rupiah; dates are `YYYY-MM-DD` text.

public struct ChainHead: Sendable, Equatable { public var id: Int64; public var hash: String
    public init(id: Int64, hash: String) { self.id = id; self.hash = hash } }

public struct EnrolmentRecord: Sendable {
    public var cohortID: Int64; public var status: String; public var statusDate: String?
    public init(cohortID: Int64, status: String, statusDate: String?) { self.cohortID = cohortID; self.status = status; self.statusDate = statusDate }
}

public struct BeneficiaryRecord: Sendable {
    public var id: Int64; public var enrolments: [EnrolmentRecord]; public var everPaid: Bool
    public init(id: Int64, enrolments: [EnrolmentRecord], everPaid: Bool) { self.id = id; self.enrolments = enrolments; self.everPaid = everPaid }
}

public struct CohortRecord: Sendable {
    public var id: Int64; public var code: String; public var grantAmount: Int64; public var trainingEnd: String?; public var budgetYear: Int64?
    public init(id: Int64, code: String, grantAmount: Int64, trainingEnd: String?, budgetYear: Int64?) {
        self.id = id; self.code = code; self.grantAmount = grantAmount; self.trainingEnd = trainingEnd; self.budgetYear = budgetYear
    }
}

public struct AccountRecord: Sendable {
    public var id: Int64; public var bookID: Int64; public var code: String; public var noNegative: Bool
    public init(id: Int64, bookID: Int64, code: String, noNegative: Bool) { self.id = id; self.bookID = bookID; self.code = code; self.noNegative = noNegative }
}

public struct PostingRecord: Sendable {
    public var accountID: Int64; public var amount: Int64; public var beneficiaryID: Int64?; public var cohortID: Int64?; public var budgetYear: Int64?
    public init(accountID: Int64, amount: Int64, beneficiaryID: Int64?, cohortID: Int64?, budgetYear: Int64?) {
        self.accountID = accountID; self.amount = amount; self.beneficiaryID = beneficiaryID; self.cohortID = cohortID; self.budgetYear = budgetYear
    }
}

public struct EntryRecord: Sendable {
    public var id: Int64; public var bookID: Int64; public var kind: String; public var valueDate: String; public var recordedAt: String
    public var actor: String; public var memo: String; public var documentRef: String?; public var idempotencyKey: String
    public var postings: [PostingRecord]; public var previousHash: String; public var hash: String
}

public struct GrantRecord: Sendable {
    public var id: Int64; public var cohortID: Int64; public var entryID: Int64
    public init(id: Int64, cohortID: Int64, entryID: Int64) { self.id = id; self.cohortID = cohortID; self.entryID = entryID }
}

/// What the grant operation calls, one method at a time, inside `write`: synchronous, like Bekal's port.
public protocol GrantPort: AnyObject {
    func book(code: String) throws -> Int64?
    func beneficiary(id: Int64) throws -> BeneficiaryRecord?
    func grants(beneficiaryID: Int64) throws -> [GrantRecord]
    func cohort(id: Int64) throws -> CohortRecord?
    func account(bookID: Int64, role: String) throws -> AccountRecord?
    func account(id: Int64) throws -> AccountRecord?
    func entryID(idempotencyKey: String) throws -> Int64?
    func closedThrough(bookID: Int64) throws -> String?
    func balance(accountID: Int64) throws -> Int64
    func latestValueDate(bookID: Int64) throws -> String?
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) throws
    func chainHead() throws -> ChainHead?
    func insert(_ entry: EntryRecord) throws
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64, valueDate: String) throws -> Int64
}

/// What a client implements: one SQL statement per method (no caching), on one connection.
/// Everything here is synchronous; how a client gets there (a blocking C call, or a wait on
/// a future) is the client's business.
public protocol RawPort: AnyObject {
    func begin() throws
    func commit() throws
    func rollback()
    /// Serializes writers: `SELECT entry_id, hash FROM chain_head WHERE id = 1 FOR UPDATE`.
    func lockChainHead() throws -> ChainHead?
    func setChainHead(_ head: ChainHead) throws
    func book(code: String) throws -> Int64?
    /// Her row, her enrolments, and whether any grant was ever paid to her: one statement (as in SQLite).
    func beneficiary(id: Int64) throws -> BeneficiaryRecord?
    func grants(beneficiaryID: Int64) throws -> [GrantRecord]
    func cohort(id: Int64) throws -> CohortRecord?
    func account(bookID: Int64, role: String) throws -> AccountRecord?
    func account(id: Int64) throws -> AccountRecord?
    func entryID(idempotencyKey: String) throws -> Int64?
    func closedThrough(bookID: Int64) throws -> String?
    func balance(accountID: Int64) throws -> Int64
    func setBalance(accountID: Int64, balance: Int64) throws
    func latestValueDate(bookID: Int64) throws -> String?
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) throws
    /// The entry row and each posting row (three statements for a grant).
    func insertEntry(_ entry: EntryRecord) throws
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64) throws -> Int64
    /// The case summary row the SQLite store moves with every grant (`noteGrant`).
    func noteGrant(beneficiaryID: Int64, grantID: Int64, entryID: Int64, amount: Int64, valueDate: String) throws
    /// `ANALYZE`, outside any transaction: the harness runs it (untimed) after the warm-up and before
    /// the back-dated grant, so the planner knows the tables' sizes as a long-running server would.
    func analyze() throws
    /// The server process's CPU time so far (user + system, seconds), for the figures; nil if unknown.
    func serverCPUSeconds() -> Double?
}

/// Bekal's `BekalStore.write`: the body runs in one transaction, writers one at a time.
public protocol GrantStore: AnyObject {
    func write<T>(_ body: (any GrantPort) throws -> T) throws -> T
    func analyze() throws
    func serverCPUSeconds() -> Double?
}

/// A synchronous store over any synchronous raw client: BEGIN, take the writers' lock,
/// run the body through the per-transaction caches, write back what they hold, COMMIT.
public final class SyncStore: GrantStore {
    public let raw: any RawPort
    public init(raw: any RawPort) { self.raw = raw }

    public func write<T>(_ body: (any GrantPort) throws -> T) throws -> T {
        try raw.begin()
        do {
            let port = CachingPort(raw)
            try port.lock()
            let result = try body(port)
            try port.finish()
            try raw.commit()
            return result
        } catch {
            raw.rollback()
            throw error
        }
    }

    public func analyze() throws { try raw.analyze() }
    public func serverCPUSeconds() -> Double? { raw.serverCPUSeconds() }
}

/// The caches of Bekal's SQLiteTransaction, for the life of one transaction: the rows a bulk
/// run reads once (book, accounts, cohort, chain head, closings, latest date, balances), and
/// the running balances moved in memory and written back by `finish()` before commit.
final class CachingPort: GrantPort {
    let raw: any RawPort
    private var head: ChainHead??
    private var headMoved = false
    private var books: [String: Int64?] = [:]
    private var accountsByRole: [String: AccountRecord?] = [:]
    private var accountsByID: [Int64: AccountRecord?] = [:]
    private var cohorts: [Int64: CohortRecord?] = [:]
    private var closed: [Int64: String?] = [:]
    private var latest: [Int64: String?] = [:]
    private var balances: [Int64: (balance: Int64, moved: Bool)] = [:]
    private var neverPaid: Int64?
    private var lastEntry: (id: Int64, valueDate: String)?

    init(_ raw: any RawPort) { self.raw = raw }

    func lock() throws { head = .some(try raw.lockChainHead()) }

    func finish() throws {
        for (id, b) in balances where b.moved { try raw.setBalance(accountID: id, balance: b.balance) }
        if headMoved, let h = head ?? nil { try raw.setChainHead(h) }
    }

    func book(code: String) throws -> Int64? {
        if let c = books[code] { return c }
        let b = try raw.book(code: code); books[code] = .some(b); return b
    }
    func beneficiary(id: Int64) throws -> BeneficiaryRecord? {
        let b = try raw.beneficiary(id: id)
        neverPaid = (b?.everPaid == false) ? id : nil
        return b
    }
    func grants(beneficiaryID: Int64) throws -> [GrantRecord] {
        if neverPaid == beneficiaryID { return [] }
        return try raw.grants(beneficiaryID: beneficiaryID)
    }
    func cohort(id: Int64) throws -> CohortRecord? {
        if let c = cohorts[id] { return c }
        let c = try raw.cohort(id: id); cohorts[id] = .some(c); return c
    }
    func account(bookID: Int64, role: String) throws -> AccountRecord? {
        let key = "\(bookID)/\(role)"
        if let c = accountsByRole[key] { return c }
        let a = try raw.account(bookID: bookID, role: role); accountsByRole[key] = .some(a); return a
    }
    func account(id: Int64) throws -> AccountRecord? {
        if let c = accountsByID[id] { return c }
        let a = try raw.account(id: id); accountsByID[id] = .some(a); return a
    }
    func entryID(idempotencyKey: String) throws -> Int64? { try raw.entryID(idempotencyKey: idempotencyKey) }
    func closedThrough(bookID: Int64) throws -> String? {
        if let c = closed[bookID] { return c }
        let m = try raw.closedThrough(bookID: bookID); closed[bookID] = .some(m); return m
    }
    func balance(accountID: Int64) throws -> Int64 {
        if let b = balances[accountID] { return b.balance }
        let b = try raw.balance(accountID: accountID); balances[accountID] = (b, false); return b
    }
    func latestValueDate(bookID: Int64) throws -> String? {
        if let c = latest[bookID] { return c }
        let d = try raw.latestValueDate(bookID: bookID); latest[bookID] = .some(d); return d
    }
    func forEachPosting(accountID: Int64, bookID: Int64, after date: String, _ body: (String, Int64) throws -> Void) throws {
        try raw.forEachPosting(accountID: accountID, bookID: bookID, after: date, body)
    }
    func chainHead() throws -> ChainHead? {
        if let h = head { return h }
        let h = try raw.lockChainHead(); head = .some(h); return h
    }
    func insert(_ entry: EntryRecord) throws {
        try raw.insertEntry(entry)
        head = .some(ChainHead(id: entry.id, hash: entry.hash)); headMoved = true
        if let cached = latest[entry.bookID] { latest[entry.bookID] = .some(max(cached ?? entry.valueDate, entry.valueDate)) }
        lastEntry = (entry.id, entry.valueDate)
        for p in entry.postings {
            let current = try balance(accountID: p.accountID)
            let (moved, overflow) = current.addingReportingOverflow(p.amount)
            if overflow { throw Refusal.amountOverflow }
            balances[p.accountID] = (moved, true)
        }
    }
    func insertGrant(beneficiaryID: Int64, cohortID: Int64, entryID: Int64, amount: Int64, valueDate: String) throws -> Int64 {
        if neverPaid == beneficiaryID { neverPaid = nil }
        let id = try raw.insertGrant(beneficiaryID: beneficiaryID, cohortID: cohortID, entryID: entryID, amount: amount)
        try raw.noteGrant(beneficiaryID: beneficiaryID, grantID: id, entryID: entryID, amount: amount, valueDate: valueDate)
        return id
    }
}
