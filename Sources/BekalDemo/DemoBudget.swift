import BekalCore

/// The 2012 budget (issue 16): the office entered its DPA lines for the year's aftercare of
/// the graduates — marketing help from the city's APBD, a replacement machine from the
/// province's, handed to a sewing kelompok of 2010 — and received each line's SP2D. A label run and the stand at the city's
/// anniversary exhibition took the aftercare line past its pagu, which the head of office
/// allowed by a decree, recorded as a named exception before the stand was paid.
///
/// Earlier years have no lines: their money shows on the report as booked against none. The
/// 2010 targets are here too, so that the performance report has some met and some not.
enum DemoBudget {
    /// The 2010 targets the head of programme set: met, not met, and one the outcomes known so
    /// far cannot settle (the share not returned is a range that straddles 70 %).
    static let targets2010: [(PerformanceIndicator, Int64)] = [
        (.graduates, 30), (.grantsPaid, 30), (.notReturned, 70), (.businessesRunning, 60), (.lostToFollowUp, 10), (.visitsPerWorker, 48),
        (.daysToAnswer, 14), (.monthsClosedOnTime, 100), (.visitsOnSchedule, 50),
    ]
    static let year = 2012
    static let aftercare = (code: "5.1.02.02.01.0026", name: "Belanja Jasa Pendampingan dan Pemasaran Usaha Binaan", ceiling: Rupiah(6_000_000))
    static let equipment = (code: "5.1.02.03.01.0001", name: "Belanja Barang untuk Diserahkan kepada Masyarakat", ceiling: Rupiah(5_000_000))
    static let exception = (amount: Rupiah(1_500_000),
                            reason: "SK Kepala Dinas 900/51/DINSOS/2012: stan Pameran HUT Kota Bandar Lampung ditambah dari pergeseran anggaran")
}

extension DemoProgramme.Loader {
    func budget2012() throws {
        var admin = context
        admin.actor = "admin"
        for (indicator, value) in DemoBudget.targets2010 {
            _ = try Operations.setTarget(year: 2010, cohort: nil, indicator: indicator, value: value, context: admin, in: tx)
        }
        let year = DemoBudget.year
        _ = try Operations.addBudgetLine(BudgetLineDraft(year: year, source: .apbdKota, code: DemoBudget.aftercare.code, name: DemoBudget.aftercare.name,
                                                         purpose: .aftercare, ceiling: DemoBudget.aftercare.ceiling), context: admin, in: tx)
        _ = try Operations.addBudgetLine(BudgetLineDraft(year: year, source: .apbdProvinsi, code: DemoBudget.equipment.code, name: DemoBudget.equipment.name,
                                                         purpose: .equipment, ceiling: DemoBudget.equipment.ceiling), context: admin, in: tx)
        _ = try Operations.receiveBudget(
            BudgetReceipt(amount: Rupiah(6_000_000), documentRef: "SP2D/0120/LS/DINSOS/2012", valueDate: DemoRoster.day("2012-02-13"),
                          memo: "Penerimaan anggaran pendampingan dan pemasaran usaha binaan 2012 (SP2D)", intoBank: true,
                          budget: BudgetChoice(line: DemoBudget.aftercare.code)),
            context: context, in: tx)
        _ = try Operations.receiveBudget(
            BudgetReceipt(amount: Rupiah(3_500_000), documentRef: "SP2D/0318/LS/DISSOS-PROV/2012", valueDate: DemoRoster.day("2012-03-05"),
                          memo: "Bantuan keuangan Provinsi Lampung: sarana usaha pengganti (SP2D)", intoBank: true,
                          budget: BudgetChoice(line: DemoBudget.equipment.code)),
            context: context, in: tx)
        _ = try Operations.transferCash(CashTransfer(amount: Rupiah(9_500_000), to: .cash, documentRef: "CEK/2012/004",
                                                     valueDate: DemoRoster.day("2012-03-06"), memo: "Penarikan tunai untuk pendampingan dan sarana"),
                                        context: context, in: tx)
        _ = try Operations.recordAftercareExpense(
            AftercareExpense(amount: Rupiah(2_250_000), documentRef: "KW/PDP/2012/007",
                             memo: "Cetak kemasan dan label merek usaha binaan angkatan 2010",
                             valueDate: DemoRoster.day("2012-03-20"), cohort: "2010"),
            context: context, in: tx)
        var purchase = EquipmentPurchase(lines: [.init(item: "mesin-jahit", quantity: 2, unitCost: Rupiah(1_750_000))],
                                         documentRef: "NOTA/SARPRAS/2012/01", valueDate: DemoRoster.day("2012-04-10"),
                                         memo: "Pengadaan mesin jahit pengganti untuk kelompok binaan")
        purchase.documents = PurchaseDocuments(supplier: "CV Sinar Jahit Lampung", invoiceNumber: "FK-2012-0412", receiptReport: "BAPB/2012/03")
        _ = try Operations.buyEquipment(purchase, context: context, in: tx)
        // The machines replace the worn ones of the first sewing kelompok of 2010.
        _ = try Operations.issueEquipment(
            EquipmentIssue(kelompok: kelompokCodes["2010/jahit/1"]!, lines: [.init(item: "mesin-jahit", quantity: 2)],
                           documentRef: "BAST/SARPRAS/2012/01", valueDate: DemoRoster.day("2012-04-20")),
            context: context, in: tx)
        _ = try Operations.recordBudgetException(line: DemoBudget.aftercare.code, year: year, amount: DemoBudget.exception.amount,
                                                 reason: DemoBudget.exception.reason, context: admin, in: tx)
        _ = try Operations.recordAftercareExpense(
            AftercareExpense(amount: Rupiah(5_000_000), documentRef: "KW/PDP/2012/019",
                             memo: "Sewa stan Pameran HUT Kota Bandar Lampung untuk usaha binaan",
                             valueDate: DemoRoster.day("2012-06-10")),
            context: context, in: tx)
    }
}
