import BekalCore
import BekalExport
import Foundation

/// A scratch folder per test, removed afterwards.
final class Scratch {
    let folder: URL
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: folder) }
}

func day(_ text: String) -> LocalDate { try! LocalDate.parse(text) }

/// A small cash book: a receipt, two grants, totals.
let cashBook = Table(
    title: "Buku Kas Umum Januari 2026",
    columns: [
        .init("tanggal", "Tanggal", .date), .init("no_bku", "No. BKU"), .init("uraian", "Uraian"),
        .init("penerimaan", "Penerimaan", .rupiah), .init("pengeluaran", "Pengeluaran", .rupiah),
        .init("saldo", "Saldo", .rupiah),
    ],
    rows: [
        [.date(day("2026-01-05")), .text("0001/01"), .text("Penerimaan dana APBD"), .rupiah(Rupiah(30_000_000)), .empty, .rupiah(Rupiah(30_000_000))],
        [.date(day("2026-01-10")), .text("0002/01"), .text("Modal kerja angkatan 2025"), .empty, .rupiah(Rupiah(1_500_000)), .rupiah(Rupiah(28_500_000))],
        [.date(day("2026-01-10")), .text("0003/01"), .text("Modal kerja angkatan 2025"), .empty, .rupiah(Rupiah(1_500_000)), .rupiah(Rupiah(27_000_000))],
    ],
    footer: [[.text("Jumlah"), .empty, .empty, .rupiah(Rupiah(30_000_000)), .rupiah(Rupiah(3_000_000)), .rupiah(Rupiah(27_000_000))]]
)

let headingLines = ["Dinas Sosial Kota Bandar Lampung", "Program Rehabilitasi Sosial", "Diekspor 25 Nov 2026"]
