import BekalCore
import Foundation

/// A month's Buku Kas Umum as an xlsx file, in the layout of the PDF (``BukuKasUmum``): the
/// letterhead lines, the header No., Tanggal, No. Bukti, Uraian, Kode Rekening, Penerimaan,
/// Pengeluaran, Saldo (frozen, and the print title of every page, so it repeats and never
/// prints over the rows), the balance brought forward, one row per posting with Uraian
/// wrapping in a column of a set width, the totals *jumlah bulan ini*, *s.d. bulan lalu* and
/// *s.d. bulan ini*, the closing cash split into kas tunai and bank, and the signatures.
/// Landscape A4, one page wide.
public enum BKUWorkbook {
    /// Uraian's width in characters: the BKU sheets of the keuangan workbook use it too.
    static let uraianWidth = 55.0

    public static let columns: [Table.Column] = [
        .init("number", "No.", .integer), .init("date", "Tanggal", .date), .init("document_ref", "No. Bukti"),
        .init("description", "Uraian"), .init("account_codes", "Kode Rekening"), .init("receipt", "Penerimaan", .rupiah),
        .init("payment", "Pengeluaran", .rupiah), .init("balance", "Saldo", .rupiah),
    ]

    public static func write(_ bku: BukuKasUmum, to path: String) throws {
        let workbook = try Workbook(path: path)
        do {
            try fill(workbook, bku)
            try workbook.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    static func fill(_ workbook: Workbook, _ bku: BukuKasUmum) throws {
        var headings = [bku.officeName]
        if let address = bku.officeAddress, !address.isEmpty { headings.append(address) }
        headings.append("Bendahara Pengeluaran · Bulan \(IndonesianCalendar.month(bku.month)) · Tahun Anggaran \(bku.month.year)")
        headings.append("Kas tunai: \(bku.cashAccount) · Bank: \(bku.bankAccount)"
                        + (bku.isClosed ? "" : " · bulan ini belum ditutup: BKU sementara"))
        let options = TableSheet.Options(headingLines: headings, sumFormulasInFooter: false, wrapText: true, balanceColumns: [7],
                                         fixedWidths: [2: 18, 3: uraianWidth, 4: 16])
        let sheet = try TableSheet(workbook: workbook, name: "BKU \(bku.month)", title: "Buku Kas Umum", columns: columns, options: options)
        try sheet.append([.empty, .date(bku.month.firstDay), .empty, .text("Saldo bulan lalu"), .empty, .empty, .empty,
                          .rupiah(bku.openingBalance)])
        for row in bku.rows {
            try sheet.append([.integer(Int64(row.number)), .date(row.date), row.documentRef.map { .text($0) } ?? .empty, .text(row.uraian),
                              .text(row.accountCodes), row.receipt == .zero ? .empty : .rupiah(row.receipt),
                              row.payment == .zero ? .empty : .rupiah(row.payment), .rupiah(row.balance)])
        }
        let through = bku.throughThisMonth
        try sheet.appendFooter([.empty, .empty, .empty, .text("Jumlah bulan ini"), .empty, .rupiah(bku.thisMonth.receipts),
                                .rupiah(bku.thisMonth.payments), .rupiah(bku.closingBalance)])
        try sheet.appendFooter([.empty, .empty, .empty, .text("Jumlah s.d. bulan lalu"), .empty, .rupiah(bku.beforeThisMonth.receipts),
                                .rupiah(bku.beforeThisMonth.payments), .empty])
        try sheet.appendFooter([.empty, .empty, .empty, .text("Jumlah s.d. bulan ini"), .empty, .rupiah(through.receipts),
                                .rupiah(through.payments), .empty])
        let day = IndonesianCalendar.long(bku.signedOn)
        let signers = bku.signatories
        try sheet.appendText(rows: [
            [:],
            [1: "Pada hari ini, \(day), Buku Kas Umum ditutup dengan keadaan kas sebagai berikut:"],
            [1: "Saldo kas di Bendahara Pengeluaran per \(day)", 7: bku.closingBalance.description],
            [1: "terdiri dari: a. Kas tunai (\(bku.cashAccount))", 7: bku.closingCash.description],
            [1: "b. Bank (\(bku.bankAccount))", 7: bku.closingBank.description],
            [1: "Terbilang: \(Terbilang.rupiah(bku.closingBalance))"],
            [:],
            [1: "Mengetahui,", 5: "\(signers.place ?? "……………………"), \(day)"],
            [1: signers.headTitle ?? "Kepala \(bku.officeName)", 5: "Bendahara Pengeluaran"],
            [:], [:], [:],
            [1: signers.headName ?? "(…………………………………………)", 5: signers.treasurerName ?? "(…………………………………………)"],
            [1: "NIP " + (signers.headNIP?.grouped ?? ""), 5: "NIP " + (signers.treasurerNIP?.grouped ?? "")],
        ])
        try sheet.finish()
    }
}
