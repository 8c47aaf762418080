import ArgumentParser
import BekalCore
import BekalExport
import Foundation

extension SpreadsheetExport.FileFormat: ExpressibleByArgument {}

/// Options every spreadsheet export shares.
struct SpreadsheetOptions: ParsableArguments {
    @Option(help: "The file to write (default: exports/<export>-YYYY-MM-DD.xlsx, the folder created if missing).")
    var out: String?

    @Option(help: ArgumentHelp(
        "xlsx, csv or csv-excel.",
        discussion: """
            CSV (RFC 4180, UTF-8, CRLF) writes one file per sheet next to --out, named \
            <name>-<sheet>.csv (keuangan-2026-11-25-buku-kas-umum.csv); with --sheet only that \
            sheet is written, to --out itself. csv-excel writes the same files for an Excel set to \
            Indonesian: semicolons and a UTF-8 byte-order mark, so a double-click opens them in columns.
            """))
    var format: SpreadsheetExport.FileFormat = .xlsx

    @Option(help: "CSV (either form) only: write just this sheet (by its name, e.g. \"BKU Kas Tunai\") to --out.")
    var sheet: String?

    func run(_ kind: SpreadsheetExport.Kind, store: StoreOptions, from: LocalDate? = nil, to: LocalDate? = nil,
             asOf: LocalDate? = nil) throws {
        let request = SpreadsheetExport.Request(kind: kind, format: format, out: out, from: from, to: to, sheet: sheet, asOf: asOf)
        let result = try store.operations().exportSpreadsheet(request, context: store.context)
        for file in result.files { printLine(file) }
        printLine("\(result.rowCount) baris, \(result.sheets.count) lembar (\(result.sheets.joined(separator: ", "))).")
    }
}

extension ExportCommand {
    struct Koperasi: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "koperasi",
            abstract: "Active businesses for the Dinas Koperasi (xlsx or CSV).",
            discussion: """
                One row per active business whose owners consented to sharing, from the koperasi-v3 \
                allow-list of columns: code, brand, product, track, kelurahan, consented names only, \
                members, capital, equipment, the latest sales with their month and age, the trend (a month \
                without a report says so), support, needs, the aftercare worker. Never a NIK, \
                an outcome, a whereabouts or a note. Sheets: Usaha, Keterangan Kolom. The export is \
                recorded in the audit log.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var options: SpreadsheetOptions
        @Option(name: .customLong("as-of"), help: "As of this day (YYYY-MM-DD, default today).") var asOf: String?
        func run() throws {
            try options.run(.koperasi, store: store, asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) })
        }
    }

    struct Keuangan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keuangan",
            abstract: "The books for the finance office (xlsx or CSV).",
            discussion: """
                Sheets: BKU Kas Tunai and BKU Bank (the cash book's two sub-books, numbered per month, \
                running balance, month totals, signatures), \
                Neraca Saldo, Buku Besar, Register Bantuan, Register Peralatan. Totals are formulas \
                carrying their values. --from/--to limit the cash book and the ledger. Audited.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var options: SpreadsheetOptions
        @Option(help: "First value date (YYYY-MM-DD).") var from: String?
        @Option(help: "Last value date (YYYY-MM-DD).") var to: String?
        func run() throws {
            try options.run(.keuangan, store: store, from: try parsed(from) { try LocalDate.parse($0, field: .option("--from")) },
                            to: try parsed(to) { try LocalDate.parse($0, field: .option("--to")) })
        }
    }

    struct Hasil: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hasil",
            abstract: "Outcome tables per cohort, track and kelompok, with a chart per cohort (restricted).",
            discussion: """
                Sheets: Per Angkatan (with charts), Per Jurusan, Per Kelompok. Restricted: the file is \
                written with mode 0600 and the export is recorded in the audit log.
                """)
        @OptionGroup var store: StoreOptions
        @OptionGroup var options: SpreadsheetOptions
        @Option(name: .customLong("as-of"), help: "As of this day (YYYY-MM-DD, default today), like `bekal report outcomes --as-of`.")
        var asOf: String?
        func run() throws {
            try options.run(.hasil, store: store, asOf: try parsed(asOf) { try LocalDate.parse($0, field: .option("--as-of")) })
        }
    }
}
