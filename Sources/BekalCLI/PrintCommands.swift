import ArgumentParser
import BekalCore
import BekalPDF
import Foundation

/// `bekal print …`: the office's paper as A4 PDF files, laid out by BekalPDF from the core's
/// documents. Each refuses, naming the setting, while a setting it prints is not set.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "print",
                                                    abstract: "The office's paper as PDF: kuitansi, BAST, daftar penerima, BKU, cash closing.",
                                                    subcommands: [Kuitansi.self, BAST.self, DaftarPenerimaCommand.self, BKU.self, CashClosing.self],
                                                    aliases: ["document"])

    /// Where a document goes: `--out`, or `exports/<its file name>` (the folder made if missing).
    static func destination(_ out: String?, _ fileName: String) throws -> String {
        if let out { return out }
        try FileManager.default.createDirectory(atPath: "exports", withIntermediateDirectories: true)
        return "exports/\(fileName)"
    }

    struct Kuitansi: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kuitansi", abstract: "The kuitansi of a grant, for her to sign (A4 PDF).",
            discussion: "It names her, so making one is written to the audit log. The signatories come from `bekal settings set "
                + "--place … --treasurer-name … --treasurer-nip … --head-name … --head-nip …`.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The grant's entry number (bekal report grants lists them).") var entry: Int64?
        @Option(help: "Or the kuitansi number the grant was paid under, e.g. KW/2013/001.") var number: String?
        @Option(help: "Or a recipient list: the kuitansi of every line paid, one per page of one file.") var list: String?
        @Option(help: "The file to write (default: exports/kuitansi-<number>.pdf, the folder created if missing).") var out: String?
        func validate() throws {
            if [entry != nil, number != nil, list != nil].filter({ $0 }).count != 1 {
                throw ValidationError("Name the grant with exactly one of --entry N, --number KW/… or --list DP-….")
            }
        }
        func run() throws {
            let ops = try store.operations()
            if let list {
                let all = try ops.kuitansi(list: list, context: store.context)
                let path = try PrintCommand.destination(out, "kuitansi-\(DocumentFile.safe(list.uppercased())).pdf")
                try KuitansiPDF.writeAll(all, to: path)
                printLine("\(all.count) kuitansi of list \(list.uppercased()) written to \(path), one per page.")
                return
            }
            let kuitansi = try entry.map { try ops.kuitansi(entryID: $0, context: store.context) }
                ?? ops.kuitansi(number: number ?? "", context: store.context)
            let path = try PrintCommand.destination(out, kuitansi.fileName)
            try KuitansiPDF.write(kuitansi, to: path)
            printLine("Kuitansi \(kuitansi.number) (\(kuitansi.recipientCode), \(kuitansi.amount)) written to \(path).")
        }
    }

    struct BAST: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bast", abstract: "The berita acara serah terima of an equipment issue, for the kelompok to sign (A4 PDF).",
            discussion: "It names the kelompok's members on the day, so making one is written to the audit log.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The entry number of the issue (bekal report equipment lists them).") var entry: Int64
        @Option(help: "The file to write (default: exports/bast-<entry>.pdf, the folder created if missing).") var out: String?
        func run() throws {
            let bast = try store.operations().beritaAcaraSerahTerima(entryID: entry, context: store.context)
            let path = try PrintCommand.destination(out, bast.fileName)
            try BASTPDF.write(bast, to: path)
            printLine("BAST of entry #\(bast.entryID) (\(bast.kelompokCode), \(bast.lines.count) item line(s), \(bast.members.count) member(s)) "
                      + "written to \(path).")
        }
    }

    struct CashClosing: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "berita-acara", abstract: "The berita acara penutupan kas of a closed month, with its seal (A4 PDF).",
            aliases: ["cash-closing"])
        @OptionGroup var store: StoreOptions
        @Option(help: "The month, YYYY-MM; it must be closed (bekal period close).") var month: String
        @Option(help: "The file to write (default: exports/penutupan-kas-<month>.pdf, the folder created if missing).") var out: String?
        func run() throws {
            let month = try YearMonth.parse(self.month, field: .option("--month"))
            let report = try store.readingOperations().beritaAcaraPenutupanKas(month: month)
            let path = try PrintCommand.destination(out, report.fileName)
            try PenutupanKasPDF.write(report, to: path)
            printLine("Berita acara penutupan kas \(month) (\(report.total), \(report.entryCount) entries, "
                      + (report.sealShortForm ?? "not sealed") + ") written to \(path).")
        }
    }
}
