import ArgumentParser
import BekalCore
import BekalExport
import BekalPDF

extension PrintCommand {
    /// `bekal print bku --month YYYY-MM`: the month's Buku Kas Umum, cash and bank together, as
    /// the bendahara submits it; a PDF, or an xlsx in the same layout when `--out` ends in `.xlsx`.
    struct BKU: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bku", abstract: "The Buku Kas Umum of a month, cash and bank, with its totals and signatures (A4 PDF or xlsx).",
            discussion: "A transfer between the bank and cash shows both sides: a payment from the one and a receipt into the other. "
                + "A month not yet closed (bekal period close) prints as a draft.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "The file to write, .pdf or .xlsx (default: exports/bku-<month>.pdf, the folder created if missing).") var out: String?
        func run() throws {
            let month = try YearMonth.parse(self.month, field: .option("--month"))
            let bku = try store.readingOperations().bukuKasUmum(month: month)
            let path = try PrintCommand.destination(out, bku.fileName())
            if path.lowercased().hasSuffix(".xlsx") { try BKUWorkbook.write(bku, to: path) } else { try BKUPDF.write(bku, to: path) }
            printLine("Buku Kas Umum \(month) (\(bku.rows.count) row(s), receipts \(bku.thisMonth.receipts), payments \(bku.thisMonth.payments), "
                      + "closing \(bku.closingBalance): cash \(bku.closingCash), bank \(bku.closingBank)) written to \(path).")
        }
    }
}
