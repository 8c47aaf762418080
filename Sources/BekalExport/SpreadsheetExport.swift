import BekalCore
import Foundation

/// The partner and office spreadsheets (`bekal export koperasi|keuangan|hasil`), as one
/// operation the command line and the web app both call (``Operations/exportSpreadsheet(_:context:)``):
/// the core's ``Operations/auditedExport(context:_:)`` with the workbooks written here.
public enum SpreadsheetExport {
    public enum Kind: String, CaseIterable, Sendable {
        case koperasi, keuangan, hasil

        /// Which columns the receiver gets, named in the audit log.
        public var profile: String {
            switch self {
            case .koperasi: KoperasiProfile.name
            case .keuangan: "keuangan-v1"
            case .hasil: "hasil-v1"
            }
        }

        /// The audit log's code for this export.
        public var auditAction: AuditAction {
            switch self {
            case .koperasi: .exportKoperasi
            case .keuangan: .exportKeuangan
            case .hasil: .exportHasil
            }
        }

        /// Outcome tables are restricted: the file is readable by its owner only.
        public var fileMode: Int { self == .hasil ? 0o600 : 0o644 }
    }

    /// xlsx, or one CSV file per sheet: RFC 4180, or `csv-excel` (`;` and a byte-order mark)
    /// for an Excel whose list separator is `;`, as in an Indonesian locale.
    public enum FileFormat: String, CaseIterable, Sendable {
        case xlsx, csv
        case csvExcel = "csv-excel"

        /// The dialect of a CSV format; nil for xlsx.
        public var csvDialect: CSVDialect? {
            switch self {
            case .xlsx: nil
            case .csv: .rfc4180
            case .csvExcel: .excel
            }
        }

        public var fileExtension: String { self == .xlsx ? "xlsx" : "csv" }
    }

    public struct Request: Sendable {
        public var kind: Kind
        public var format: FileFormat
        /// The xlsx file, or for CSV the name the per-sheet files are derived from; nil:
        /// `exports/<kind>-YYYY-MM-DD.<format>`.
        public var out: String?
        public var from: LocalDate?
        public var to: LocalDate?
        /// CSV only: write just this sheet, to `out` itself.
        public var sheet: String?
        /// The day the koperasi and hasil exports are as of (default today), as the outcome
        /// reports' `--as-of`: later visits, outcomes and sales do not count.
        public var asOf: LocalDate?

        public init(kind: Kind, format: FileFormat = .xlsx, out: String? = nil, from: LocalDate? = nil, to: LocalDate? = nil,
                    sheet: String? = nil, asOf: LocalDate? = nil) {
            self.asOf = asOf
            self.kind = kind
            self.format = format
            self.out = out
            self.from = from
            self.to = to
            self.sheet = sheet
        }
    }

    public struct Result: Hashable, Sendable, ExportedFiles {
        public let files: [String]
        /// Data rows over all data sheets (no titles, subtotals, footers or column guide).
        public let rowCount: Int
        public let sheets: [String]
        public let audit: ExportAudit

        public func discard() {
            for file in files { try? FileManager.default.removeItem(atPath: file) }
        }
    }

    public static let programmeName = "Program Rehabilitasi Sosial dan Pemberdayaan Ekonomi Perempuan"
    public static let defaultFolder = "exports"

    public static func defaultPath(_ kind: Kind, format: FileFormat, today: LocalDate) -> String {
        "\(defaultFolder)/\(kind.rawValue)-\(today).\(format.fileExtension)"
    }

    /// The sheets of each export, in order; CSV files are named after them.
    public static func sheetNames(_ kind: Kind) -> [String] {
        switch kind {
        case .koperasi: ["Usaha", "Keterangan Kolom"]
        case .keuangan: ["BKU Kas Tunai", "BKU Bank", "Neraca Saldo", "Buku Besar", "Register Bantuan", "Register Peralatan",
                         "Realisasi Anggaran", "Posisi Peralatan", "Stock Opname"]
        case .hasil: ["Per Angkatan", "Per Jurusan", "Per Kelompok", "Kinerja"]
        }
    }

    /// `keuangan-2026-11-25.csv` + `Buku Kas Umum` → `keuangan-2026-11-25-buku-kas-umum.csv`.
    public static func csvPath(base: String, sheet: String) -> String {
        let path = base as NSString
        let stem = (path.lastPathComponent as NSString).deletingPathExtension
        let slug = sheet.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
        return (path.deletingLastPathComponent as NSString).appendingPathComponent("\(stem)-\(slug).csv")
    }

    static func run(_ request: Request, in tx: any StoreTransaction, context: OperationContext) throws -> Result {
        let settings = try tx.settings()
        let today = context.today(in: settings)
        let out = request.out ?? defaultPath(request.kind, format: request.format, today: today)
        let names = sheetNames(request.kind)
        if let sheet = request.sheet {
            guard request.format.csvDialect != nil else {
                throw InputError(.sheet, input: sheet, .csvOnly)
            }
            guard names.contains(sheet) else {
                throw InputError(.sheet, input: sheet, .notASheet(of: names))
            }
        }
        if request.out == nil {
            try FileManager.default.createDirectory(atPath: defaultFolder, withIntermediateDirectories: true)
        }
        if let asOf = request.asOf, asOf > today {
            throw AftercareRejection.futureDate(.asOf, date: asOf, today: today)
        }
        let asOf = request.asOf ?? today
        var headings = [settings.officeName, programmeName, "Tanggal ekspor: \(today)"]
        if asOf != today, request.kind != .keuangan { headings.append("Keadaan per: \(asOf)") }
        let target = try Target(format: request.format, out: out, onlySheet: request.sheet, mode: request.kind.fileMode)
        do {
            switch request.kind {
            case .koperasi: try koperasi(tx, asOf: asOf, headings: headings, target: target)
            case .keuangan: try keuangan(tx, from: request.from, to: request.to, today: today, headings: headings, target: target)
            case .hasil: try hasil(tx, asOf: asOf, policy: settings.followUpPolicy, headings: headings, target: target)
            }
            try target.close()
        } catch {
            target.discard()
            throw error
        }
        let audit = ExportAudit(action: request.kind.auditAction, profile: request.kind.profile, format: request.format.rawValue,
                                rows: target.dataRows, sheets: target.written.count, from: request.from, to: request.to, asOf: request.asOf)
        return Result(files: target.files, rowCount: target.dataRows, sheets: target.written, audit: audit)
    }

    // MARK: Koperasi

    static func koperasi(_ tx: any StoreTransaction, asOf: LocalDate, headings: [String], target: Target) throws {
        let table = try KoperasiProfile.register(from: tx, asOf: asOf)
        let names = sheetNames(.koperasi)
        if let sheet = try target.sheet(names[0], title: table.title, columns: table.columns,
                                        options: .init(headingLines: headings, wrapText: true)) {
            for row in table.rows { try sheet.append(row) }
            try target.finish(sheet, counted: true)
        }
        let guide = KoperasiProfile.Column.allCases.map { [Table.Cell.text($0.column.title), .text($0.explanation)] }
        if let sheet = try target.sheet(names[1], title: "Keterangan kolom daftar usaha binaan",
                                        columns: [.init("kolom", "Kolom"), .init("keterangan", "Keterangan")],
                                        options: .init(landscape: false, columnWidthMax: 80, wrapText: true)) {
            for row in guide { try sheet.append(row) }
            try target.finish(sheet, counted: false)
        }
    }

    /// One sub-book's Buku Kas Umum: the opening balance, entries numbered per month, a
    /// SUBTOTAL per month, the grand total and closing balance, then the signatures. A receipt
    /// has no payment side and a payment no receipt side: left blank, as on paper. Uraian and
    /// Keterangan wrap within a set width, as in the monthly BKU (``BKUWorkbook``); the header
    /// is frozen and printed on every page.
    static func cashBookSheet(_ name: String, subBook: CashSubBook, _ tx: any StoreTransaction, from: LocalDate?, to: LocalDate?,
                              options: TableSheet.Options, target: Target) throws {
        let cashSides = columnIndexes(CashBook.columns, ["receipt", "payment"])
        var cashOptions = options
        cashOptions.balanceColumns = [CashBook.columns.firstIndex { $0.key == "balance" }!]
        cashOptions.wrapText = true
        cashOptions.fixedWidths = [CashBook.columns.firstIndex { $0.key == "description" }!: BKUWorkbook.uraianWidth,
                                   CashBook.columns.firstIndex { $0.key == "note" }!: 24]
        guard let sheet = try target.sheet(name, title: "\(CashBook.title) · \(subBook.label)", columns: CashBook.columns,
                                           options: cashOptions) else { return }
        let closing = try CashBook.stream(CashBook.Request(from: from, to: to, subBook: subBook), in: tx, opening: { opening in
            try sheet.append(CashBook.openingRow(opening))
        }, row: { row in
            switch row.type {
            case .entry: try sheet.append(blankZeros(CashBook.cells(row), in: cashSides))
            case .monthTotal: try sheet.appendSubtotal(CashBook.cells(row))
            }
        })
        for row in CashBook.footer(closing) { try sheet.appendFooter(row) }
        let right = CashBook.columns.count - 3
        try sheet.appendText(rows: [
            [:],
            [1: "Mengetahui,", right: "Tanggal ………………………"],
            [1: "Pengguna Anggaran", right: "Bendahara Pengeluaran"],
            [:], [:], [:],
            [1: "(…………………………………………)", right: "(…………………………………………)"],
            [1: "NIP.", right: "NIP."],
        ])
        try target.finish(sheet, counted: true)
    }

    // MARK: Keuangan

    static func keuangan(_ tx: any StoreTransaction, from: LocalDate?, to: LocalDate?, today: LocalDate, headings: [String],
                         target: Target) throws {
        let names = sheetNames(.keuangan)
        let period = (from != nil || to != nil) ? ["Periode: \(from?.description ?? "awal") s.d. \(to?.description ?? "akhir")"] : []
        let options = TableSheet.Options(headingLines: headings + period)

        // The Buku Kas Umum, one sheet per sub-book: cash (kas tunai), then the bank.
        for (name, subBook) in zip(names[0...1], CashSubBook.allCases) {
            try cashBookSheet(name, subBook: subBook, tx, from: from, to: to, options: options, target: target)
        }

        // Neraca Saldo: each book's accounts, a SUBTOTAL per book, the total of all books; as at
        // `to` when a period is given (the running balances otherwise).
        let title = to.map { "Neraca Saldo per \($0)" } ?? "Neraca Saldo"
        if let sheet = try target.sheet(names[2], title: title, columns: trialBalanceColumns, options: options) {
            var debit = Rupiah.zero, credit = Rupiah.zero
            for book in try trialBalance(asAt: to, in: tx) {
                for line in book.lines { try sheet.append(line) }
                try sheet.appendSubtotal([.text(book.code), .empty, .text("Jumlah \(book.code)"), .empty, .rupiah(book.debit),
                                          .rupiah(book.credit), .rupiah(Rupiah(book.debit.amount - book.credit.amount))])
                debit = try debit.adding(book.debit)
                credit = try credit.adding(book.credit)
            }
            try sheet.appendFooter([.empty, .empty, .text("Jumlah semua buku"), .empty, .rupiah(debit), .rupiah(credit),
                                    .rupiah(Rupiah(debit.amount - credit.amount))])
            try target.finish(sheet, counted: true)
        }

        // Buku Besar: every account with postings, in every book; the book and account lead
        // each row so the sheet can be filtered to one account.
        let ledgerSides = columnIndexes(ledgerColumns, ["debit", "credit"])
        var ledgerOptions = options
        ledgerOptions.balanceColumns = [ledgerColumns.firstIndex { $0.key == "balance" }!]
        if let sheet = try target.sheet(names[3], title: GeneralLedger.title, columns: ledgerColumns, options: ledgerOptions) {
            var debit = Rupiah.zero, credit = Rupiah.zero
            for book in try tx.books() {
                for account in try tx.accounts(bookID: book.id) {
                    guard try tx.postingTotals(PostingQuery(accountID: account.id, to: to)).count > 0 else { continue }
                    let lead: [Table.Cell] = [.text(book.code), .text(account.code)]
                    let closing = try GeneralLedger.stream(
                        GeneralLedger.Request(accountCode: account.code, bookCode: book.code, from: from, to: to), in: tx,
                        opening: { opening in try sheet.append(lead + GeneralLedger.openingRow(opening)) },
                        line: { line in try sheet.append(blankZeros(lead + GeneralLedger.cells(line), in: ledgerSides)) })
                    try sheet.appendSubtotal(lead + [.empty, .empty, .empty, .empty, .text("Jumlah \(account.code) \(account.name)"),
                                                     .rupiah(closing.totalDebit), .rupiah(closing.totalCredit),
                                                     .rupiah(closing.closingBalance), .empty])
                    debit = try debit.adding(closing.totalDebit)
                    credit = try credit.adding(closing.totalCredit)
                }
            }
            try sheet.appendFooter([.empty, .empty, .empty, .empty, .empty, .empty, .text("Jumlah"), .rupiah(debit), .rupiah(credit),
                                    .empty, .empty])
            try target.finish(sheet, counted: true)
        }

        // The registers cover the whole programme: grants and equipment are not cut by period.
        if let sheet = try target.sheet(names[4], title: GrantRegister.title, columns: GrantRegister.columns,
                                        options: TableSheet.Options(headingLines: headings)) {
            let totals = try GrantRegister.stream(cohort: nil, in: tx) { line in try sheet.append(GrantRegister.cells(line)) }
            for row in GrantRegister.footer(totals) { try sheet.appendFooter(row) }
            try target.finish(sheet, counted: true)
        }
        if let sheet = try target.sheet(names[5], title: EquipmentRegister.title, columns: EquipmentRegister.columns,
                                        options: TableSheet.Options(headingLines: headings)) {
            let totals = try EquipmentRegister.stream(kelompok: nil, in: tx) { row in
                switch row.type {
                case .issue: try sheet.append(EquipmentRegister.cells(row))
                case .kelompokTotal: try sheet.appendSubtotal(EquipmentRegister.cells(row))
                }
            }
            for row in EquipmentRegister.footer(totals) { try sheet.appendFooter(row) }
            try target.finish(sheet, counted: true)
        }
        // The year's budget lines: the year of the period's end, else the latest year with lines.
        let use = try BudgetLineUse.build(year: to?.year, today: today, in: tx)
        let table = use.table
        if let sheet = try target.sheet(names[6], title: table.title, columns: table.columns, options: TableSheet.Options(headingLines: headings)) {
            for row in table.rows { try sheet.append(row) }
            for row in table.footer { try sheet.appendFooter(row) }
            try target.finish(sheet, counted: true)
        }
        // Where the equipment is now, and every stock-take against the register.
        for (name, table) in [(names[7], try EquipmentWhereabouts.build(in: tx).table), (names[8], try StockTakeReport.build(in: tx).table)] {
            if let sheet = try target.sheet(name, title: table.title, columns: table.columns, options: TableSheet.Options(headingLines: headings)) {
                for row in table.rows { try sheet.append(row) }
                for row in table.footer { try sheet.appendFooter(row) }
                try target.finish(sheet, counted: true)
            }
        }
    }

    struct BookTotals {
        var code: String
        var lines: [[Table.Cell]] = []
        var debit = Rupiah.zero
        var credit = Rupiah.zero
    }

    /// The trial balance as rows per book: from the running balances, or, as at `date`, from
    /// the postings dated up to that day (one sum per account).
    static func trialBalance(asAt date: LocalDate?, in tx: any StoreTransaction) throws -> [BookTotals] {
        let trial = try date.map { try TrialBalance.build(from: tx, asAt: $0) } ?? TrialBalance.build(from: tx)
        return trial.books.map { book in
            BookTotals(code: book.code, lines: book.accounts.map { line in
                [.text(book.code), .text(line.code), .text(line.name), .text(line.type.rawValue),
                 .rupiah(line.debit), .rupiah(line.credit), .rupiah(line.balance)]
            }, debit: book.totalDebit, credit: book.totalCredit)
        }
    }

    static func columnIndexes(_ columns: [Table.Column], _ keys: Set<String>) -> Set<Int> {
        Set(columns.indices.filter { keys.contains(columns[$0].key) })
    }

    /// An entry line's empty side (a zero debit on a credit line) as a blank cell.
    static func blankZeros(_ cells: [Table.Cell], in columns: Set<Int>) -> [Table.Cell] {
        cells.enumerated().map { index, cell in columns.contains(index) && cell == .rupiah(.zero) ? .empty : cell }
    }

    static let trialBalanceColumns: [Table.Column] = [
        .init("book", "Buku"), .init("code", "Kode"), .init("name", "Nama Akun"), .init("type", "Jenis"),
        .init("debit", "Debet", .rupiah), .init("credit", "Kredit", .rupiah), .init("balance", "Saldo", .rupiah),
    ]

    static let ledgerColumns: [Table.Column] = [.init("book", "Buku"), .init("account", "Akun")] + GeneralLedger.columns

    // MARK: Hasil

    static func hasil(_ tx: any StoreTransaction, asOf: LocalDate, policy: FollowUpPolicy, headings: [String], target: Target) throws {
        let names = sheetNames(.hasil)
        for (grouping, name) in zip([OutcomeReport.Grouping.cohort, .track, .kelompok], names) {
            let report = try OutcomeReport.build(from: tx, by: grouping, asOf: asOf, policy: policy)
            let table = report.table
            guard let sheet = try target.sheet(name, title: table.title, columns: table.columns,
                                               options: .init(headingLines: headings + ["TERBATAS: hanya untuk pengelola program"])) else { continue }
            for row in table.rows { try sheet.append(row) }
            for row in table.footer { try sheet.appendFooter(row) }
            if grouping == .cohort, let tableSheet = sheet as? TableSheet {
                try cohortCharts(on: tableSheet, groups: report.groups)
            }
            try target.finish(sheet, counted: true)
        }
        // The performance report of the latest year that has cohorts, on or before the day.
        let years = try tx.cohorts().compactMap(Performance.year(of:)).filter { $0 <= asOf.year }
        let performance = try Performance.build(year: years.max() ?? asOf.year, asOf: asOf, policy: policy, in: tx)
        let table = performance.table
        if let sheet = try target.sheet(names[3], title: table.title, columns: table.columns,
                                        options: .init(headingLines: headings + ["Per tanggal \(asOf)"])) {
            for row in table.rows { try sheet.append(row) }
            try target.finish(sheet, counted: true)
        }
    }

    /// One column chart per cohort, right of the table: returned / not returned / unknown / lost
    /// read from that cohort's row, the category names from the header.
    static func cohortCharts(on sheet: TableSheet, groups: [OutcomeReport.Group]) throws {
        let workbook = sheet.sheet.workbook
        // Columns of OutcomeReport.table: D not returned, E returned, F unknown, G lost.
        let categories = CellRange(sheet: sheet.sheet.name, rows: sheet.headerRow...sheet.headerRow, columns: 3...6)
        for (index, group) in groups.enumerated() {
            let row = sheet.headerRow + 1 + index
            let chart = try workbook.addColumnChart()
            try chart.setTitle("Hasil angkatan \(group.code)")
            try chart.setAxisNames(categories: "Hasil", values: "Jumlah bantuan")
            try chart.addSeries(name: "Angkatan \(group.code)", categories: categories,
                                values: CellRange(sheet: sheet.sheet.name, rows: row...row, columns: 3...6))
            try sheet.sheet.insert(chart, row: index * 16, column: sheet.columns.count + 1)
        }
    }

    // MARK: Target

    /// The file or files being written: one workbook, or one CSV per sheet.
    final class Target {
        let format: FileFormat
        let out: String
        let onlySheet: String?
        let mode: Int
        private var workbook: Workbook?
        private(set) var files: [String] = []
        private(set) var written: [String] = []
        private(set) var dataRows = 0

        init(format: FileFormat, out: String, onlySheet: String?, mode: Int) throws {
            self.format = format
            self.out = out
            self.onlySheet = onlySheet
            self.mode = mode
            if format == .xlsx {
                workbook = try Workbook(path: out)
                // Created with its final mode before any byte is written; libxlsxwriter
                // truncates and keeps it.
                _ = FileManager.default.createFile(atPath: out, contents: nil, attributes: [.posixPermissions: mode])
                try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: out)
                files = [out]
            }
        }

        /// A sink for the sheet, or nil when `--sheet` picked another one.
        func sheet(_ name: String, title: String, columns: [Table.Column], options: TableSheet.Options) throws -> (any SheetSink)? {
            if let workbook {
                written.append(name)
                return try TableSheet(workbook: workbook, name: name, title: title, columns: columns, options: options)
            }
            if let onlySheet, onlySheet != name { return nil }
            let path = onlySheet != nil ? out : SpreadsheetExport.csvPath(base: out, sheet: name)
            let sink = try CSVSheet(path: path, columns: columns, mode: mode, dialect: format.csvDialect ?? .rfc4180)
            files.append(path)
            written.append(name)
            return sink
        }

        func finish(_ sheet: any SheetSink, counted: Bool) throws {
            try sheet.finish()
            if counted { dataRows += sheet.dataRowCount }
        }

        func close() throws {
            if let workbook { try workbook.close() }
            try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: out)
        }

        /// After a failure: no half-written file is left behind.
        func discard() {
            workbook = nil
            for file in files { try? FileManager.default.removeItem(atPath: file) }
        }
    }
}

extension Operations {
    /// Writes a partner or office spreadsheet and records who exported what, when, with which
    /// columns profile and how many rows (never a name, NIK or any personal value).
    public func exportSpreadsheet(_ request: SpreadsheetExport.Request, context: OperationContext) throws -> SpreadsheetExport.Result {
        try auditedExport(context: context) { tx in try SpreadsheetExport.run(request, in: tx, context: context) }
    }
}
