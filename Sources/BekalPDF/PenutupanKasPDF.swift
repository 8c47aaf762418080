import BekalCore
import Foundation

/// A closed month's berita acara penutupan kas on A4: the cash in hand and in the bank at the
/// month's end and their total (in figures and words), the month's entries counted, the seal's
/// short form, and the signatures of the bendahara and the head of the office.
public enum PenutupanKasPDF {
    public static func write(_ b: BeritaAcaraPenutupanKas, to path: String) throws {
        let page = try PDFCanvas(path: path, title: "Berita acara penutupan kas \(b.month)")
        let left = page.margin, width = page.width
        var y = page.margin
        y = page.letterhead(officeName: b.officeName, address: b.officeAddress, y: y)
        y += page.text("BERITA ACARA PENUTUPAN KAS", x: left, y: y, width: width, size: 14, weight: .bold, align: .center) + 2
        y += page.text("Bulan \(IndonesianCalendar.month(b.month))", x: left, y: y, width: width, size: 10, align: .center) + 20
        y += page.text("Pada akhir \(IndonesianCalendar.long(b.month.lastDay)) buku kas \(b.officeName) ditutup dengan keadaan sebagai berikut:",
                       x: left, y: y, width: width, size: 10) + 12
        let rows: [(String, String)] = [
            ("Saldo kas tunai (\(b.cashAccount))", b.cash.description), ("Saldo bank (\(b.bankAccount))", b.bank.description),
            ("Jumlah kas", b.total.description),
        ]
        for (index, row) in rows.enumerated() {
            let weight: PDFCanvas.Weight = index == rows.count - 1 ? .bold : .regular
            let height = page.text(row.0, x: left + 6, y: y + 4, width: width - 170, size: 10, weight: weight)
            page.text(row.1, x: left + width - 160, y: y + 4, width: 154, size: 10, weight: weight, align: .right)
            page.box(x: left, y: y, width: width - 164, height: height + 8, lineWidth: 0.5)
            page.box(x: left + width - 164, y: y, width: 164, height: height + 8, lineWidth: 0.5)
            y += height + 8
        }
        y += 6
        y += page.text("Terbilang: \(Terbilang.rupiah(b.total))", x: left, y: y, width: width, size: 9.5, weight: .italic) + 12
        y += page.text("Jumlah entri buku bulan ini: \(b.entryCount).", x: left, y: y, width: width, size: 10) + 8
        y += page.text("Segel bulan ini (periksa dengan bekal verify --expect):", x: left, y: y, width: width, size: 10) + 4
        let seal = b.sealShortForm ?? "(bulan ini ditutup tanpa kunci segel: belum disegel)"
        // 9 points of the monospaced face: the widest seal (62 characters) fits the box on one line.
        let sealHeight = page.text(seal, x: left + 8, y: y + 6, width: width - 16, size: b.sealShortForm == nil ? 11 : 9,
                                   weight: b.sealShortForm == nil ? .bold : .code)
        page.box(x: left, y: y, width: width, height: sealHeight + 12, lineWidth: 1)
        y += sealHeight + 28

        let signers = b.signatories
        let half = width / 2
        y += page.text("\(signers.place ?? "……………………"), \(IndonesianCalendar.long(b.month.lastDay))", x: left + half, y: y, width: half,
                       size: 10, align: .center) + 8
        let blocks: [(String, String?, String?)] = [
            (signers.headTitle ?? "Kepala \(b.officeName)", signers.headName, signers.headNIP?.grouped),
            ("Bendahara Pengeluaran", signers.treasurerName, signers.treasurerNIP?.grouped),
        ]
        for (index, block) in blocks.enumerated() {
            let x = left + Double(index) * half
            let h = page.text(block.0, x: x, y: y, width: half - 10, size: 9.5, align: .center)
            let nameY = y + max(h, 24) + 56
            page.text(block.1 ?? "(………………………………)", x: x, y: nameY, width: half - 10, size: 9.5, weight: .bold, align: .center)
            page.line(from: (x + 30, nameY + 14), to: (x + half - 40, nameY + 14))
            page.text("NIP " + (block.2 ?? "………………………"), x: x, y: nameY + 18, width: half - 10, size: 8, align: .center)
        }
        page.text("Dicetak oleh Bekal", x: left, y: page.pageHeight - page.margin, width: width, size: 7.5, align: .right)
        try page.finish()
    }
}
