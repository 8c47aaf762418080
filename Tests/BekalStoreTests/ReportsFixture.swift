import BekalCore
import BekalStore
import Foundation

/// A small programme, built only through ``Operations``, whose every figure the report
/// tests know by hand:
///
/// - budget Rp100.000.000 into cash on 2026-01-10;
/// - cohort 2026A (budget Rp50.000.000) with A, B, C, D; cohort 2026B (Rp10.000.000), empty;
/// - kelompok K-0001 with A, B, C from 2026-01-05; B leaves on 2026-02-14, D joins on 2026-02-16;
/// - usaha U-0001 owned by the kelompok;
/// - grants of Rp1.500.000: A (2026-02-03, into U-0001), B (2026-02-03), C (2026-02-20,
///   reversed 2026-03-02), D (2026-03-05) and D again on 2026-03-10 under an exception;
/// - 3 sewing machines at Rp1.750.000 bought 2026-02-10 (a memo with a comma and quotes);
///   2 issued to the kelompok on 2026-02-15, 1 on 2026-02-20 (reversed 2026-03-03);
/// - aftercare Rp250.000 for the kelompok and Rp100.000 for the usaha only, both 2026-03-04
///   and both booked against cohort 2026A (the kelompok's, and the usaha's through its kelompok).
struct ReportsProgramme {
    let store: SQLiteStore
    let a: Beneficiary, b: Beneficiary, c: Beneficiary, d: Beneficiary
    let kelompok: Kelompok
    let usaha: Usaha
    /// Entry ids, by what they record.
    var entries: [String: Int64] = [:]
    var exceptionID: Int64 = 0

    static let context = OperationContext(actor: "bendahara", now: ISO8601DateFormatter().date(from: "2026-11-25T05:00:00Z")!)
    static let purchaseMemo = "Mesin jahit \"Butterfly\", 3 unit"

    static func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

    init() throws {
        store = try SQLiteStore()
        let ops = Operations(store: store)
        let ctx = Self.context
        try ops.initialise(officeName: "Dinas Sosial Kota Contoh")
        _ = try ops.addTrack(code: "jahit", name: "Jahit")
        _ = try ops.addCohort(CohortDraft(code: "2026A", budget: Rupiah(50_000_000), budgetYear: 2026))
        _ = try ops.addCohort(CohortDraft(code: "2026B", budget: Rupiah(10_000_000), budgetYear: 2026))
        func person(_ name: String) throws -> Beneficiary {
            try ops.addBeneficiary(BeneficiaryDraft(name: name), enrolIn: ("2026A", "jahit", .completed))
        }
        a = try person("Ani")
        b = try person("Budi")
        c = try person("Citra")
        d = try person("Dewi")
        kelompok = try ops.addKelompok(name: "Jahit Mawar", cohort: "2026A", track: "jahit",
                                       members: [a.code, b.code, c.code], joinedOn: Self.day("2026-01-05"))
        usaha = try ops.addUsaha(UsahaDraft(ownerKelompok: kelompok.code, product: "Jahitan"))
        _ = try ops.addEquipmentItem(code: "mesin-jahit", name: "Mesin jahit", unit: "unit")

        entries["budget"] = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(100_000_000), documentRef: "SP2D-001",
                                                                valueDate: Self.day("2026-01-10")), context: ctx).entry.id
        func grant(_ who: Beneficiary, _ ref: String, _ date: String, usaha: String? = nil) throws -> Int64 {
            try ops.disburseGrant(GrantRequest(beneficiary: who.code, documentRef: ref, valueDate: Self.day(date), usaha: usaha),
                                  context: ctx).entry.id
        }
        entries["grantA"] = try grant(a, "KW-001", "2026-02-03", usaha: usaha.code)
        entries["grantB"] = try grant(b, "KW-002", "2026-02-03")
        entries["purchase"] = try ops.buyEquipment(EquipmentPurchase(
            lines: [.init(item: "mesin-jahit", quantity: 3, unitCost: Rupiah(1_750_000))], documentRef: "NOTA-01",
            valueDate: Self.day("2026-02-10"), memo: Self.purchaseMemo), context: ctx).entry.id
        try ops.leave(kelompok: kelompok.code, beneficiary: b.code, on: Self.day("2026-02-14"))
        entries["issue1"] = try ops.issueEquipment(EquipmentIssue(
            kelompok: kelompok.code, lines: [.init(item: "mesin-jahit", quantity: 2)], documentRef: "BAST-01",
            valueDate: Self.day("2026-02-15")), context: ctx).entry.id
        try ops.join(kelompok: kelompok.code, beneficiary: d.code, on: Self.day("2026-02-16"))
        entries["issue2"] = try ops.issueEquipment(EquipmentIssue(
            kelompok: kelompok.code, lines: [.init(item: "mesin-jahit", quantity: 1)], documentRef: "BAST-02",
            valueDate: Self.day("2026-02-20")), context: ctx).entry.id
        entries["grantC"] = try grant(c, "KW-003", "2026-02-20")
        entries["reverseC"] = try ops.reverse(entryID: entries["grantC"]!, reason: "salah penerima",
                                              date: Self.day("2026-03-02"), context: ctx).entry.id
        entries["reverseIssue2"] = try ops.reverse(entryID: entries["issue2"]!, reason: "mesin rusak, dikembalikan",
                                                   date: Self.day("2026-03-03"), context: ctx).entry.id
        entries["aftercareK"] = try ops.recordAftercareExpense(AftercareExpense(
            amount: Rupiah(250_000), documentRef: "KW-AC-01", memo: "Label merek", valueDate: Self.day("2026-03-04"),
            kelompok: kelompok.code), context: ctx).entry.id
        entries["aftercareU"] = try ops.recordAftercareExpense(AftercareExpense(
            amount: Rupiah(100_000), documentRef: "KW-AC-02", memo: "Ongkos pameran", valueDate: Self.day("2026-03-04"),
            usaha: usaha.code), context: ctx).entry.id
        entries["grantD"] = try grant(d, "KW-005", "2026-03-05")
        exceptionID = try ops.recordGrantException(beneficiary: d.code, cohort: "2026A",
                                                   reason: "Usaha kedua disetujui Kasi", context: ctx).id
        entries["grantD2"] = try grant(d, "KW-006", "2026-03-10")
    }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try store.read(body) }

    /// The trial balance's balance of an office account, by role.
    func trialBalance(_ role: AccountRole) throws -> Rupiah {
        try read { tx in
            let book = try tx.book(code: Book.officeCode)!
            let account = try tx.account(bookID: book.id, role: role)!
            let tb = try TrialBalance.build(from: tx, bookCode: Book.officeCode)
            return tb.books[0].accounts.first { $0.code == account.code }!.balance
        }
    }

    func accountCode(_ role: AccountRole) throws -> String {
        try read { tx in try tx.account(bookID: tx.book(code: Book.officeCode)!.id, role: role)!.code }
    }
}
