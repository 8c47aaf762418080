// Exports a synthetic cash book (Buku Kas Umum) of N rows through BekalExport's streaming
// Table renderer in constant-memory mode: the same cells as Benchmarks/xlsx/c_cashbook.c.
//
//   swift build -c release --product bekal-xlsx-bench
//   .build/release/bekal-xlsx-bench OUT.xlsx [ROWS]
import BekalCore
import BekalExport
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: bekal-xlsx-bench OUT.xlsx [ROWS]\n".utf8))
    exit(2)
}
let rowCount = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let firstDay = LocalDate(year: 2026, month: 1, day: 1)!

let columns: [Table.Column] = [
    .init("tanggal", "Tanggal", .date), .init("no_bku", "No. BKU"), .init("uraian", "Uraian"),
    .init("penerimaan", "Penerimaan", .rupiah), .init("pengeluaran", "Pengeluaran", .rupiah),
    .init("saldo", "Saldo", .rupiah),
]

/// `BKU-0000042`: zero-padded like the C program's `%07ld`.
func documentNumber(_ n: Int) -> String {
    let digits = String(n)
    return "BKU-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
}

var index = 0
var balance: Int64 = 0
var receipts: Int64 = 0
var payments: Int64 = 0

do {
    let workbook = try Workbook(path: arguments[1], options: .init(constantMemory: true))
    let sheet = try workbook.addTableSheet(
        name: "Buku Kas", title: "Buku Kas Umum Tahun Anggaran 2026", columns: columns,
        options: .init(headingLines: ["Dinas Sosial Kota Contoh", "Program Rehabilitasi Sosial", "Diekspor 25 Nov 2026"]),
        rows: {
            guard index < rowCount else { return nil }
            defer { index += 1 }
            let date = Table.Cell.date(firstDay.adding(days: index / 2800))
            let number = Table.Cell.text(documentNumber(index + 1))
            if index % 10 == 0 {
                let amount: Int64 = 20_000_000
                balance += amount
                receipts += amount
                return [date, number, .text("Penerimaan dana APBD tahap \(index / 10 + 1)"),
                        .rupiah(Rupiah(amount)), .empty, .rupiah(Rupiah(balance))]
            }
            let amount = 1_500_000 + Int64(index % 7) * 25_000
            balance -= amount
            payments += amount
            return [date, number, .text("Modal kerja binaan no. \(index + 1)"),
                    .empty, .rupiah(Rupiah(amount)), .rupiah(Rupiah(balance))]
        },
        footer: { [[.text("Jumlah"), .empty, .empty, .rupiah(Rupiah(receipts)), .rupiah(Rupiah(payments)), .rupiah(Rupiah(balance))]] })
    try workbook.close()
    print("rows \(sheet.bodyRowCount), saldo \(Rupiah(balance))")
} catch let failure as any BekalFailure {
    FileHandle.standardError.write(Data("bekal-xlsx-bench: \(failure.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("bekal-xlsx-bench: \(error)\n".utf8))
    exit(1)
}
