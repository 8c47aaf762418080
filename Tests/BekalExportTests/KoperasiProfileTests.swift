import BekalCore
import BekalExport
import BekalStore
import Foundation
import Testing

/// A programme with businesses the partner may and may not see:
/// - U-0001: Siti's nasi uduk, she consented and gave the name "Bu Siti"; capital through her grant.
/// - U-0002: kelompok K-0001 (Rahma, consent without a name; Dewi, consent as "Dewi") baking cakes,
///   with an oven issued, sales, support and needs recorded on a visit that also has a note.
/// - U-0003: Nurul's business; she did not consent. Never listed.
/// - U-0004: Ani's business, closed. Not active, not listed.
private struct KoperasiWorld {
    let store: SQLiteStore
    let ops: Operations
    let context: OperationContext
    static let secretNIK = PartnerProgramme.secretNIK

    init() throws {
        store = try SQLiteStore()
        ops = Operations(store: store)
        context = OperationContext(actor: "tester", now: Date(timeIntervalSince1970: 1_795_582_800))
        try PartnerProgramme.build(ops, context: context, brand: "Uduk Siti", needs: "merek dan kemasan", note: "RAHASIA catatan kunjungan")
    }

    func koperasiTable() throws -> Table {
        try store.read { tx in
            let asOf = day("2026-11-25")
            let followUp = try BusinessFollowUp.build(from: tx, usahaID: nil, asOf: asOf)
            return KoperasiProfile.table(followUp: followUp, facts: try KoperasiProfile.gather(from: tx, asOf: asOf))
        }
    }
}

@Suite struct KoperasiProfileTests {
    @Test func onlyActiveConsentingBusinessesAreListedWithAllowedColumns() throws {
        let table = try KoperasiWorld().koperasiTable()
        #expect(table.columns.map(\.title) == KoperasiProfile.Column.allCases.map(\.column.title))
        #expect(table.rows.map { $0[0] } == [.text("U-0001"), .text("U-0002")])
        func value(_ row: Int, _ column: KoperasiProfile.Column) -> Table.Cell {
            table.rows[row][KoperasiProfile.Column.allCases.firstIndex(of: column)!]
        }
        #expect(value(0, .consentedNames) == .text("Bu Siti"))
        #expect(value(0, .activeMembers) == .integer(1))
        #expect(value(0, .capitalReceived) == .rupiah(Rupiah(1_500_000)))
        #expect(value(0, .equipmentItems) == .empty)
        #expect(value(0, .track) == .text("Tata Boga"))
        #expect(value(0, .kelurahan) == .text("Kedaton"))

        // Only Dewi of the two agreed to her name being shown: in a kelompok no name is shown
        // until every member agreed (sharing the business is a consent of its own).
        #expect(value(1, .consentedNames) == .empty)
        #expect(value(1, .activeMembers) == .integer(2))
        #expect(value(1, .capitalReceived) == .rupiah(Rupiah(1_500_000)))
        #expect(value(1, .equipmentItems) == .integer(1))
        #expect(value(1, .equipmentValue) == .rupiah(Rupiah(2_000_000)))
        #expect(value(1, .latestSales) == .rupiah(Rupiah(750_000)))
        #expect(value(1, .latestSalesPeriod) == .text("2026-10"))
        // Reported for the period ending 11 October: 45 days old on 25 November.
        #expect(value(1, .latestSalesAge) == .integer(45))
        #expect(value(1, .salesTrend) == .text("tanpa laporan / tanpa laporan / tanpa laporan / tanpa laporan / 750.000 / tanpa laporan"))
        #expect(value(1, .supportGiven) == .text("Pemasaran ×1, Merek ×1"))
        #expect(value(1, .needs) == .text("merek dan kemasan"))
        #expect(value(1, .contactWorker) == .text("Bu Rina (PSM-01)"))
    }

    @Test func theKoperasiSpreadsheetHoldsNoPersonalData() throws {
        let table = try KoperasiWorld().koperasiTable()
        let scratch = try Scratch()
        let path = scratch.path("koperasi.xlsx")
        let workbook = try Workbook(path: path)
        try workbook.addTableSheet(table, name: "Usaha", options: .init(headingLines: headingLines))
        try workbook.addColumnGuide(title: "Keterangan kolom", entries: KoperasiProfile.Column.allCases.map { ($0.column.title, $0.explanation) })
        try workbook.close()

        let file = try XlsxReader(path: path)
        #expect(try file.sheetNames() == ["Usaha", "Keterangan Kolom"])
        let everything = try file.text("xl/worksheets/sheet1.xml") + file.text("xl/worksheets/sheet2.xml")
        for forbidden in ["Siti Rahayu", "Rahma", "Kartika", "Nurul", "Ani", KoperasiWorld.secretNIK, "RAHASIA",
                          "Pindah dalam kota", "moved_within_city", "U-0003", "U-0004"] {
            #expect(!everything.contains(forbidden), "\(forbidden) must not reach the partner")
        }
        // The businesses that are not shared leave no trace in the data sheet either.
        let data = try file.text("xl/worksheets/sheet1.xml")
        #expect(!data.contains("jahit") && !data.contains("salon") && !data.contains("Rajabasa"))
        let cells = try file.cells(sheet: 1)
        #expect(cells["A6"]?.text == "Kode Usaha")
        #expect(cells["A7"]?.text == "U-0001" && cells["F7"]?.text == "Bu Siti")
        #expect(cells["H8"]?.number == 1_500_000 && cells["H8"]?.numberFormat == "\"Rp\"#,##0")
        let guide = try file.cells(sheet: 2)
        #expect(guide["A4"]?.text == "Kode Usaha")
        #expect(guide["B4"]?.text == KoperasiProfile.Column.code.explanation)
        #expect(guide["A\(3 + KoperasiProfile.Column.allCases.count)"]?.text == "Pendamping (Kontak)")
    }
}
