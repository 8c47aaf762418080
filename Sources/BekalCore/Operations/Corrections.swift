import Foundation

extension Operations {
    /// Reverses an entry: a new entry with every posting negated, pointing at the original.
    /// A grant's capital entry in the usaha's book is reversed with it; equipment returns to
    /// (or leaves) the store room. Reversing the same entry again with the same reason and
    /// date is a replay; otherwise it is refused as already reversed.
    public func reverse(entryID: Int64, reason: String, date: LocalDate? = nil,
                        context: OperationContext) throws -> PostResult {
        try store.write { tx in try Operations.reverse(entryID: entryID, reason: reason, date: date, context: context, in: tx) }
    }

    /// A reversal's reason, trimmed, or the refusal: at least five characters, so that the book
    /// says why. Forms ask it before they ask to confirm.
    @discardableResult
    public static func checkReversalReason(_ reason: String) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count < 5 { throw ProgrammeRejection.reasonTooShort(minimumCharacters: 5) }
        return reason
    }

    public static func reverse(entryID: Int64, reason: String, date: LocalDate?, context: OperationContext,
                               in tx: any StoreTransaction) throws -> PostResult {
        let today = context.today(in: try tx.settings())
        let reason = try checkReversalReason(reason)
        guard let original = try tx.entry(id: entryID) else { throw LedgerRejection.entryNotFound(entryID: entryID) }
        if let of = original.reversesEntryID { throw LedgerRejection.reversalOfReversal(entryID: entryID, originalID: of) }
        let draft = reversalDraft(of: original, reason: reason, date: date ?? today)
        if let reversalID = try tx.reversalID(of: entryID) {
            if let recorded = try tx.entry(id: reversalID),
               try Ledger.firstDifference(recorded.draft, draft, tx) == nil {
                return .replayed(recorded)
            }
            throw LedgerRejection.alreadyReversed(entryID: entryID, reversalID: reversalID)
        }
        let reversal = try Ledger.post(draft, context: context, today: today, in: tx)
        try reverseMovements(of: entryID, by: reversal.id, in: tx)
        if original.kind == .grant, let linked = try linkedEntry(of: original, in: tx), try tx.reversalID(of: linked.id) == nil {
            var capital = reversalDraft(of: linked, reason: reason, date: date ?? today)
            capital.linkedEntryID = reversal.id
            try Ledger.post(capital, context: context, today: today, in: tx)
        }
        return .posted(reversal)
    }

    /// Undoes the entry's equipment movements: what comes back into the store room first, then
    /// what leaves it, each checked against what the store room or the kelompok holds at that
    /// moment, so that reversing an issue whose items have since moved on is refused by name.
    static func reverseMovements(of entryID: Int64, by reversalID: Int64, in tx: any StoreTransaction) throws {
        let undo = try tx.equipmentMovements(entryID: entryID).map {
            EquipmentMovement(entryID: reversalID, itemID: $0.itemID, kelompokID: $0.kelompokID, quantity: -$0.quantity, value: $0.value.negated)
        }
        for movement in undo.filter({ $0.quantity > 0 }) + undo.filter({ $0.quantity < 0 }) {
            func item() throws -> String { try tx.equipmentItem(id: movement.itemID)?.code ?? "#\(movement.itemID)" }
            if movement.quantity > 0, let kelompokID = movement.kelompokID {
                let held = try tx.kelompokHolding(kelompokID: kelompokID, itemID: movement.itemID)
                if held.quantity < movement.quantity || held.value < movement.value {
                    throw EquipmentRejection.reversalTakesWhatIsGone(entryID: entryID, kelompok: Kelompok.code(for: kelompokID), item: try item(),
                                                                     held: held.quantity, requested: movement.quantity)
                }
            }
            if movement.quantity < 0 {
                let stock = try tx.stock(itemID: movement.itemID)
                if stock.quantity < -movement.quantity {
                    throw ProgrammeRejection.insufficientStock(item: try item(), inStock: stock.quantity, requested: -movement.quantity)
                }
                if stock.value < movement.value.negated {
                    throw ProgrammeRejection.stockValueShort(item: try item(), value: stock.value, requested: movement.value.negated)
                }
            }
            try tx.insertEquipmentMovement(entryID: reversalID, itemID: movement.itemID, kelompokID: movement.kelompokID,
                                           quantity: movement.quantity, value: movement.value)
        }
    }

    static func reversalDraft(of original: JournalEntry, reason: String, date: LocalDate) -> EntryDraft {
        EntryDraft(bookID: original.bookID, kind: .reversal, valueDate: date,
                   memo: "Pembalikan entri #\(original.id): \(reason)", documentRef: original.documentRef,
                   idempotencyKey: "reversal:#\(original.id)", reversesEntryID: original.id,
                   postings: original.postings.map { Posting(accountID: $0.accountID, amount: $0.amount.negated, dimensions: $0.dimensions) })
    }

    static func linkedEntry(of grantEntry: JournalEntry, in tx: any StoreTransaction) throws -> JournalEntry? {
        guard let ref = grantEntry.documentRef, let capital = try tx.entry(idempotencyKey: Operations.grantCapitalKey(ref)),
              capital.linkedEntryID == grantEntry.id else { return nil }
        return capital
    }

    /// Closes every month of the office's book through `month` (after the monthly SPJ), once
    /// that month has ended, and says what the closing locked. With `key`, the books are
    /// sealed in the same transaction (the command line and the web app always pass it).
    @discardableResult
    public func closeMonth(_ month: YearMonth, sealingWith key: SealKey? = nil, context: OperationContext) throws -> MonthClosing {
        try store.write { tx in
            var closing = try Operations.closingPlan(month, context: context, in: tx)
            try tx.recordClosing(bookID: try Operations.officeBook(tx).id, month: month, actor: context.actor,
                                 recordedAt: context.recordedAt)
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .periodClose, subject: month.description,
                               detail: "\(closing.entryCount) entries locked")
            if let key { closing.seal = try Operations.seal(reason: "month_close:\(month)", key: key, context: context, in: tx) }
            return closing
        }
    }

    /// Seals the books now (see ``Seal``): the chain head and the digest of every sealed table,
    /// signed with the office's key.
    public func seal(reason: String = "manual", key: SealKey, context: OperationContext) throws -> Seal {
        try store.write { tx in try Operations.seal(reason: reason, key: key, context: context, in: tx) }
    }

    static func seal(reason: String, key: SealKey, context: OperationContext, in tx: any StoreTransaction) throws -> Seal {
        let head = try tx.chainHead()
        let number = (try tx.seals().last?.number ?? 0) + 1
        let seal = try Seal.make(number: number, sealedAt: context.recordedAt, actor: context.actor, reason: reason,
                                 entryID: head?.id ?? 0, entryHash: head?.hash ?? "", tables: try tx.tableDigests(through: nil),
                                 key: key)
        try tx.insertSeal(seal)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .seal,
                           subject: "#\(seal.number)", detail: "\(reason): \(seal.shortForm)")
        return seal
    }

    /// What closing through `month` would lock, without closing anything: for a confirmation.
    public func previewClosing(_ month: YearMonth, context: OperationContext) throws -> MonthClosing {
        try store.read { tx in try Operations.closingPlan(month, context: context, in: tx) }
    }

    static func closingPlan(_ month: YearMonth, context: OperationContext, in tx: any StoreTransaction) throws -> MonthClosing {
        let book = try officeBook(tx)
        let today = context.today(in: try tx.settings())
        if month >= today.yearMonth { throw ProgrammeRejection.monthNotEnded(month: month, today: today) }
        let previous = try tx.closedThrough(bookID: book.id)
        if let previous, month <= previous {
            throw LedgerRejection.monthAlreadyClosed(month: month, closedThrough: previous, bookCode: book.code)
        }
        let from = previous.map { $0.lastDay.adding(days: 1) }
        let span = try tx.entrySpan(bookID: book.id, from: from, through: month.lastDay)
        var months: [YearMonth] = []
        var m = from?.yearMonth ?? span.first?.yearMonth ?? month
        while m <= month {
            months.append(m)
            m = m.lastDay.adding(days: 1).yearMonth
        }
        return MonthClosing(bookCode: book.code, through: month, previouslyClosedThrough: previous, months: months,
                            entryCount: span.count, firstEntryDate: span.first, lastEntryDate: span.last, seal: nil)
    }
}

/// What a month closing locks: the months newly closed and the entries dated in them, which
/// can never again be joined by another entry of the same dates (corrections go in an open month).
public struct MonthClosing: Hashable, Sendable {
    public let bookCode: String
    /// Entries dated on or before this month's last day are refused from now on.
    public let through: YearMonth
    public let previouslyClosedThrough: YearMonth?
    /// The months this closing locks, oldest first.
    public let months: [YearMonth]
    /// Entries dated in those months, and the first and last of their dates.
    public let entryCount: Int
    public let firstEntryDate: LocalDate?
    public let lastEntryDate: LocalDate?
    /// The seal made with the closing, when a key was given.
    public var seal: Seal?

    /// One line for the command line.
    public var summary: String {
        let span = months.count == 1 ? "\(months[0])" : "\(months.first!) to \(months.last!) (\(months.count) months)"
        let entries = entryCount == 0 ? "no entries dated in them" : "\(entryCount) entr\(entryCount == 1 ? "y" : "ies") dated \(firstEntryDate!) to \(lastEntryDate!)"
        return "Book \(bookCode) closed through \(through): locked \(span), \(entries); entries dated on or before \(through.lastDay) are now refused."
    }
}
