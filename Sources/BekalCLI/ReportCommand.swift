import ArgumentParser
import BekalCore
import BekalExport
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports (table, json, csv or csv-excel).",
        subcommands: [TrialBalanceReport.self, LedgerReport.self, CashBookReport.self, GrantsReport.self,
                      EquipmentReport.self, BudgetUseReport.self, BudgetLinesReport.self,
                      OutcomesReport.self, OutcomeGrantsReport.self, UsahaReport.self, WorkersReport.self, RollupReport.self,
                      StagesReport.self, OutcomeReasonsReport.self, NeedsReport.self, ReferralsReport.self, PerformanceReport.self])
}

/// A report command writes to a sink, so tests can read what it prints.
protocol ReportRendering: ParsableCommand {
    var store: StoreOptions { get }
    var output: FormatOptions { get }
    func render(to out: ReportStreamWriter) throws
}

extension ReportRendering {
    func run() throws {
        let writer = ReportStreamWriter(format: output.format) { FileHandle.standardOutput.write(Data($0.utf8)) }
        try render(to: writer)
        writer.flush()
    }
}

struct TrialBalanceReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(commandName: "trial-balance", abstract: "Trial balance of every book (or one).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this book (KANTOR, or a usaha code).") var book: String?

    func render(to out: ReportStreamWriter) throws {
        let tb = try store.openForReading().read { tx in try TrialBalance.build(from: tx, bookCode: book) }
        try out.whole(tb, tb.table)
    }
}

struct LedgerReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "General ledger of one account: opening balance, each posting, running and closing balance.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "The account code, e.g. 1101.") var account: String
    @Option(help: "The book (default KANTOR; or a usaha code such as U-0007).") var book: String = Book.officeCode
    @Option(help: "First value date YYYY-MM-DD; earlier postings make the opening balance.") var from: String?
    @Option(help: "Last value date YYYY-MM-DD.") var to: String?
    @Option(help: "Only postings for this beneficiary (B-00012).") var beneficiary: String?
    @Option(help: "Only postings for this kelompok (K-0003).") var kelompok: String?
    @Option(help: "Only postings for this usaha (U-0007).") var usaha: String?
    @Option(help: "Only postings for this cohort.") var cohort: String?
    @Option(name: .customLong("budget-year"), help: "Only postings of this budget year.") var budgetYear: Int?

    func render(to out: ReportStreamWriter) throws {
        let request = GeneralLedger.Request(
            accountCode: account, bookCode: book,
            from: try parsed(from) { try LocalDate.parse($0, field: .option("--from")) },
            to: try parsed(to) { try LocalDate.parse($0, field: .option("--to")) },
            beneficiary: beneficiary, kelompok: kelompok, usaha: usaha, cohort: cohort, budgetYear: budgetYear)
        try store.openForReading().read { tx in
            let closing = try GeneralLedger.stream(request, in: tx, opening: { opening in
                try out.begin(title: GeneralLedger.title(opening), columns: GeneralLedger.columns,
                              head: ("opening", opening), rowsKey: "lines", headRows: [GeneralLedger.openingRow(opening)])
            }, line: { line in try out.row(line, GeneralLedger.cells(line)) })
            try out.end(tail: ("closing", closing), footer: GeneralLedger.footer(closing))
        }
    }
}

struct CashBookReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "cash-book", abstract: "Buku Kas Umum of cash or the bank: receipts and payments, No. BKU per month, running balance.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "First value date YYYY-MM-DD; earlier postings make the opening balance.") var from: String?
    @Option(help: "Last value date YYYY-MM-DD.") var to: String?
    @Option(name: .customLong("sub-book"), help: "cash (kas tunai, the default) or bank.") var subBook: CashSubBook = .cash
    @Option(help: "Any account of the office's book instead of a sub-book.") var account: String?

    func render(to out: ReportStreamWriter) throws {
        let request = CashBook.Request(from: try parsed(from) { try LocalDate.parse($0, field: .option("--from")) },
                                       to: try parsed(to) { try LocalDate.parse($0, field: .option("--to")) }, subBook: subBook,
                                       accountCode: account)
        try store.openForReading().read { tx in
            let closing = try CashBook.stream(request, in: tx, opening: { opening in
                try out.begin(title: CashBook.title(opening), columns: CashBook.columns,
                              head: ("opening", opening), rowsKey: "rows", headRows: [CashBook.openingRow(opening)])
            }, row: { row in try out.row(row, CashBook.cells(row)) })
            try out.end(tail: ("closing", closing), footer: CashBook.footer(closing))
        }
    }
}

struct GrantsReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(commandName: "grants", abstract: "Grant register: every grant, its document and status.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this cohort.") var cohort: String?

    func render(to out: ReportStreamWriter) throws {
        let register = try store.openForReading().read { tx in try GrantRegister.build(cohort: cohort, in: tx) }
        try out.whole(register, register.table)
    }
}

struct EquipmentReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "equipment", abstract: "Equipment register per kelompok, with the members on the day of each issue.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this kelompok (K-0003).") var kelompok: String?

    func render(to out: ReportStreamWriter) throws {
        let register = try store.openForReading().read { tx in try EquipmentRegister.build(kelompok: kelompok, in: tx) }
        try out.whole(register, register.table)
    }
}

struct BudgetUseReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "budget-use", abstract: "Budget use per cohort: grants, equipment, aftercare, remaining, % used.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func render(to out: ReportStreamWriter) throws {
        let use = try store.openForReading().read { tx in try BudgetUse.build(in: tx) }
        try out.whole(use, use.table)
    }
}

struct BudgetLinesReport: ParsableCommand, ReportRendering {
    static let configuration = CommandConfiguration(
        commandName: "budget-lines", abstract: "Budget use per funding source, budget line and cohort: pagu, received, realised, left.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Budget year (default the latest year with lines).") var year: Int?

    func render(to out: ReportStreamWriter) throws {
        let store = try self.store.openForReading()
        let use = try store.read { tx in try BudgetLineUse.build(year: year, today: self.store.context.today(in: try tx.settings()), in: tx) }
        try out.whole(use, use.table)
    }
}

/// Writes a report as it is computed: a head, body rows one at a time, a tail. CSV and JSON
/// come out exactly as ``Render`` would write the whole report; the text view uses fixed
/// column widths (it cannot see later rows) and shortens long text with `…`.
///
/// The JSON of a streamed report is `{"opening": …, "lines"|"rows": […], "closing": …}`, the
/// shape of the report's Codable model, so it decodes back into it.
final class ReportStreamWriter {
    let format: OutputFormat
    private let dialect: CSVDialect
    private let sink: (String) -> Void
    private var buffer = ""
    private var columns: [Table.Column] = []
    private var widths: [Int] = []
    private var rowCount = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(format: OutputFormat, sink: @escaping (String) -> Void) {
        self.format = format
        dialect = format.csvDialect ?? .rfc4180
        self.sink = sink
    }

    /// A report computed whole (small by nature: one row per grant, cohort or issue).
    func whole(_ model: some Encodable, _ table: Table) throws {
        switch format {
        case .table: write(Render.text(table) + "\n")
        case .csv, .csvExcel: write(Render.csv(table, dialect))
        case .json: write(try Render.json(model) + "\n")
        }
    }

    func begin(title: String, columns: [Table.Column], head: (key: String, value: some Encodable), rowsKey: String,
               headRows: [[Table.Cell]]) throws {
        self.columns = columns
        switch format {
        case .table:
            widths = columns.map(Self.width)
            write(title + "\n" + textLine(columns.map(\.title)) + "\n" + rule() + "\n")
            for row in headRows { write(textLine(row.map(\.display)) + "\n") }
        case .csv, .csvExcel:
            write(dialect.preamble + CSVTable.line(columns.map(\.key), dialect: dialect))
            for row in headRows { write(CSVTable.row(row, dialect: dialect)) }
        case .json:
            write("{\n  \"\(head.key)\" : \(try encoded(head.value)),\n  \"\(rowsKey)\" : [")
        }
    }

    func row(_ value: some Encodable, _ cells: [Table.Cell]) throws {
        switch format {
        case .table: write(textLine(cells.map(\.display)) + "\n")
        case .csv, .csvExcel: write(CSVTable.row(cells, dialect: dialect))
        case .json: write((rowCount == 0 ? "\n    " : ",\n    ") + (try encoded(value)))
        }
        rowCount += 1
    }

    func end(tail: (key: String, value: some Encodable), footer: [[Table.Cell]]) throws {
        switch format {
        case .table:
            write(rule() + "\n")
            for row in footer { write(textLine(row.map(\.display)) + "\n") }
        case .csv, .csvExcel:
            for row in footer { write(CSVTable.row(row, dialect: dialect)) }
        case .json:
            write((rowCount == 0 ? "]" : "\n  ]") + ",\n  \"\(tail.key)\" : \(try encoded(tail.value))\n}\n")
        }
        flush()
    }

    func flush() {
        if !buffer.isEmpty { sink(buffer) }
        buffer = ""
    }

    private func write(_ text: String) {
        buffer += text
        // One write per 64 KiB rather than one per row.
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func width(_ column: Table.Column) -> Int {
        let byKind: Int
        switch column.kind {
        case .date: byKind = 10
        case .integer: byKind = 9
        case .rupiah: byKind = 20
        case .text: byKind = ["memo": 44, "description": 44, "note": 20, "kind": 18].first { $0.key == column.key }?.value ?? 12
        }
        return max(byKind, column.title.count)
    }

    private func rule() -> String { widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") }

    private func textLine(_ cells: [String]) -> String {
        zip(columns, zip(widths, cells)).map { column, pair in
            let (width, raw) = pair
            // One row, one line: a memo's line breaks would tear the columns apart.
            let cell = raw.split(whereSeparator: \.isNewline).joined(separator: " ")
            let fitted = cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell
            let pad = String(repeating: " ", count: width - fitted.count)
            return (column.kind == .rupiah || column.kind == .integer) ? pad + fitted : fitted + pad
        }.joined(separator: "  ").trimmingTrailingSpaces
    }
}
