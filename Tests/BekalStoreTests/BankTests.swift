import BekalCore
@testable import BekalStore
import Foundation
import Testing

/// Money received into the bank can be spent: transferred to cash, or paid out directly as a
/// grant to her account, an equipment purchase or an aftercare cost; and never below zero.
@Suite("Bank and cash")
struct BankTests {
    let f: Fixture
    init() throws { f = try Fixture() }

    var ctx: OperationContext { Fixture.context }
    static func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: d)! }

    func intoBank(_ amount: Int64, ref: String = "SP2D-B1", day: Int = 2) throws {
        _ = try f.ops.receiveBudget(BudgetReceipt(amount: Rupiah(amount), documentRef: ref, valueDate: Self.day(day), intoBank: true),
                                    context: ctx)
    }

    @Test func grantsPurchasesAndCostsCanBePaidFromTheBank() throws {
        try intoBank(10_000_000)
        let grant = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "TRF-001", valueDate: Self.day(3),
                                                         paidFrom: .bank), context: ctx)
        _ = try f.ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 1, unitCost: Rupiah(2_000_000))],
                                                     documentRef: "NOTA-5", valueDate: Self.day(4), paidFrom: .bank), context: ctx)
        _ = try f.ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(500_000), documentRef: "NOTA-6", memo: "Cetak label",
                                                              valueDate: Self.day(5), kelompok: "K-0001", paidFrom: .bank), context: ctx)
        #expect(try f.balance(.bank) == Rupiah(6_000_000))
        #expect(try f.balance(.cash) == .zero)
        let bank = try f.store.read { tx in try tx.account(bookID: 1, role: .bank)! }
        #expect(grant.entry.postings.contains { $0.accountID == bank.id && $0.amount == Rupiah(-1_500_000) })
        // A replay names the same sub-book; the same kuitansi paid from cash instead is a conflict.
        #expect(try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "TRF-001", valueDate: Self.day(3),
                                                     paidFrom: .bank), context: ctx).replayed)
        try f.expectRefusal("idempotency_conflict",
                            "Reference \"TRF-001\" was already recorded as entry #2 with account 1102; this request has account 1101. If it is the same document, nothing needs doing; if not, use the document's own reference.") {
            _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "TRF-001", valueDate: Self.day(3)), context: ctx)
        }
    }

    @Test func theBankCannotGoBelowZero() throws {
        try intoBank(1_000_000)
        try f.expectRefusal("would_go_negative",
                            "Account 1102 Rekening Bank Bendahara holds Rp1.000.000; this would take it below zero by Rp500.000. Record the budget received first, or pay less.") {
            _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "TRF-001", valueDate: Self.day(3),
                                                     paidFrom: .bank), context: ctx)
        }
        try f.expectRefusal("would_go_negative",
                            "Account 1102 Rekening Bank Bendahara holds Rp1.000.000; this would take it below zero by Rp1. Record the budget received first, or pay less.") {
            _ = try f.ops.transferCash(CashTransfer(amount: Rupiah(1_000_001), to: .cash, documentRef: "PB-1", valueDate: Self.day(3)), context: ctx)
        }
        // Before the money reached the bank, nothing can leave it.
        try f.expectRefusal("would_go_negative_on_date",
                            "Account 1102 Rekening Bank Bendahara held Rp0 on 2026-11-01 by value date; this entry dated 2026-11-01 would take it below zero there by Rp400.000, although the balance today would cover it. Date it on or after the day the money arrived, or pay less.") {
            _ = try f.ops.transferCash(CashTransfer(amount: Rupiah(400_000), to: .cash, documentRef: "PB-1", valueDate: Self.day(1)), context: ctx)
        }
    }

    @Test func aTransferMovesMoneyBetweenBankAndCashOnce() throws {
        try intoBank(5_000_000)
        let out = try f.ops.transferCash(CashTransfer(amount: Rupiah(3_000_000), to: .cash, documentRef: "PB-001", valueDate: Self.day(3)),
                                         context: ctx)
        #expect(!out.isReplay && out.entry.kind == .cashTransfer && out.entry.memo == "Pemindahbukuan dari bank ke kas tunai")
        #expect(try f.ops.transferCash(CashTransfer(amount: Rupiah(3_000_000), to: .cash, documentRef: "PB-001", valueDate: Self.day(3)),
                                       context: ctx).isReplay)
        #expect(try f.balance(.bank) == Rupiah(2_000_000))
        #expect(try f.balance(.cash) == Rupiah(3_000_000))
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: Self.day(4)), context: ctx)
        // Cash left over is paid back into the bank.
        _ = try f.ops.transferCash(CashTransfer(amount: Rupiah(1_500_000), to: .bank, documentRef: "SETOR-1", valueDate: Self.day(5)), context: ctx)
        #expect(try f.balance(.cash) == .zero)
        #expect(try f.balance(.bank) == Rupiah(3_500_000))
        try f.expectRefusal("idempotency_conflict",
                            "Reference \"PB-001\" was already recorded as entry #2 with amount Rp3.000.000; this request has amount Rp2.000.000. If it is the same document, nothing needs doing; if not, use the document's own reference.") {
            _ = try f.ops.transferCash(CashTransfer(amount: Rupiah(2_000_000), to: .cash, documentRef: "PB-001", valueDate: Self.day(3)), context: ctx)
        }
        let report = try f.store.read { tx in try Verification.run(on: tx) }
        #expect(report.isValid, "\(report.problems)")
    }

    /// The BKU has two sub-books: each shows only its own account's lines.
    @Test func theCashBookHasASubBookForCashAndOneForTheBank() throws {
        try intoBank(5_000_000)
        _ = try f.ops.transferCash(CashTransfer(amount: Rupiah(3_000_000), to: .cash, documentRef: "PB-001", valueDate: Self.day(3)), context: ctx)
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001", valueDate: Self.day(4)), context: ctx)
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "TRF-002", valueDate: Self.day(4), paidFrom: .bank),
                                    context: ctx)
        let (cash, bank) = try f.store.read { tx in
            (try CashBook.build(CashBook.Request(subBook: .cash), in: tx), try CashBook.build(CashBook.Request(subBook: .bank), in: tx))
        }
        #expect(cash.opening.subBook == .cash && cash.opening.accountCode == "1101")
        #expect(cash.rows.filter { $0.type == .entry }.map(\.documentRef) == ["PB-001", "KW-001"])
        #expect(cash.closing.closingBalance == Rupiah(1_500_000))
        #expect(bank.opening.subBook == .bank && bank.opening.accountCode == "1102")
        #expect(bank.rows.filter { $0.type == .entry }.map(\.documentRef) == ["SP2D-B1", "PB-001", "TRF-002"])
        #expect(bank.closing.closingBalance == Rupiah(500_000))
        #expect(bank.table.title == "Buku Kas Umum · Bank · 1102 Rekening Bank Bendahara")
    }
}
