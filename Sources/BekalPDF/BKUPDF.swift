import BekalCore
import Foundation

/// A month's Buku Kas Umum on landscape A4, as the bendahara pengeluaran submits it: the
/// letterhead and title on the first page; the table (No., Tanggal, No. Bukti, Uraian, Kode
/// Rekening, Penerimaan, Pengeluaran, Saldo), its header repeated on every page and Uraian
/// wrapping within its column, starting from the balance brought forward; the rows *jumlah
/// bulan ini*, *jumlah s.d. bulan lalu* and *jumlah s.d. bulan ini*; the closing cash split
/// into kas tunai and bank; then the place and date and the signatures of the head of the
/// office and the bendahara, with names and NIP. Every page is numbered "Halaman n dari N".
///
/// The pages are laid out twice: once measuring (to count them and to learn each row's
/// height), once drawing. A receipt leaves Pengeluaran blank and a payment Penerimaan, as on paper.
public enum BKUPDF {
    /// (title, width, alignment); Uraian takes what the others leave.
    static let columns: [(title: String, width: Double, align: PDFCanvas.Align)] = [
        ("No.", 28, .center), ("Tanggal", 70, .center), ("No. Bukti", 74, .left), ("Uraian", 0, .left),
        ("Kode Rekening", 66, .left), ("Penerimaan", 108, .right), ("Pengeluaran", 108, .right), ("Saldo", 108, .right),
    ]
    /// Points; Pango draws them at 96 per inch, so a glyph of DejaVu Sans is at most 4/3 of this wide.
    static let size = 7.5
    static let padding = 3.0

    public static func write(_ bku: BukuKasUmum, to path: String) throws {
        let page = try PDFCanvas(path: path, title: "Buku Kas Umum \(bku.month)", margin: 36, landscape: true)
        let measured = Layout(bku, page: page, drawing: false, pageCount: 0, heights: [])
        measured.run()
        let drawn = Layout(bku, page: page, drawing: true, pageCount: measured.pageNumber, heights: measured.heights)
        drawn.run()
        precondition(drawn.pageNumber == measured.pageNumber, "the drawing pass lays out the pages the measuring pass counted")
        try page.finish()
    }

    /// `02-11-2026`.
    static func date(_ d: LocalDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(d.day))-\(two(d.month))-\(d.year)"
    }

    static func amount(_ r: Rupiah) -> String { r == .zero ? "" : r.description }

    /// One pass over the pages: measuring only, or drawing what the measuring pass counted.
    final class Layout {
        let bku: BukuKasUmum
        let page: PDFCanvas
        let drawing: Bool
        let pageCount: Int
        /// Each table row's height (the drawing pass reads the measuring pass's).
        var heights: [Double]
        var pageNumber = 1
        var y: Double
        var rowIndex = 0
        let widths: [Double]
        let left: Double
        /// One line of a cell, regular and bold.
        let lineHeight: [Double]
        var bottom: Double { page.pageHeight - page.margin - 8 }

        init(_ bku: BukuKasUmum, page: PDFCanvas, drawing: Bool, pageCount: Int, heights: [Double]) {
            self.bku = bku
            self.page = page
            self.drawing = drawing
            self.pageCount = pageCount
            self.heights = heights
            left = page.margin
            y = page.margin
            let fixed = BKUPDF.columns.reduce(0) { $0 + $1.width }
            widths = BKUPDF.columns.map { $0.width == 0 ? page.width - fixed : $0.width }
            lineHeight = [page.height("0", width: 100, size: BKUPDF.size), page.height("0", width: 100, size: BKUPDF.size, weight: .bold)]
        }

        @discardableResult
        func put(_ text: String, x: Double, y: Double, width: Double, size: Double = BKUPDF.size, weight: PDFCanvas.Weight = .regular,
                 align: PDFCanvas.Align = .left) -> Double {
            drawing ? page.text(text, x: x, y: y, width: width, size: size, weight: weight, align: align)
                : page.height(text, width: width, size: size, weight: weight)
        }

        func run() {
            titleBlock()
            header()
            row(["", BKUPDF.date(bku.month.firstDay), "", "Saldo bulan lalu", "", "", "", bku.openingBalance.description], weight: .bold)
            for r in bku.rows {
                row(["\(r.number)", BKUPDF.date(r.date), r.documentRef ?? "", r.uraian, r.accountCodes, BKUPDF.amount(r.receipt),
                     BKUPDF.amount(r.payment), r.balance.description])
            }
            let through = bku.throughThisMonth
            row(["", "", "", "Jumlah bulan ini", "", bku.thisMonth.receipts.description, bku.thisMonth.payments.description,
                 bku.closingBalance.description], weight: .bold)
            row(["", "", "", "Jumlah s.d. bulan lalu", "", bku.beforeThisMonth.receipts.description,
                 bku.beforeThisMonth.payments.description, ""], weight: .bold)
            row(["", "", "", "Jumlah s.d. bulan ini", "", through.receipts.description, through.payments.description, ""], weight: .bold)
            y += 10
            let closing = closingBlock(at: 0, drawing: false)
            if y + closing > bottom {
                nextPage(withHeader: false)
            }
            y += closingBlock(at: y, drawing: drawing)
            footer()
        }

        func titleBlock() {
            y = page.letterhead(officeName: bku.officeName, address: bku.officeAddress, y: y, drawing: drawing)
            y += put(BukuKasUmum.title, x: left, y: y, width: page.width, size: 13, weight: .bold, align: .center) + 1
            y += put("BENDAHARA PENGELUARAN · Bulan \(IndonesianCalendar.month(bku.month)) · Tahun Anggaran \(bku.month.year)", x: left, y: y,
                     width: page.width, size: 9.5, align: .center) + 6
            y += put("Kas tunai: \(bku.cashAccount) · Bank: \(bku.bankAccount) · Saldo: kas tunai dan bank bersama",
                     x: left, y: y, width: page.width, size: 8)
            if !bku.isClosed {
                y += put("Bulan ini belum ditutup (bekal period close): BKU ini masih sementara.", x: left, y: y, width: page.width, size: 8,
                         weight: .italic)
            }
            y += 6
        }

        func header() {
            row(BKUPDF.columns.map(\.title), weight: .bold, isHeader: true)
        }

        func nextPage(withHeader: Bool) {
            footer()
            if drawing { page.newPage() }
            pageNumber += 1
            y = page.margin
            y += put("\(BukuKasUmum.title) · \(bku.officeName) · Bulan \(IndonesianCalendar.month(bku.month)) (lanjutan)", x: left, y: y,
                     width: page.width, size: 9, weight: .bold) + 6
            if withHeader { header() }
        }

        func footer() {
            guard drawing else { return }
            page.footer("Halaman \(pageNumber) dari \(pageCount)", left: "Buku Kas Umum \(IndonesianCalendar.month(bku.month)) · dicetak oleh Bekal")
        }

        /// A row of the table; a row that does not fit goes to a new page under the header.
        func row(_ cells: [String], weight: PDFCanvas.Weight = .regular, isHeader: Bool = false) {
            let height: Double
            if drawing && !isHeader {
                height = heights[rowIndex]
            } else {
                height = measure(cells, weight: weight)
                if !isHeader { heights.append(height) }
            }
            if !isHeader {
                rowIndex += 1
                if y + height > bottom { nextPage(withHeader: true) }
            }
            if drawing {
                if isHeader { page.fill(x: left, y: y, width: page.width, height: height, gray: 0.88) }
                var x = left
                for (index, cell) in cells.enumerated() {
                    if !cell.isEmpty {
                        page.text(cell, x: x + BKUPDF.padding, y: y + BKUPDF.padding, width: widths[index] - 2 * BKUPDF.padding,
                                  size: BKUPDF.size, weight: weight, align: isHeader ? .center : BKUPDF.columns[index].align)
                    }
                    x += widths[index]
                }
                page.boxes(x: left, y: y, widths: widths, height: height)
            }
            y += height
        }

        /// A row's height: one line, or more where a cell wraps. A cell is measured only when it
        /// might not fit on one line (no glyph of DejaVu Sans is wider than an em; no digit,
        /// dash or point wider than 0.7 of one), so most number cells cost nothing.
        func measure(_ cells: [String], weight: PDFCanvas.Weight) -> Double {
            let line = lineHeight[weight == .bold ? 1 : 0]
            var h = line
            for (index, cell) in cells.enumerated() where !cell.isEmpty {
                let available = widths[index] - 2 * BKUPDF.padding
                let glyph = BKUPDF.columns[index].align == .left ? 1.0 : 0.7
                guard Double(cell.count) * BKUPDF.size * 4 / 3 * glyph > available else { continue }
                h = max(h, page.height(cell, width: available, size: BKUPDF.size, weight: weight))
            }
            return h + 2 * BKUPDF.padding
        }

        /// The closing cash, split into kas tunai and bank, and the signatures; its height.
        func closingBlock(at top: Double, drawing: Bool) -> Double {
            let put: (String, Double, Double, Double, Double, PDFCanvas.Weight, PDFCanvas.Align) -> Double = { text, x, y, width, size, weight, align in
                drawing ? self.page.text(text, x: x, y: y, width: width, size: size, weight: weight, align: align)
                    : self.page.height(text, width: width, size: size, weight: weight)
            }
            var y = top
            let day = IndonesianCalendar.long(bku.signedOn)
            y += put("Pada hari ini, \(day), Buku Kas Umum ditutup dengan keadaan kas sebagai berikut:", left, y, page.width, 9, .regular, .left) + 4
            let lines: [(String, Rupiah, PDFCanvas.Weight)] = [
                ("Saldo kas di Bendahara Pengeluaran per \(day)", bku.closingBalance, .bold),
                ("terdiri dari:  a. Kas tunai (\(bku.cashAccount))", bku.closingCash, .regular),
                ("                      b. Bank (\(bku.bankAccount))", bku.closingBank, .regular),
            ]
            for line in lines {
                let h = put(line.0, left + 10, y, 420, 9, line.2, .left)
                _ = put(line.1.description, left + 440, y, 150, 9, line.2, .right)
                y += h + 2
            }
            y += put("Terbilang: \(Terbilang.rupiah(bku.closingBalance))", left + 10, y, page.width - 10, 8.5, .italic, .left) + 12

            let signers = bku.signatories
            let half = page.width / 2
            let blocks: [(String, String, String?, String?)] = [
                ("Mengetahui,", signers.headTitle ?? "Kepala \(bku.officeName)", signers.headName, signers.headNIP?.grouped),
                ("\(signers.place ?? "……………………"), \(day)", "Bendahara Pengeluaran", signers.treasurerName, signers.treasurerNIP?.grouped),
            ]
            var end = y
            for (index, block) in blocks.enumerated() {
                let x = left + Double(index) * half
                var by = y
                by += put(block.0, x, by, half - 10, 9, .regular, .center)
                by += put(block.1, x, by, half - 10, 9, .regular, .center) + 44
                let nameHeight = put(block.2 ?? "(………………………………)", x, by, half - 10, 9, .bold, .center)
                if drawing { page.line(from: (x + 60, by + nameHeight + 1), to: (x + half - 70, by + nameHeight + 1)) }
                by += nameHeight + 3
                by += put("NIP " + (block.3 ?? "………………………"), x, by, half - 10, 8, .regular, .center)
                end = max(end, by)
            }
            return end - top
        }
    }
}
