import BekalCore
import Foundation

/// A grant's kuitansi on one A4 page, in the form the SPJ keeps: its number; "Telah terima
/// dari" the office's bendahara; the amount in words, boxed; what it is for; the amount in
/// figures; the place and date; and the signatures of the approving officer, the bendahara and
/// the recipient, with names and NIP from the office's settings (a line to write on where one
/// is not set). A reversed grant's kuitansi says it is void.
public enum KuitansiPDF {
    public static func write(_ k: Kuitansi, to path: String) throws {
        let page = try PDFCanvas(path: path, title: "Kuitansi \(k.number)")
        draw(k, on: page)
        try page.finish()
    }

    /// Many kuitansi into one file, one per page, in the order given (a month's grants to sign
    /// in one sitting). An empty list is refused as a programmer error.
    public static func writeAll(_ kuitansi: [Kuitansi], to path: String) throws {
        precondition(!kuitansi.isEmpty, "writeAll needs at least one kuitansi")
        let page = try PDFCanvas(path: path, title: "Kuitansi \(kuitansi[0].number) s.d. \(kuitansi[kuitansi.count - 1].number)")
        for (index, k) in kuitansi.enumerated() {
            if index > 0 { page.newPage() }
            draw(k, on: page)
        }
        try page.finish()
    }

    static func draw(_ k: Kuitansi, on page: PDFCanvas) {
        let left = page.margin, width = page.width
        var y = page.margin
        y = page.letterhead(officeName: k.officeName, address: k.officeAddress, y: y)
        y += page.text("KUITANSI", x: left, y: y, width: width, size: 18, weight: .bold, align: .center) + 2
        y += page.text("No. \(k.number)", x: left, y: y, width: width, size: 10, align: .center) + 22

        let label = 130.0
        func row(_ title: String, _ value: String, weight: PDFCanvas.Weight = .regular) {
            page.text(title, x: left, y: y, width: label, size: 10)
            page.text(":", x: left + label, y: y, width: 10, size: 10)
            y += page.text(value, x: left + label + 12, y: y, width: width - label - 12, size: 10, weight: weight) + 12
        }
        row("Telah terima dari", "Bendahara Pengeluaran \(k.officeName)")
        // The amount in words, boxed, so nothing can be written after it.
        let wordsTop = y - 4
        let wordsHeight = page.text(k.amountInWords, x: left + label + 16, y: y, width: width - label - 20, size: 11, weight: .italic)
        page.text("Uang sebanyak", x: left, y: y, width: label, size: 10)
        page.text(":", x: left + label, y: y, width: 10, size: 10)
        page.box(x: left + label + 10, y: wordsTop, width: width - label - 10, height: wordsHeight + 8)
        y += wordsHeight + 16
        row("Untuk pembayaran", k.purpose + ", kepada \(k.recipientName) (\(k.recipientCode)"
            + (k.registerNumber.map { ", no. register \($0)" } ?? "") + ")")
        if let sk = k.decree { row("Dasar", sk) }
        y += 6
        let figures = "\(k.amount),-"
        let figuresHeight = page.text(figures, x: left + 8, y: y + 6, width: 220, size: 14, weight: .bold)
        page.box(x: left, y: y, width: 236, height: figuresHeight + 12, lineWidth: 1.2)

        let signers = k.signatories
        let place = signers.place ?? "……………………"
        page.text("\(place), \(IndonesianCalendar.long(k.valueDate))", x: left + width / 2, y: y + 4, width: width / 2, size: 10, align: .right)
        y += figuresHeight + 36

        // Three signatures: the approving officer, the bendahara, the recipient; their names on one line.
        let column = width / 3
        let blocks: [(String, String, String?, String?)] = [
            ("Mengetahui/Menyetujui,", signers.headTitle ?? "Kepala \(k.officeName)", signers.headName, signers.headNIP?.grouped),
            ("Lunas dibayar,", "Bendahara Pengeluaran", signers.treasurerName, signers.treasurerNIP?.grouped),
            ("Yang menerima,", "Penerima bantuan", k.recipientName, nil),
        ]
        var headers = 0.0
        for (index, block) in blocks.enumerated() {
            let x = left + Double(index) * column
            let h = page.text(block.0, x: x, y: y, width: column - 8, size: 9.5, align: .center)
            headers = max(headers, h + page.text(block.1, x: x, y: y + h, width: column - 8, size: 9.5, align: .center))
        }
        let nameLine = y + headers + 64
        var bottom = nameLine
        for (index, block) in blocks.enumerated() {
            let x = left + Double(index) * column
            var by = nameLine
            by += page.text(block.2 ?? "(………………………………)", x: x, y: by, width: column - 8, size: 9.5, weight: .bold, align: .center)
            page.line(from: (x + 10, by + 1), to: (x + column - 18, by + 1))
            by += 4
            if let nip = block.3 {
                by += page.text("NIP \(nip)", x: x - 4, y: by, width: column, size: 8, align: .center)
            } else if index < 2 {
                by += page.text("NIP ………………………", x: x, y: by, width: column - 8, size: 8.5, align: .center)
            }
            bottom = max(bottom, by)
        }
        y = bottom + 30
        if let reversal = k.reversedByEntryID {
            page.color(red: 0.7, green: 0, blue: 0)
            page.text("DIBATALKAN: hibah ini dibalik dengan entri #\(reversal). Kuitansi ini tidak berlaku.", x: left, y: y, width: width,
                      size: 11, weight: .bold, align: .center)
            page.color(red: 0, green: 0, blue: 0)
            y += 24
        }
        page.text("Entri buku #\(k.entryID) · dicetak oleh Bekal", x: left, y: page.pageHeight - page.margin, width: width, size: 7.5,
                  align: .right)
    }
}
