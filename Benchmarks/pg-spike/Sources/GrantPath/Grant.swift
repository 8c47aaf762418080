/// `Operations.disburseGrant` and `Ledger.post` of Bekal's core, cut down to the calls and
/// the checks a cash grant makes (Sources/BekalCore/Operations/Grants.swift,
/// Sources/BekalCore/Ledger/Ledger.swift), in the same order. No usaha, no exceptions.

public enum Refusal: Error, Equatable {
    case notInitialised, notFound(String), trainingNotCompleted, grantBeforeGraduation
    case alreadyPaid(entryID: Int64), idempotencyConflict(entryID: Int64)
    case futureDate, periodClosed, wouldGoNegative(shortfall: Int64), wouldGoNegativeOnDate(date: String), amountOverflow
}

public struct GrantRequest: Sendable {
    public var beneficiaryID: Int64
    public var documentRef: String
    public var valueDate: String
    public var paidFrom: String  // "cash" or "bank"
    public init(beneficiaryID: Int64, documentRef: String, valueDate: String, paidFrom: String = "cash") {
        self.beneficiaryID = beneficiaryID; self.documentRef = documentRef; self.valueDate = valueDate; self.paidFrom = paidFrom
    }
}

public enum GrantOutcome: Sendable, Equatable { case posted(entryID: Int64), replayed(entryID: Int64) }

public struct Context: Sendable {
    public var actor: String; public var recordedAt: String; public var today: String
    public init(actor: String, recordedAt: String, today: String) { self.actor = actor; self.recordedAt = recordedAt; self.today = today }
}

public enum Grants {
    public static func disburse(_ r: GrantRequest, _ ctx: Context, in tx: any GrantPort) throws -> GrantOutcome {
        guard let bookID = try tx.book(code: "KANTOR") else { throw Refusal.notInitialised }
        guard let person = try tx.beneficiary(id: r.beneficiaryID) else { throw Refusal.notFound("beneficiary \(r.beneficiaryID)") }
        let completed = person.enrolments.filter { $0.status == "completed" }
        guard let enrolment = completed.first ?? person.enrolments.last else { throw Refusal.notFound("enrolment") }
        guard let cohort = try tx.cohort(id: enrolment.cohortID) else { throw Refusal.notFound("cohort") }
        let amount = cohort.grantAmount
        guard let expense = try tx.account(bookID: bookID, role: "grant_expense"),
              let paidFrom = try tx.account(bookID: bookID, role: r.paidFrom) else { throw Refusal.notFound("account") }
        let code = beneficiaryCode(person.id)
        let budgetYear = cohort.budgetYear ?? Int64(r.valueDate.prefix(4))
        let postings = [
            PostingRecord(accountID: expense.id, amount: amount, beneficiaryID: person.id, cohortID: cohort.id, budgetYear: budgetYear),
            PostingRecord(accountID: paidFrom.id, amount: -amount, beneficiaryID: person.id, cohortID: cohort.id, budgetYear: budgetYear),
        ]
        let key = "grant:\(r.documentRef)"
        let earlier = try tx.grants(beneficiaryID: person.id)
        if let recorded = try tx.entryID(idempotencyKey: key) {
            // Bekal compares the recorded entry field by field; here: it must be her grant.
            guard earlier.contains(where: { $0.entryID == recorded }) else { throw Refusal.idempotencyConflict(entryID: recorded) }
            return .replayed(entryID: recorded)
        }
        if enrolment.status != "completed" { throw Refusal.trainingNotCompleted }
        if let graduated = enrolment.statusDate ?? cohort.trainingEnd, r.valueDate < graduated { throw Refusal.grantBeforeGraduation }
        if let paid = earlier.first(where: { $0.cohortID == cohort.id }) ?? earlier.first {
            throw Refusal.alreadyPaid(entryID: paid.entryID)
        }
        let memo = "Bantuan modal kerja \(code) angkatan \(cohort.code)"
        let entry = try post(bookID: bookID, kind: "grant", valueDate: r.valueDate, memo: memo, documentRef: r.documentRef,
                             key: key, postings: postings, ctx, in: tx)
        _ = try tx.insertGrant(beneficiaryID: person.id, cohortID: cohort.id, entryID: entry.id, amount: amount, valueDate: r.valueDate)
        return .posted(entryID: entry.id)
    }

    /// Ledger.post: shape, date, open period, no negative cash (now and, when back-dated, on
    /// every later line), chain head, hash, insert.
    static func post(bookID: Int64, kind: String, valueDate: String, memo: String, documentRef: String?, key: String,
                     postings: [PostingRecord], _ ctx: Context, in tx: any GrantPort) throws -> EntryRecord {
        var accounts: [AccountRecord] = []
        for p in postings where !accounts.contains(where: { $0.id == p.accountID }) {
            guard let a = try tx.account(id: p.accountID), a.bookID == bookID else { throw Refusal.notFound("account \(p.accountID)") }
            accounts.append(a)
        }
        precondition(postings.reduce(Int64(0)) { $0 &+ $1.amount } == 0, "postings do not sum to zero")
        if valueDate > ctx.today { throw Refusal.futureDate }
        if let through = try tx.closedThrough(bookID: bookID), String(valueDate.prefix(7)) <= through { throw Refusal.periodClosed }
        var latest: String??
        for account in accounts.sorted(by: { $0.id < $1.id }) where account.noNegative {
            let delta = postings.filter { $0.accountID == account.id }.reduce(Int64(0)) { $0 + $1.amount }
            if delta >= 0 { continue }
            let balance = try tx.balance(accountID: account.id)
            if balance + delta < 0 { throw Refusal.wouldGoNegative(shortfall: -(balance + delta)) }
            if latest == nil { latest = .some(try tx.latestValueDate(bookID: bookID)) }
            guard let last = latest!, last > valueDate else { continue }
            // Back-dated: the running balance on its date and at every later line.
            var later: Int64 = 0, lowest: Int64 = 0
            var lows: [(String, Int64)] = []
            try tx.forEachPosting(accountID: account.id, bookID: bookID, after: valueDate) { date, amount in
                later += amount
                if later < lowest { lowest = later; lows.append((date, later)) }
            }
            let onDate = balance - later
            if onDate + delta < 0 { throw Refusal.wouldGoNegativeOnDate(date: valueDate) }
            if let dip = lows.first(where: { onDate + $0.1 + delta < 0 }) { throw Refusal.wouldGoNegativeOnDate(date: dip.0) }
        }
        let head = try tx.chainHead()
        let id = (head?.id ?? 0) + 1
        let previousHash = head?.hash ?? ""
        let hash = entryHash(id: id, bookID: bookID, kind: kind, valueDate: valueDate, recordedAt: ctx.recordedAt, actor: ctx.actor,
                             memo: memo, documentRef: documentRef, key: key, postings: postings, previousHash: previousHash)
        let entry = EntryRecord(id: id, bookID: bookID, kind: kind, valueDate: valueDate, recordedAt: ctx.recordedAt, actor: ctx.actor,
                                memo: memo, documentRef: documentRef, idempotencyKey: key, postings: postings,
                                previousHash: previousHash, hash: hash)
        try tx.insert(entry)
        return entry
    }

    /// SHA-256 (hex) of the entry's fields joined by `|`, the postings as `account:amount` joined
    /// by `,`. check.sql recomputes it with PostgreSQL's sha256() to verify the chain.
    public static func entryHash(id: Int64, bookID: Int64, kind: String, valueDate: String, recordedAt: String, actor: String,
                                 memo: String, documentRef: String?, key: String, postings: [PostingRecord], previousHash: String) -> String {
        let lines = postings.map { "\($0.accountID):\($0.amount)" }.joined(separator: ",")
        let text = [previousHash, String(id), String(bookID), kind, valueDate, recordedAt, actor, memo, documentRef ?? "", key, lines]
            .joined(separator: "|")
        return SHA256.hex(Array(text.utf8))
    }

    public static func beneficiaryCode(_ id: Int64) -> String {
        let digits = String(id)
        return "B-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
