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

    public static func reverse(entryID: Int64, reason: String, date: LocalDate?, context: OperationContext,
                               in tx: any StoreTransaction) throws -> PostResult {
        let today = context.today(in: try tx.settings())
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.count < 5 { throw ProgrammeRejection.reasonTooShort(minimumCharacters: 5) }
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
        for movement in try tx.equipmentMovements(entryID: entryID) {
            if movement.quantity > 0 {
                let stock = try tx.stock(itemID: movement.itemID)
                if stock.quantity < movement.quantity {
                    let item = try tx.equipmentItem(id: movement.itemID)?.code ?? "?"
                    throw ProgrammeRejection.insufficientStock(item: item, inStock: stock.quantity, requested: movement.quantity)
                }
                if stock.value < movement.value {
                    let item = try tx.equipmentItem(id: movement.itemID)?.code ?? "?"
                    throw ProgrammeRejection.stockValueShort(item: item, value: stock.value, requested: movement.value)
                }
            }
            try tx.insertEquipmentMovement(entryID: reversal.id, itemID: movement.itemID, kelompokID: movement.kelompokID,
                                           quantity: -movement.quantity, value: movement.value.negated)
        }
        if original.kind == .grant, let linked = try linkedEntry(of: original, in: tx), try tx.reversalID(of: linked.id) == nil {
            var capital = reversalDraft(of: linked, reason: reason, date: date ?? today)
            capital.linkedEntryID = reversal.id
            try Ledger.post(capital, context: context, today: today, in: tx)
        }
        return .posted(reversal)
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

    /// Closes every month of the office's book through `month` (after the monthly SPJ).
    public func closeMonth(_ month: YearMonth, context: OperationContext) throws {
        try store.write { tx in
            let book = try Operations.officeBook(tx)
            let today = context.today(in: try tx.settings())
            if month > today.yearMonth { throw ProgrammeRejection.monthInFuture(month: month, today: today) }
            if let through = try tx.closedThrough(bookID: book.id), month <= through {
                throw LedgerRejection.monthAlreadyClosed(month: month, closedThrough: through, bookCode: book.code)
            }
            try tx.recordClosing(bookID: book.id, month: month, actor: context.actor, recordedAt: context.recordedAt)
        }
    }
}
