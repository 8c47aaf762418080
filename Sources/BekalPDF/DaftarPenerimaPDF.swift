import BekalCore
import Foundation

/// An approved recipient list on A4, as the SPJ keeps it: the SK, a table of No., Nama,
/// Kode/No. register, Jumlah and a signature box whose number alternates left and right (as
/// the office's forms do, so two neighbours never sign on one line), carried over to as many
/// pages as it needs with its header on each; the total in figures and words; then the
/// signatures of the head of office, the programme officer and the bendahara.
public enum DaftarPenerimaPDF {
    public static func write(_ d: DaftarPenerima, to path: String) throws {
        let page = try PDFCanvas(path: path, title: "Daftar penerima \(d.listCode)", margin: 42)
        let left = page.margin, width = page.width
        let columns: [(title: String, width: Double, align: PDFCanvas.Align)] = [
            ("No.", 28, .center), ("Nama penerima", 168, .left), ("Kode / No. register", 96, .left), ("Jumlah (Rp)", 84, .right),
            ("Tanda tangan / cap jempol", width - 28 - 168 - 96 - 84, .left),
        ]
        let bottom = PDFCanvas.a4.height - page.margin - 20
        var pageNumber = 1
        var y = page.margin

        func header() {
            y = page.margin
            y += page.text(d.officeName.uppercased(), x: left, y: y, width: width, size: 11, weight: .bold, align: .center) + 1
            if let address = d.officeAddress { y += page.text(address, x: left, y: y, width: width, size: 8, align: .center) + 2 }
            page.line(from: (left, y + 2), to: (left + width, y + 2), width: 1.2)
            y += 10
            y += page.text("DAFTAR PENERIMA BANTUAN MODAL KERJA USAHA", x: left, y: y, width: width, size: 12, weight: .bold, align: .center) + 2
            y += page.text("\(d.cohortName)" + (d.trackName.map { " · \($0)" } ?? "") + " · Tahun Anggaran \(d.budgetYear)",
                           x: left, y: y, width: width, size: 9.5, align: .center) + 2
            y += page.text("Berdasarkan SK Nomor \(d.decreeNumber) tanggal \(IndonesianCalendar.long(d.decreeDate)) · Daftar \(d.listCode)",
                           x: left, y: y, width: width, size: 9, align: .center) + 4
            if let replaced = d.supersededBy {
                y += page.text("DAFTAR INI TELAH DIGANTI OLEH \(replaced): TIDAK BERLAKU UNTUK PEMBAYARAN", x: left, y: y, width: width,
                               size: 9.5, weight: .bold, align: .center) + 4
            }
            y += 6
            var x = left
            var height = 0.0
            for column in columns {
                height = max(height, page.text(column.title, x: x + 3, y: y + 4, width: column.width - 6, size: 8.5, weight: .bold, align: .center))
                x += column.width
            }
            x = left
            for column in columns {
                page.box(x: x, y: y, width: column.width, height: height + 8, lineWidth: 0.6)
                x += column.width
            }
            y += height + 8
        }

        func footer() {
            page.text("Daftar \(d.listCode) · halaman \(pageNumber)", x: left, y: PDFCanvas.a4.height - page.margin, width: width, size: 7.5,
                      align: .right)
        }

        header()
        for row in d.rows {
            let rowHeight = 30.0
            if y + rowHeight > bottom {
                footer()
                page.newPage()
                pageNumber += 1
                header()
            }
            var x = left
            let cells = [String(row.number), row.name, row.code + (row.registerNumber.map { "\n\($0)" } ?? ""), row.amount.groupedDigits, ""]
            for (index, column) in columns.enumerated() {
                page.box(x: x, y: y, width: column.width, height: rowHeight, lineWidth: 0.5)
                page.text(cells[index], x: x + 3, y: y + 4, width: column.width - 6, size: index == 2 ? 7.5 : 8.5, align: column.align)
                if index == 4 {
                    // The signature box's number: odd ones on the left, even ones on the right.
                    let half = column.width / 2
                    page.text("\(row.number).", x: x + (row.number % 2 == 1 ? 3 : half + 3), y: y + 4, width: half - 6, size: 7.5)
                    if let paid = row.paidUnder {
                        page.text("kuitansi \(paid)", x: x + 3, y: y + rowHeight - 11, width: column.width - 6, size: 6, align: .right)
                    }
                }
                x += column.width
            }
            y += rowHeight
        }
        let totalHeight = 18.0
        if y + totalHeight + 190 > bottom {
            footer()
            page.newPage()
            pageNumber += 1
            header()
        }
        page.box(x: left, y: y, width: columns[0].width + columns[1].width + columns[2].width, height: totalHeight, lineWidth: 0.6)
        page.text("Jumlah (\(d.rows.count) orang)", x: left + 3, y: y + 4, width: 280, size: 8.5, weight: .bold)
        let amountX = left + columns[0].width + columns[1].width + columns[2].width
        page.box(x: amountX, y: y, width: columns[3].width, height: totalHeight, lineWidth: 0.6)
        page.text(d.total.groupedDigits, x: amountX + 3, y: y + 4, width: columns[3].width - 6, size: 8.5, weight: .bold, align: .right)
        y += totalHeight + 6
        y += page.text("Terbilang: \(Terbilang.rupiah(d.total))", x: left, y: y, width: width, size: 8.5, weight: .italic) + 14

        let signers = d.signatories
        let third = width / 3
        y += page.text("\(signers.place ?? ""), ……………………", x: left + width / 2, y: y, width: width / 2, size: 9, align: .right) + 6
        let blocks: [(String, String, String?, String?)] = [
            ("Mengetahui,", signers.headTitle ?? "Kepala \(d.officeName)", signers.headName, signers.headNIP?.grouped),
            ("", "Pejabat Pelaksana Teknis Kegiatan", signers.programmeOfficerName, signers.programmeOfficerNIP?.grouped),
            ("", "Bendahara Pengeluaran", signers.treasurerName, signers.treasurerNIP?.grouped),
        ]
        // The titles first, so that the three name lines are level whatever their titles' lengths.
        var titles = 24.0
        for (index, block) in blocks.enumerated() {
            let x = left + Double(index) * third
            let h = page.text(block.0, x: x, y: y, width: third - 8, size: 8.5, align: .center)
            titles = max(titles, h + page.text(block.1, x: x, y: y + h, width: third - 8, size: 8.5, align: .center))
        }
        for (index, block) in blocks.enumerated() {
            let x = left + Double(index) * third
            let nameY = y + titles + 50
            page.text(block.2 ?? "", x: x, y: nameY, width: third - 8, size: 8.5, weight: .bold, align: .center)
            page.line(from: (x + 16, nameY + 13), to: (x + third - 24, nameY + 13))
            page.text("NIP " + (block.3 ?? ""), x: x, y: nameY + 16, width: third - 8, size: 7.5, align: .center)
        }
        footer()
        try page.finish()
    }
}
