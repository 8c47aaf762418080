import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// No cash or bank account is below zero on any day of its cash book: a payment dated before
/// the money arrived is refused even when today's balance would cover it, and `verify` reads
/// the running balance by value date.
@Suite("Cash by value date")
struct CashByDateTests {
    let f: Fixture
    init() throws { f = try Fixture() }

    var ctx: OperationContext { Fixture.context }
    static func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: d)! }

    func expense(_ amount: Int64, ref: String, day: Int) throws {
        _ = try f.ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(amount), documentRef: ref, memo: "Label merek",
                                                              valueDate: Self.day(day)), context: ctx)
    }

    @Test func aPaymentDatedBeforeTheMoneyArrivedIsRefused() throws {
        try f.receive(1_500_000, date: Self.day(10))
        try f.expectRefusal("would_go_negative_on_date",
                            "Account 1101 Kas di Bendahara Pengeluaran held Rp0 on 2026-11-05 by value date; this entry dated 2026-11-05 would take it below zero there by Rp1.500.000, although the balance today would cover it. Date it on or after the day the money arrived, or pay less.") {
            _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: Self.day(5)), context: ctx)
        }
        // On the day the money arrived it can be paid.
        let paid = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: Self.day(10)), context: ctx)
        #expect(!paid.replayed)
        #expect(try f.balance(.cash) == .zero)
    }

    @Test func aBackDatedPaymentMayNotEmptyCashThatLaterPaymentsNeeded() throws {
        try f.receive(2_000_000, ref: "SP2D-1", date: Self.day(1))
        try f.receive(2_000_000, ref: "SP2D-2", date: Self.day(15))
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: Self.day(20)), context: ctx)
        // Today 2.500.000 is held; on the 5th only 2.000.000 was.
        try f.expectRefusal("would_go_negative_on_date",
                            "Account 1101 Kas di Bendahara Pengeluaran held Rp2.000.000 on 2026-11-05 by value date; this entry dated 2026-11-05 would take it below zero there by Rp100.000, although the balance today would cover it. Date it on or after the day the money arrived, or pay less.") {
            try expense(2_100_000, ref: "NOTA-1", day: 5)
        }
        // 1.900.000 on the 10th leaves 100.000, then 2.100.000, then 600.000 after the grant: allowed.
        try expense(1_900_000, ref: "NOTA-2", day: 10)
        #expect(try f.balance(.cash) == Rupiah(600_000))
    }

    /// A later day on which a payment came before a receipt: the running balance after the
    /// payment is what the cash book shows, so that line must not go below zero either.
    @Test func aDipInsideALaterDayCounts() throws {
        try f.receive(600_000, ref: "SP2D-1", date: Self.day(1))
        try expense(500_000, ref: "NOTA-1", day: 24)               // 100.000 left on the 24th, for a moment
        try f.receive(1_000_000, ref: "SP2D-2", date: Self.day(24)) // then 1.100.000
        // Its end-of-day balance on the 24th (800.000) would allow this; the line after the
        // payment (100.000 - 300.000) does not.
        try f.expectRefusal("would_go_negative_on_date",
                            "Account 1101 Kas di Bendahara Pengeluaran held Rp100.000 on 2026-11-24 by value date; this entry dated 2026-11-12 would take it below zero there by Rp200.000, although the balance today would cover it. Date it on or after the day the money arrived, or pay less.") {
            try expense(300_000, ref: "NOTA-2", day: 12)
        }
        try expense(100_000, ref: "NOTA-3", day: 12)
        #expect(try f.balance(.cash) == Rupiah(1_000_000))
    }

    @Test func aBackDatedReceiptIsNeverRefused() throws {
        try f.receive(1_500_000, ref: "SP2D-1", date: Self.day(20))
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: Self.day(20)), context: ctx)
        try f.receive(500_000, ref: "SP2D-2", date: Self.day(2))
        #expect(try f.balance(.cash) == Rupiah(500_000))
    }

    @Test func aBackDatedEquipmentIssueBeforeItsPurchaseIsRefused() throws {
        try f.receive(10_000_000, date: Self.day(1))
        _ = try f.ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 2, unitCost: Rupiah(1_000_000))],
                                                     documentRef: "NOTA-77", valueDate: Self.day(10)), context: ctx)
        try f.expectRefusal("would_go_negative_on_date",
                            "Account 1301 Persediaan Peralatan held Rp0 on 2026-11-08 by value date; this entry dated 2026-11-08 would take it below zero there by Rp1.000.000, although the balance today would cover it. Date it on or after the day the money arrived, or pay less.") {
            _ = try f.ops.issueEquipment(EquipmentIssue(kelompok: "K-0001", lines: [.init(item: "oven", quantity: 1)],
                                                        documentRef: "BAST-1", valueDate: Self.day(8)), context: ctx)
        }
    }

    /// What an insider or a bug could leave behind: an entry that skipped the check. `verify`
    /// finds it by value date, though every balance and every hash is right.
    @Test func verifyFindsCashBelowZeroByValueDate() throws {
        try f.receive(1_500_000, date: Self.day(10))
        try f.store.write { tx in
            let book = try #require(try tx.book(code: Book.officeCode))
            let cash = try #require(try tx.account(bookID: book.id, role: .cash))
            let expense = try #require(try tx.account(bookID: book.id, role: .aftercareExpense))
            let draft = EntryDraft(bookID: book.id, kind: .aftercareExpense, valueDate: Self.day(3), memo: "dibayar sebelum uang masuk",
                                   documentRef: "NOTA-X", idempotencyKey: "aftercare:NOTA-X",
                                   postings: [Posting(accountID: expense.id, amount: Rupiah(1_000_000)),
                                              Posting(accountID: cash.id, amount: Rupiah(-1_000_000))])
            try Self.insertUnchecked(draft, context: ctx, in: tx)
        }
        let report = try f.store.read { tx in try Verification.run(on: tx) }
        #expect(report.problems == ["account 1101 (book #1) is below zero by value date: -Rp1.000.000 on 2026-11-03 after entry #2"])
    }

    /// Numbers, chains and saves an entry without any of the ledger's checks.
    static func insertUnchecked(_ draft: EntryDraft, context: OperationContext, in tx: any StoreTransaction) throws {
        let head = try tx.chainHead()
        let id = (head?.id ?? 0) + 1
        let hash = EntryHash.hash(id: id, bookID: draft.bookID, kind: draft.kind, valueDate: draft.valueDate,
                                  recordedAt: context.recordedAt, actor: context.actor, memo: draft.memo,
                                  documentRef: draft.documentRef, idempotencyKey: draft.idempotencyKey,
                                  reversesEntryID: draft.reversesEntryID, linkedEntryID: draft.linkedEntryID,
                                  postings: draft.postings, previousHash: head?.hash ?? "")
        try tx.insert(JournalEntry(id: id, bookID: draft.bookID, kind: draft.kind, valueDate: draft.valueDate,
                                   recordedAt: context.recordedAt, actor: context.actor, memo: draft.memo,
                                   documentRef: draft.documentRef, idempotencyKey: draft.idempotencyKey,
                                   reversesEntryID: draft.reversesEntryID, linkedEntryID: draft.linkedEntryID,
                                   postings: draft.postings, previousHash: head?.hash ?? "", hash: hash))
    }
}
