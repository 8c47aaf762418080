import Foundation

/// Who is acting and when: passed into every operation so that the core never reads a
/// clock or the environment itself.
public struct OperationContext: Sendable {
    /// The name the books and the audit log record (`bendahara`, `web:siti`).
    public var actor: String
    /// On whose authority the operation runs: the office, or a signed-in user within her role.
    public let acting: ActingUser
    public var now: Date { didSet { stamp = Stamp(now) } }
    /// `now` formatted once rather than per entry: a bulk run posts thousands with one context.
    private var stamp: Stamp

    public init(actor: String, acting: ActingUser, now: Date = Date()) {
        self.actor = actor
        self.acting = acting
        self.now = now
        stamp = Stamp(now)
    }

    /// Acting as the office (``ActingUser/office``): the command line, the demo, scripts.
    public init(actor: String, now: Date = Date()) {
        self.init(actor: actor, acting: .office, now: now)
    }

    /// `now` as stored in `recorded_at`: UTC, to the second.
    public var recordedAt: String { stamp.recordedAt }

    public func today(in settings: ProgrammeSettings) -> LocalDate {
        if settings.timeZoneIdentifier == Stamp.officeZone { return stamp.officeToday }
        return LocalDate(now, in: TimeZone(identifier: settings.timeZoneIdentifier) ?? TimeZone(identifier: Stamp.officeZone)!)
    }

    private struct Stamp: Sendable {
        static let officeZone = "Asia/Jakarta"
        let recordedAt: String
        let officeToday: LocalDate

        init(_ now: Date) {
            var formatter = Date.ISO8601FormatStyle()
            formatter.timeZone = TimeZone(identifier: "UTC")!
            recordedAt = formatter.format(now)
            officeToday = LocalDate(now, in: TimeZone(identifier: Stamp.officeZone)!)
        }
    }
}

/// The result of posting: a new entry, or the one already recorded under the same key.
public enum PostResult: Hashable, Sendable {
    case posted(JournalEntry)
    case replayed(JournalEntry)

    public var entry: JournalEntry {
        switch self { case .posted(let e), .replayed(let e): e }
    }
    public var isReplay: Bool { if case .replayed = self { true } else { false } }
}

/// The double-entry rules. Every entry reaches storage through ``post(_:context:today:in:)``,
/// which checks, numbers, chains and saves it; nothing else writes entries.
public enum Ledger {
    /// Looks for an entry already recorded under the draft's key.
    ///
    /// Returns nil when the key is new, the recorded entry when its content is the same, and
    /// throws ``LedgerRejection/idempotencyConflict(key:entryID:field:recorded:proposed:)``
    /// naming the first field that differs otherwise.
    public static func replay(of draft: EntryDraft, in tx: some LedgerPort & RegistryPort & BudgetPort) throws -> JournalEntry? {
        guard let recorded = try tx.entry(idempotencyKey: draft.idempotencyKey) else { return nil }
        if let (field, was, now) = try firstDifference(recorded.draft, draft, tx) {
            throw LedgerRejection.idempotencyConflict(key: draft.documentRef ?? draft.idempotencyKey, entryID: recorded.id, field: field,
                                                      recorded: was, proposed: now)
        }
        return recorded
    }

    /// Checks the draft in ``LedgerRejection``'s order and saves it.
    /// Call ``replay(of:in:)`` first: `post` assumes the key is new.
    @discardableResult
    public static func post(_ draft: EntryDraft, context: OperationContext, today: LocalDate,
                            in tx: some LedgerPort) throws -> JournalEntry {
        let accounts = try checkShape(draft, in: tx)
        if draft.valueDate > today { throw LedgerRejection.futureDate(valueDate: draft.valueDate, today: today) }
        try checkOpenPeriod(draft, in: tx)
        try checkNoNegative(draft, accounts: accounts, in: tx)

        let head = try tx.chainHead()
        let id = (head?.id ?? 0) + 1
        let previousHash = head?.hash ?? ""
        // What the steps above established, asserted where the entry leaves the core: the sum
        // (checkShape), and, in debug builds (a lookup the bulk path should not pay twice; the
        // store's UNIQUE key refuses it anyway), that the caller checked the key with replay(of:in:).
        precondition(draft.postings.reduce(Int64(0)) { $0 &+ $1.amount.amount } == 0, "Ledger.post: the postings do not sum to zero")
        assert((try? tx.entry(idempotencyKey: draft.idempotencyKey)) == .some(nil),
               "Ledger.post: key \(draft.idempotencyKey) is already recorded; call replay(of:in:) first")
        let recordedAt = context.recordedAt
        let hash = EntryHash.hash(
            id: id, bookID: draft.bookID, kind: draft.kind, valueDate: draft.valueDate, recordedAt: recordedAt,
            actor: context.actor, memo: draft.memo, documentRef: draft.documentRef, idempotencyKey: draft.idempotencyKey,
            reversesEntryID: draft.reversesEntryID, linkedEntryID: draft.linkedEntryID, postings: draft.postings,
            previousHash: previousHash)
        let entry = JournalEntry(id: id, bookID: draft.bookID, kind: draft.kind, valueDate: draft.valueDate,
                                 recordedAt: recordedAt, actor: context.actor, memo: draft.memo,
                                 documentRef: draft.documentRef, idempotencyKey: draft.idempotencyKey,
                                 reversesEntryID: draft.reversesEntryID, linkedEntryID: draft.linkedEntryID,
                                 postings: draft.postings, previousHash: previousHash, hash: hash)
        try tx.insert(entry)
        precondition((try? tx.chainHead())??.id == id, "Ledger.post: the store did not make entry #\(id) the chain head")
        return entry
    }

    /// Structure: two or more non-zero postings, all in the entry's book, summing to zero.
    /// Returns the distinct accounts the postings name, in order of first use. (Linear lists
    /// rather than dictionaries: an entry has a handful of postings, and this runs for every
    /// entry of a bulk run.)
    static func checkShape(_ draft: EntryDraft, in tx: some LedgerPort) throws -> [Account] {
        if draft.postings.count < 2 { throw LedgerRejection.tooFewPostings(count: draft.postings.count) }
        if let line = draft.postings.firstIndex(where: { $0.amount == .zero }) {
            throw LedgerRejection.zeroPosting(line: line)
        }
        var accounts: [Account] = []
        accounts.reserveCapacity(draft.postings.count)
        for (line, posting) in draft.postings.enumerated() {
            if accounts.contains(where: { $0.id == posting.accountID }) { continue }
            guard let account = try tx.account(id: posting.accountID) else {
                throw LedgerRejection.accountNotFound(accountID: posting.accountID)
            }
            if account.bookID != draft.bookID {
                let book = try tx.book(id: account.bookID)
                throw LedgerRejection.postingsSpanBooks(line: line, accountCode: account.code, bookCode: book?.code ?? "?")
            }
            accounts.append(account)
        }
        // Each account's debits and credits must fit too, or its running totals could not
        // hold them even though the entry as a whole balances.
        var net: Int64 = 0
        var sides = [(debit: Int64, credit: Int64)](repeating: (0, 0), count: accounts.count)
        for posting in draft.postings {
            let amount = posting.amount.amount
            let k = accounts.firstIndex { $0.id == posting.accountID }!
            let (total, o1) = net.addingReportingOverflow(amount)
            let (debit, o2) = sides[k].debit.addingReportingOverflow(amount > 0 ? amount : 0)
            let (credit, o3) = sides[k].credit.subtractingReportingOverflow(amount < 0 ? amount : 0)
            if o1 || o2 || o3 { throw LedgerRejection.amountOverflow }
            net = total
            sides[k] = (debit, credit)
        }
        if net != 0 { throw LedgerRejection.unbalanced(sum: Rupiah(net)) }
        return accounts
    }

    static func checkOpenPeriod(_ draft: EntryDraft, in tx: some LedgerPort) throws {
        guard let through = try tx.closedThrough(bookID: draft.bookID), draft.valueDate.yearMonth <= through else { return }
        let book = try tx.book(id: draft.bookID)
        throw LedgerRejection.periodClosed(valueDate: draft.valueDate, closedThrough: through, bookCode: book?.code ?? "?")
    }

    /// A no-negative account (cash, the bank, the stock room) may not be below zero at any
    /// point of its cash book: in value-date order, then by entry number, after this entry and
    /// after every entry dated later. The new entry comes last on its own date, so the lines
    /// before it that day are unchanged; every later line moves by its amount. An entry that
    /// only adds to an account is never refused.
    ///
    /// Dated on or after the book's latest entry (the usual case) the running balance now is
    /// all there is to check; a back-dated entry walks the later postings once.
    static func checkNoNegative(_ draft: EntryDraft, accounts: [Account], in tx: some LedgerPort) throws {
        var latest: LocalDate??
        for account in accounts.sorted(by: { $0.id < $1.id }) where account.noNegative {
            var delta: Int64 = 0
            for posting in draft.postings where posting.accountID == account.id { delta += posting.amount.amount }
            if delta >= 0 { continue }
            let balance = try tx.balance(accountID: account.id)
            let after = balance.amount + delta
            if after < 0 {
                throw LedgerRejection.wouldGoNegative(accountCode: account.code, accountName: account.name,
                                                      balance: balance, shortfall: Rupiah(-after))
            }
            if latest == nil { latest = .some(try tx.latestValueDate(bookID: draft.bookID)) }
            guard let last = latest!, last > draft.valueDate else { continue }
            try checkLaterDates(account: account, balance: balance.amount, delta: delta, valueDate: draft.valueDate, in: tx)
        }
    }

    /// The back-dated case: the running balance on the entry's date and at every later line.
    static func checkLaterDates(account: Account, balance: Int64, delta: Int64, valueDate: LocalDate,
                                in tx: some LedgerPort) throws {
        // `later` is the sum of the postings dated after the entry; `lows` the points where
        // that running sum reached a new minimum, which are the only places it can first dip.
        var later: Int64 = 0
        var lowest: Int64 = 0
        var lows: [(date: LocalDate, sum: Int64)] = []
        try tx.forEachPosting(accountID: account.id, bookID: account.bookID, after: valueDate) { date, amount in
            let (sum, overflow) = later.addingReportingOverflow(amount.amount)
            if overflow { throw LedgerRejection.amountOverflow }
            later = sum
            if later < lowest {
                lowest = later
                lows.append((date, later))
            }
        }
        let onDate = balance - later  // held at the end of the value date, before this entry
        if onDate + delta < 0 {
            throw LedgerRejection.wouldGoNegativeOnDate(accountCode: account.code, accountName: account.name, valueDate: valueDate,
                                                        date: valueDate, balance: Rupiah(onDate), shortfall: Rupiah(-(onDate + delta)))
        }
        if let dip = lows.first(where: { onDate + $0.sum + delta < 0 }) {
            throw LedgerRejection.wouldGoNegativeOnDate(accountCode: account.code, accountName: account.name, valueDate: valueDate,
                                                        date: dip.date, balance: Rupiah(onDate + dip.sum),
                                                        shortfall: Rupiah(-(onDate + dip.sum + delta)))
        }
    }

    /// The first field in which two drafts with the same key differ, as (field, recorded, proposed).
    static func firstDifference(_ a: EntryDraft, _ b: EntryDraft,
                                _ tx: some LedgerPort & RegistryPort & BudgetPort) throws -> (EntryField, String, String)? {
        if a.bookID != b.bookID {
            return (.book, try tx.book(id: a.bookID)?.code ?? "?", try tx.book(id: b.bookID)?.code ?? "?")
        }
        if a.kind != b.kind { return (.kind, a.kind.rawValue, b.kind.rawValue) }
        if a.valueDate != b.valueDate { return (.date, a.valueDate.description, b.valueDate.description) }
        if a.postings.count != b.postings.count {
            return (.postingCount, String(a.postings.count), String(b.postings.count))
        }
        for (p, q) in zip(a.postings, b.postings) {
            if p.accountID != q.accountID {
                return (.account, try tx.account(id: p.accountID)?.code ?? "?", try tx.account(id: q.accountID)?.code ?? "?")
            }
            if p.amount != q.amount { return (.amount, p.amount.magnitudeDescription, q.amount.magnitudeDescription) }
            let d = p.dimensions, e = q.dimensions
            if d.beneficiaryID != e.beneficiaryID {
                return (.beneficiary, d.beneficiaryID.map(Beneficiary.code(for:)) ?? "none", e.beneficiaryID.map(Beneficiary.code(for:)) ?? "none")
            }
            if d.kelompokID != e.kelompokID {
                return (.kelompok, d.kelompokID.map(Kelompok.code(for:)) ?? "none", e.kelompokID.map(Kelompok.code(for:)) ?? "none")
            }
            if d.usahaID != e.usahaID {
                return (.usaha, d.usahaID.map(Usaha.code(for:)) ?? "none", e.usahaID.map(Usaha.code(for:)) ?? "none")
            }
            if d.cohortID != e.cohortID {
                return (.cohort, try d.cohortID.flatMap { try tx.cohort(id: $0)?.code } ?? "none",
                        try e.cohortID.flatMap { try tx.cohort(id: $0)?.code } ?? "none")
            }
            if d.budgetYear != e.budgetYear {
                return (.budgetYear, d.budgetYear.map(String.init) ?? "none", e.budgetYear.map(String.init) ?? "none")
            }
            if d.budgetLineID != e.budgetLineID {
                return (.budgetLine, try d.budgetLineID.flatMap { try tx.budgetLine(id: $0)?.handle } ?? "none",
                        try e.budgetLineID.flatMap { try tx.budgetLine(id: $0)?.handle } ?? "none")
            }
        }
        if a.documentRef != b.documentRef { return (.documentRef, a.documentRef ?? "none", b.documentRef ?? "none") }
        if a.reversesEntryID != b.reversesEntryID {
            return (.reversedEntry, a.reversesEntryID.map { "#\($0)" } ?? "none", b.reversesEntryID.map { "#\($0)" } ?? "none")
        }
        if a.memo != b.memo { return (.memo, "\"\(a.memo)\"", "\"\(b.memo)\"") }
        return nil
    }
}

extension Rupiah {
    /// `Rp1.500.000` for the size of a posting, whichever side it is on.
    public var magnitudeDescription: String { "Rp" + Rupiah.grouped(amount.magnitude) }
}
