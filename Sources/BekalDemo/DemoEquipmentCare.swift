import BekalCore

/// Equipment after issue in 2012 (issue 16): the pendamping found a sewing machine of the third
/// sewing kelompok of 2010 broken in June, and the office paid for its repair from the year's
/// equipment line; an oven of a baking kelompok of 2009, found broken in 2010 and again in 2011, was written off
/// with a berita acara; one of the four machines of the first sewing kelompok of 2010 moved to
/// the second, where members had joined; and at the year's end the office counted the store room
/// and both kelompok — the overlock machine the pendamping had reported sold was not there.
/// The other broken items the visits reported stay open, as work for the office.
enum DemoEquipmentCare {
    static let repair = (ref: "NOTA/SERVIS/2012/07", day: "2012-07-05", amount: Rupiah(350_000),
                         reason: "Servis mesin jahit: ganti dinamo dan tali penggerak")
    static let writeOff = (ref: "BA/PENGHAPUSAN/2012/01", day: "2012-08-20",
                           reason: "Oven rusak berat pada dua kunjungan tahunan berturut-turut; biaya perbaikan melebihi harga baru")
    static let transfer = (ref: "BA/MUTASI/2012/01", day: "2012-09-03",
                           reason: "Anggota aktif kelompok 2010-1 tinggal dua; kelompok 2010-2 kekurangan mesin")
    static let count = (ref: "BA/STOCK-OPNAME/2012", day: "2012-12-28")
    static let soldNote = "Mesin obras dijual anggota (dilaporkan pada kunjungan 14-06-2012); ditindaklanjuti pendamping"
}

extension DemoProgramme.Loader {
    func equipmentCare2012() throws {
        let reports = try tx.visitEquipmentReports(visitID: nil)
        func visit(_ kelompok: String, _ item: String, on day: String) throws -> Int64 {
            let kelompokID = try Resolve.kelompok(kelompok, in: tx).id
            let itemID = try Resolve.item(item, in: tx).id
            return reports.first { $0.kelompokID == kelompokID && $0.itemID == itemID && $0.visitDate == DemoRoster.day(day) }!.visitID
        }
        let sewing3 = kelompokCodes["2010/jahit/3"]!
        _ = try Operations.repairEquipment(
            EquipmentRepair(item: "mesin-jahit", kelompok: sewing3, amount: DemoEquipmentCare.repair.amount,
                            documentRef: DemoEquipmentCare.repair.ref, reason: DemoEquipmentCare.repair.reason,
                            visitID: try visit(sewing3, "mesin-jahit", on: "2012-06-15"), valueDate: DemoRoster.day(DemoEquipmentCare.repair.day),
                            budget: BudgetChoice(line: DemoBudget.equipment.code)),
            context: context, in: tx)
        let baking = kelompokCodes["2009/tata-boga/1"]!
        _ = try Operations.moveEquipment(
            EquipmentMove(item: "oven", quantity: 1, from: baking, to: .writtenOff, documentRef: DemoEquipmentCare.writeOff.ref,
                          reason: DemoEquipmentCare.writeOff.reason, visitID: try visit(baking, "oven", on: "2011-08-14"),
                          valueDate: DemoRoster.day(DemoEquipmentCare.writeOff.day)),
            context: context, in: tx)
        let (sewing1, sewing2) = (kelompokCodes["2010/jahit/1"]!, kelompokCodes["2010/jahit/2"]!)
        _ = try Operations.moveEquipment(
            EquipmentMove(item: "mesin-jahit", quantity: 1, from: sewing1, to: .kelompok(sewing2), documentRef: DemoEquipmentCare.transfer.ref,
                          reason: DemoEquipmentCare.transfer.reason, valueDate: DemoRoster.day(DemoEquipmentCare.transfer.day)),
            context: context, in: tx)
        // The year-end count: every place counted as the register has it, but the overlock machine sold.
        let day = DemoRoster.day(DemoEquipmentCare.count.day)
        let holdings = try tx.equipmentHoldings(through: day)
        for place in [nil, sewing1, sewing2] {
            let placeID = try place.map { try Resolve.kelompok($0, in: tx).id }
            var lines: [StockTake.Line] = []
            var note: String?
            for holding in holdings where holding.kelompokID == placeID && holding.quantity > 0 {
                let item = try tx.equipmentItem(id: holding.itemID)!.code
                let sold = place == sewing1 && item == "mesin-obras"
                if sold { note = DemoEquipmentCare.soldNote }
                lines.append(StockTake.Line(item: item, counted: holding.quantity - (sold ? 1 : 0)))
            }
            if lines.isEmpty { lines = [StockTake.Line(item: "mesin-jahit", counted: 0)] }
            _ = try Operations.recordStockTake(StockTake(countRef: DemoEquipmentCare.count.ref, place: place, lines: lines, countedOn: day, note: note),
                                               context: context, in: tx)
        }
    }
}
