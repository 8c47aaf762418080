import BekalCore
import Foundation

/// An equipment issue's berita acara serah terima on A4: the parties, the table of items
/// (No., Nama barang, Jumlah, Satuan, Nilai), its total in figures and in words, and the
/// signatures of the office (Pihak Pertama) and of every member of the kelompok on the day
/// (Pihak Kedua), who each sign beside her name. More members than fit go onto a new page.
public enum BASTPDF {
    public static func write(_ b: BeritaAcaraSerahTerima, to path: String) throws {
        let page = try PDFCanvas(path: path, title: "BAST \(b.number)")
        let left = page.margin, width = page.width
        var y = page.margin
        y = page.letterhead(officeName: b.officeName, address: b.officeAddress, y: y)
        y += page.text("BERITA ACARA SERAH TERIMA PERALATAN", x: left, y: y, width: width, size: 14, weight: .bold, align: .center) + 2
        y += page.text("Nomor: \(b.number)", x: left, y: y, width: width, size: 10, align: .center) + 18
        let signers = b.signatories
        y += page.text("Pada hari ini, \(IndonesianCalendar.long(b.date)), yang bertanda tangan di bawah ini:", x: left, y: y, width: width,
                       size: 10) + 8
        y += page.text("1. \(signers.headName ?? "………………………………"), \(signers.headTitle ?? "Kepala \(b.officeName)"), "
                       + "selanjutnya disebut PIHAK PERTAMA;", x: left + 10, y: y, width: width - 10, size: 10) + 4
        y += page.text("2. Anggota \(b.kelompokName) (\(b.kelompokCode)) yang namanya tercantum di bawah, selanjutnya disebut PIHAK KEDUA.",
                       x: left + 10, y: y, width: width - 10, size: 10) + 8
        y += page.text("PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA, dan PIHAK KEDUA menerima, peralatan usaha berikut untuk "
                       + "dipakai bersama dalam kelompok:", x: left, y: y, width: width, size: 10) + 10

        // The items.
        let columns: [(String, Double, PDFCanvas.Align)] = [("No.", 34, .center), ("Nama barang", 209, .left), ("Jumlah", 60, .right),
                                                             ("Satuan", 70, .left), ("Nilai", width - 373, .right)]
        func row(_ cells: [String], weight: PDFCanvas.Weight = .regular) {
            var x = left, height = 0.0
            for (cell, column) in zip(cells, columns) {
                height = max(height, page.text(cell, x: x + 4, y: y + 4, width: column.1 - 8, size: 9.5, weight: weight, align: column.2))
                x += column.1
            }
            x = left
            for column in columns {
                page.box(x: x, y: y, width: column.1, height: height + 8, lineWidth: 0.5)
                x += column.1
            }
            y += height + 8
        }
        row(columns.map(\.0), weight: .bold)
        for (index, line) in b.lines.enumerated() {
            row(["\(index + 1)", line.itemName, "\(line.quantity)", line.unit, line.value.description])
        }
        row(["", "Jumlah", "", "", b.total.description], weight: .bold)
        y += 6
        y += page.text("Terbilang: \(Terbilang.rupiah(b.total))", x: left, y: y, width: width, size: 9.5, weight: .italic) + 20

        // Pihak Pertama on the left, Pihak Kedua (every member) on the right.
        let half = width / 2
        page.text("PIHAK PERTAMA,", x: left, y: y, width: half - 10, size: 10, weight: .bold, align: .center)
        page.text("PIHAK KEDUA,", x: left + half, y: y, width: half, size: 10, weight: .bold, align: .center)
        let top = y + 18
        let first = top + page.text(signers.headTitle ?? "Kepala \(b.officeName)", x: left, y: top, width: half - 10, size: 9.5, align: .center) + 56
        page.text(signers.headName ?? "(………………………………)", x: left, y: first, width: half - 10, size: 9.5, weight: .bold, align: .center)
        page.line(from: (left + 30, first + 14), to: (left + half - 40, first + 14))
        page.text("NIP " + (signers.headNIP?.grouped ?? "………………………"), x: left, y: first + 18, width: half - 10, size: 8, align: .center)
        y = top
        for (index, member) in b.members.enumerated() {
            if y > page.pageHeight - page.margin - 40 {
                page.newPage()
                y = page.margin
                page.text("PIHAK KEDUA (lanjutan), \(b.number)", x: left + half, y: y, width: half, size: 10, weight: .bold, align: .center)
                y += 22
            }
            page.text("\(index + 1). \(member.name) (\(member.code))", x: left + half, y: y, width: half - 110, size: 9.5)
            page.line(from: (left + width - 100, y + 22), to: (left + width, y + 22))
            page.text("tanda tangan / cap jempol", x: left + width - 100, y: y + 24, width: 100, size: 6.5, align: .center)
            y += 40
        }
        if b.members.isEmpty {
            page.text("(tidak ada anggota kelompok pada tanggal ini)", x: left + half, y: y, width: half, size: 9.5, weight: .italic)
        }
        if let reversal = b.reversedByEntryID {
            page.color(red: 0.7, green: 0, blue: 0)
            page.text("DIBATALKAN: penyerahan ini dibalik dengan entri #\(reversal). Berita acara ini tidak berlaku.", x: left,
                      y: page.pageHeight - page.margin - 24, width: width, size: 10, weight: .bold, align: .center)
            page.color(red: 0, green: 0, blue: 0)
        }
        page.text("Entri buku #\(b.entryID) · dicetak oleh Bekal", x: left, y: page.pageHeight - page.margin, width: width, size: 7.5,
                  align: .right)
        try page.finish()
    }
}
