import BekalCore
@testable import BekalStore
import Foundation
import Testing

/// A sales figure says how old it is, and a month nobody reported is "no report", not Rp0.
@Suite("Stale figures say they are stale")
struct StaleFiguresTests {
    static func d(_ s: String) -> LocalDate { try! LocalDate.parse(s) }

    @Test func latestSalesNameTheirMonthAndAgeAndMissingMonthsSayNoReport() throws {
        let f = try Fixture()
        let ctx = Fixture.context
        _ = try f.ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try f.ops.assign(worker: "PSM-01", beneficiary: nil, kelompok: "K-0001", from: Self.d("2026-06-01"))
        _ = try f.ops.recordVisit(VisitRequest(date: Self.d("2026-08-05"), worker: "PSM-01", kelompok: "K-0001", usaha: "U-0001",
                                               contactMode: .homeVisit, businessStatus: .running,
                                               sales: SalesReport(amount: Rupiah(750_000), periodStart: Self.d("2026-07-01"),
                                                                  periodEnd: Self.d("2026-07-31"))), context: ctx)
        let report = try f.store.read { tx in try BusinessFollowUp.build(from: tx, usahaID: nil, asOf: Self.d("2026-11-25")) }
        let table = report.table
        func cell(_ key: String, row: Int) -> Table.Cell {
            table.rows[row][table.columns.firstIndex { $0.key == key }!]
        }
        #expect(table.columns.map(\.title).contains("Umur Laporan (hari)"))
        #expect(cell("last_sales", row: 0) == .rupiah(Rupiah(750_000)))
        #expect(cell("last_sales_month", row: 0) == .text("2026-07"))
        #expect(cell("last_sales_age_days", row: 0) == .integer(117))
        #expect(cell("trend", row: 0) == .text("tanpa laporan / 750.000 / tanpa laporan / tanpa laporan / tanpa laporan / tanpa laporan"))
        // A business that never reported sales: no figure, said in words.
        #expect(cell("last_sales", row: 1) == .text("tanpa laporan") && cell("last_sales_age_days", row: 1) == .empty)
    }
}
