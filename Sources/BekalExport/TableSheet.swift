import BekalCore

/// Renders a core ``Table`` onto one sheet, row by row as the rows come.
///
/// Layout: the table's title and the heading lines (office, programme, export date) as merged
/// rows, a blank row, the header (frozen, with filters, repeated on every printed page), the
/// body, then the footer rows (totals). Rupiah, integer and date cells keep their types and get
/// their number formats; columns are as wide as their widest value (within a limit).
///
/// Rows are written as they are appended and never kept: with a constant-memory workbook an
/// export of a million rows holds one row at a time. Call ``finish()`` once the last footer
/// row is in.
public final class TableSheet {
    public struct Options: Sendable {
        /// Lines under the title: office, programme, export date.
        public var headingLines: [String]
        /// A footer amount equal to the sum of its column's body is written as `=SUM(…)` carrying
        /// that value; any other footer value is written as it is.
        public var sumFormulasInFooter: Bool
        public var landscape: Bool
        public var columnWidthMax: Double
        /// Wrap text cells (line breaks in notes are then kept and shown).
        public var wrapText: Bool
        /// Columns holding a running balance: a total row shows the balance as a value, never
        /// as a sum of the column, even when the numbers happen to agree.
        public var balanceColumns: Set<Int>
        /// Columns of a set width (in characters) whatever they hold: with ``wrapText`` a long
        /// Uraian wraps inside its column instead of widening it.
        public var fixedWidths: [Int: Double]

        public init(headingLines: [String] = [], sumFormulasInFooter: Bool = true, landscape: Bool = true,
                    columnWidthMax: Double = 60, wrapText: Bool = false, balanceColumns: Set<Int> = [], fixedWidths: [Int: Double] = [:]) {
            self.fixedWidths = fixedWidths
            self.headingLines = headingLines
            self.sumFormulasInFooter = sumFormulasInFooter
            self.landscape = landscape
            self.columnWidthMax = columnWidthMax
            self.wrapText = wrapText
            self.balanceColumns = balanceColumns
        }
    }

    public let sheet: Worksheet
    public let columns: [Table.Column]
    public let options: Options
    /// The row of column headings.
    public let headerRow: Int
    /// Body rows written so far.
    public private(set) var bodyRowCount = 0
    public private(set) var footerRowCount = 0

    private var nextRow: Int
    /// Rows between the header and the footer, subtotal rows included.
    private var rowsInBody = 0
    private var hasSubtotals = false
    /// The first row of the current section (after the last subtotal) and its sums.
    private var sectionStart: Int
    private var sectionSums: [Int64?]
    private var widths: [Int]
    /// Running sums of the numeric body cells, nil once a column would overflow Int64.
    private var sums: [Int64?]
    private let body: Formats
    private let footer: Formats
    private var finished = false

    private struct Formats {
        let text: Format
        let rupiah: Format
        let integer: Format
        let date: Format
    }

    public init(workbook: Workbook, name: String, title: String, columns: [Table.Column],
                options: Options = Options()) throws(ExportError) {
        self.sheet = try workbook.addWorksheet(name)
        self.columns = columns
        self.options = options
        let lastColumn = max(columns.count - 1, 0)
        body = Formats(
            text: try workbook.format(CellStyle(wrap: options.wrapText, verticalTop: true)),
            rupiah: try workbook.format(CellStyle(numberFormat: .rupiah, verticalTop: true)),
            integer: try workbook.format(CellStyle(numberFormat: .integer, verticalTop: true)),
            date: try workbook.format(CellStyle(numberFormat: .date, verticalTop: true)))
        footer = Formats(
            text: try workbook.format(CellStyle(bold: true, border: true)),
            rupiah: try workbook.format(CellStyle(bold: true, numberFormat: .rupiah, border: true)),
            integer: try workbook.format(CellStyle(bold: true, numberFormat: .integer, border: true)),
            date: try workbook.format(CellStyle(bold: true, numberFormat: .date, border: true)))

        try sheet.merge(title, row: 0, firstColumn: 0, lastColumn: lastColumn,
                        format: try workbook.format(CellStyle(bold: true, fontSize: 14)))
        var row = 1
        let headingFormat = try workbook.format(CellStyle(italic: true))
        for line in options.headingLines {
            try sheet.merge(line, row: row, firstColumn: 0, lastColumn: lastColumn, format: headingFormat)
            row += 1
        }
        headerRow = row + 1
        let headerFormat = try workbook.format(CellStyle(bold: true, border: true, wrap: true, alignment: .center,
                                                         verticalTop: true, fill: 0xD9E1F2))
        for (index, column) in columns.enumerated() {
            try sheet.write(column.title, row: headerRow, column: index, format: headerFormat)
        }
        nextRow = headerRow + 1
        sectionStart = headerRow + 1
        sectionSums = columns.map { _ in 0 }
        // A heading wraps, so only its longest word has to fit.
        widths = columns.map { column in
            max(column.title.split(separator: " ").map(\.count).max() ?? 0, TableSheet.widthMin(column.kind))
        }
        sums = columns.map { _ in 0 }
        try sheet.freezePanes(row: headerRow + 1)
        if !columns.isEmpty {
            try sheet.autofilter(firstRow: headerRow, lastRow: headerRow, columns: 0...(columns.count - 1))
        }
    }

    /// Appends a body row; every body row comes before the first footer row.
    public func append(_ cells: [Table.Cell]) throws(ExportError) {
        guard footerRowCount == 0 else {
            throw ExportError(action: "writing a row to \(sheet.name)", file: sheet.workbook.path, reason: .bodyAfterFooter(row: nextRow))
        }
        try write(cells, formats: body, isFooter: false)
        bodyRowCount += 1
        rowsInBody += 1
    }

    /// Appends a subtotal row inside the body (a month's total in the cash book, an account's
    /// total in the ledger). An amount equal to the sum of the rows since the previous subtotal
    /// is written as `=SUBTOTAL(9,…)` carrying that value; SUBTOTAL skips other SUBTOTAL cells,
    /// so the footer's grand total over the whole body does not count a month twice.
    /// Subtotals do not enter the column sums.
    public func appendSubtotal(_ cells: [Table.Cell]) throws(ExportError) {
        guard footerRowCount == 0 else {
            throw ExportError(action: "writing a row to \(sheet.name)", file: sheet.workbook.path, reason: .bodyAfterFooter(row: nextRow))
        }
        let row = nextRow
        try requireWidth(cells, row: row)
        for (column, cell) in cells.enumerated() {
            switch cell {
            case .rupiah(let amount):
                try writeSubtotal(amount.amount, row: row, column: column, format: footer.rupiah)
            case .integer(let value):
                try writeSubtotal(value, row: row, column: column, format: footer.integer)
            case .text(let text):
                try sheet.write(text, row: row, column: column, format: footer.text)
                measure(text, column)
            case .date(let date):
                try sheet.write(date: date, row: row, column: column, format: footer.date)
            case .empty:
                try sheet.writeBlank(row: row, column: column, format: footer.text)
            }
        }
        nextRow += 1
        rowsInBody += 1
        hasSubtotals = true
        sectionStart = nextRow
        sectionSums = columns.map { _ in 0 }
    }

    private func writeSubtotal(_ value: Int64, row: Int, column: Int, format: Format) throws(ExportError) {
        widthAtLeast(TableSheet.digitWidth(value) + 2, column)
        if sectionStart < row, sectionSums[column] == value, !options.balanceColumns.contains(column) {
            let first = Worksheet.cellName(row: sectionStart, column: column)
            let last = Worksheet.cellName(row: row - 1, column: column)
            return try sheet.write(formula: "=SUBTOTAL(9,\(first):\(last))", cachedValue: value, row: row, column: column, format: format)
        }
        try sheet.write(number: value, row: row, column: column, format: format)
    }

    /// Free text rows under the table (the signature block of the cash book): each row's
    /// texts by column. Not part of the table's body or filters.
    public func appendText(rows: [[Int: String]]) throws(ExportError) {
        for texts in rows {
            for (column, text) in texts.sorted(by: { $0.key < $1.key }) {
                try sheet.write(text, row: nextRow, column: column)
            }
            nextRow += 1
        }
    }

    /// Appends a footer row (totals).
    public func appendFooter(_ cells: [Table.Cell]) throws(ExportError) {
        try write(cells, formats: footer, isFooter: true)
        footerRowCount += 1
    }

    /// Sets widths, filters and print layout. The sheet is complete afterwards.
    public func finish() throws(ExportError) {
        guard !finished else { return }
        finished = true
        guard !columns.isEmpty else { return }
        for (index, width) in widths.enumerated() {
            try sheet.setColumn(index, width: options.fixedWidths[index] ?? min(Double(width + 2), options.columnWidthMax))
        }
        try sheet.extendAutofilter(lastRow: headerRow + rowsInBody)
        try sheet.printSetup(landscape: options.landscape, fitToWidth: true, repeatRows: headerRow...headerRow)
    }

    /// A row has exactly one cell per column.
    private func requireWidth(_ cells: [Table.Cell], row: Int) throws(ExportError) {
        guard cells.count == columns.count else {
            throw ExportError(action: "writing a row to \(sheet.name)", file: sheet.workbook.path,
                              reason: .rowWidth(row: row, expected: columns.count, actual: cells.count))
        }
    }

    private func write(_ cells: [Table.Cell], formats: Formats, isFooter: Bool) throws(ExportError) {
        let row = nextRow
        try requireWidth(cells, row: row)
        try fitHeight(cells, row: row)
        for (column, cell) in cells.enumerated() {
            switch cell {
            case .text(let text):
                try sheet.write(text, row: row, column: column, format: formats.text)
                measure(text, column)
            case .rupiah(let amount):
                try writeNumber(amount.amount, row: row, column: column, format: formats.rupiah, isFooter: isFooter)
                widthAtLeast(TableSheet.digitWidth(amount.amount) + 2, column)
            case .integer(let value):
                try writeNumber(value, row: row, column: column, format: formats.integer, isFooter: isFooter)
                widthAtLeast(TableSheet.digitWidth(value), column)
            case .date(let date):
                try sheet.write(date: date, row: row, column: column, format: formats.date)
            case .empty:
                if isFooter { try sheet.writeBlank(row: row, column: column, format: formats.text) }
            }
        }
        nextRow += 1
    }

    private func writeNumber(_ value: Int64, row: Int, column: Int, format: Format, isFooter: Bool) throws(ExportError) {
        if !isFooter {
            if let sum = sums[column] {
                let (total, overflow) = sum.addingReportingOverflow(value)
                sums[column] = overflow ? nil : total
            }
            if let sum = sectionSums[column] {
                let (total, overflow) = sum.addingReportingOverflow(value)
                sectionSums[column] = overflow ? nil : total
            }
            return try sheet.write(number: value, row: row, column: column, format: format)
        }
        if options.sumFormulasInFooter, bodyRowCount > 0, sums[column] == value, !options.balanceColumns.contains(column) {
            let first = Worksheet.cellName(row: headerRow + 1, column: column)
            let last = Worksheet.cellName(row: headerRow + rowsInBody, column: column)
            let function = hasSubtotals ? "SUBTOTAL(9," : "SUM("
            return try sheet.write(formula: "=\(function)\(first):\(last))", cachedValue: value, row: row, column: column, format: format)
        }
        try sheet.write(number: value, row: row, column: column, format: format)
    }

    /// With ``Options/wrapText``, a row whose text wraps in a column of a set width is made tall
    /// enough for its lines: LibreOffice does not grow such a row when it opens the file, and
    /// would print the wrapped lines over the next row.
    private func fitHeight(_ cells: [Table.Cell], row: Int) throws(ExportError) {
        guard options.wrapText, !options.fixedWidths.isEmpty else { return }
        var lines = 1
        for (column, width) in options.fixedWidths where column < cells.count {
            guard case .text(let text) = cells[column], text.count > Int(width) else { continue }
            lines = max(lines, TableSheet.wrappedLines(text, width: width))
        }
        if lines > 1 { try sheet.setRow(row, height: Double(lines) * TableSheet.lineHeight) }
    }

    /// One line of the default font (Calibri 11), in points.
    static let lineHeight = 15.0

    /// The lines `text` takes in a column `width` characters wide, wrapped at spaces as a
    /// spreadsheet does, counting on as many characters per line as the width (a column's width
    /// counts the `0`s it holds; lowercase text is narrower, so LibreOffice fits about 1.15 times
    /// as many: a row may come out a line taller than it needs, never shorter, unless its text
    /// is mostly capitals).
    static func wrappedLines(_ text: String, width: Double) -> Int {
        let capacity = max(Int(width), 1)
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = 0
            lines += 1
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if line > 0, line + 1 + length > capacity {
                    lines += 1
                    line = 0
                }
                line = line == 0 ? length : line + 1 + length
                while line > capacity {
                    lines += 1
                    line -= capacity
                }
            }
        }
        return max(lines, 1)
    }

    private func measure(_ text: String, _ column: Int) {
        // UTF-8 length bounds the character count from above, so most cells cost one comparison.
        guard text.utf8.count > widths[column] else { return }
        let longestLine = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
        widths[column] = max(widths[column], min(longestLine, 200))
    }

    private func widthAtLeast(_ width: Int, _ column: Int) {
        if width > widths[column] { widths[column] = width }
    }

    /// Characters `#,##0` shows for a value: digits, group separators and a minus sign.
    static func digitWidth(_ value: Int64) -> Int {
        var digits = 1
        var rest = value.magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        return digits + (digits - 1) / 3 + (value < 0 ? 1 : 0)
    }

    static func widthMin(_ kind: Table.Kind) -> Int {
        switch kind {
        case .date: 11
        case .rupiah: 12
        case .integer: 6
        case .text: 8
        }
    }
}

extension Workbook {
    /// Writes a whole ``Table`` (already computed) as one sheet.
    @discardableResult
    public func addTableSheet(_ table: Table, name: String, options: TableSheet.Options = .init()) throws(ExportError) -> TableSheet {
        let sheet = try TableSheet(workbook: self, name: name, title: table.title, columns: table.columns, options: options)
        for row in table.rows { try sheet.append(row) }
        for row in table.footer { try sheet.appendFooter(row) }
        try sheet.finish()
        return sheet
    }

    /// Streams rows into a sheet without collecting them: `next` is called until it returns nil
    /// (a database cursor, a generator). `footer` is asked for once the body is written, so it
    /// can be totals computed while streaming.
    @discardableResult
    public func addTableSheet(name: String, title: String, columns: [Table.Column], options: TableSheet.Options = .init(),
                              rows next: () throws -> [Table.Cell]?,
                              footer: () throws -> [[Table.Cell]] = { [] }) throws -> TableSheet {
        let sheet = try TableSheet(workbook: self, name: name, title: title, columns: columns, options: options)
        while let row = try next() { try sheet.append(row) }
        for row in try footer() { try sheet.appendFooter(row) }
        try sheet.finish()
        return sheet
    }

    /// A second sheet that explains every column in words (Bahasa Indonesia for officers).
    @discardableResult
    public func addColumnGuide(name: String = "Keterangan Kolom", title: String,
                               entries: [(heading: String, explanation: String)]) throws(ExportError) -> TableSheet {
        let table = Table(title: title,
                          columns: [.init("kolom", "Kolom"), .init("keterangan", "Keterangan")],
                          rows: entries.map { [.text($0.heading), .text($0.explanation)] })
        return try addTableSheet(table, name: name, options: .init(landscape: false, columnWidthMax: 80, wrapText: true))
    }
}
