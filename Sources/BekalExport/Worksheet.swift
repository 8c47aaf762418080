import BekalCore
import CXlsxWriter

/// One sheet of a ``Workbook``. Rows and columns are counted from 0, as in libxlsxwriter.
///
/// Every text cell passes through ``SpreadsheetText/safe(_:keepLineBreaks:)`` and is written as
/// a string cell; numbers are refused beyond 2^53 rather than rounded.
public final class Worksheet {
    public static let rowCount = 1_048_576
    public static let columnCount = 16_384
    /// The largest whole number a cell (an IEEE binary64) holds exactly.
    public static let exactIntegerMax: Int64 = 1 << 53

    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String
    /// The highest row written so far: in constant-memory mode earlier rows are gone.
    public private(set) var lastRow = -1

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// `D12` for row 11, column 3: how errors name a cell.
    public static func cellName(row: Int, column: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let rest = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + rest))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row + 1)
    }

    /// Checks the cell is on the sheet and, in constant-memory mode, not above rows already
    /// written; returns it in libxlsxwriter's types.
    private func position(_ row: Int, _ column: Int, _ action: @autoclosure () -> String) throws(ExportError) -> (lxw_row_t, lxw_col_t) {
        guard workbook.isOpen else { throw ExportError(action: action(), file: workbook.path, reason: .closed) }
        guard (0..<Worksheet.rowCount).contains(row), (0..<Worksheet.columnCount).contains(column) else {
            throw ExportError(action: action(), file: workbook.path, reason: .cellOutOfRange(row: row, column: column))
        }
        if workbook.options.constantMemory, row < lastRow {
            throw ExportError(action: action(), file: workbook.path, reason: .rowAlreadyWritten(row: row))
        }
        lastRow = max(lastRow, row)
        return (lxw_row_t(row), lxw_col_t(column))
    }

    private func describe(_ what: String, _ row: Int, _ column: Int) -> String {
        "writing \(what) to \(name)!\(Worksheet.cellName(row: row, column: column))"
    }

    /// Writes text as a string cell, made safe first (formula-like text gets an apostrophe,
    /// controls are removed, long text is cut).
    public func write(_ text: String, row: Int, column: Int, format: Format? = nil) throws(ExportError) {
        let (r, c) = try position(row, column, describe("text", row, column))
        let safe = SpreadsheetText.safe(text, keepLineBreaks: format?.style.wrap ?? false)
        let result = safe.withCString { worksheet_write_string(handle, r, c, $0, format?.pointer) }
        try workbook.validate(result, describe("text", row, column))
    }

    /// Writes a whole number; refuses one beyond ±2^53, which a cell would round.
    public func write(number: Int64, row: Int, column: Int, format: Format? = nil) throws(ExportError) {
        let (r, c) = try position(row, column, describe("a number", row, column))
        let value = try exact(number, describe("a number", row, column))
        try workbook.validate(worksheet_write_number(handle, r, c, value, format?.pointer), describe("a number", row, column))
    }

    public func write(rupiah: Rupiah, row: Int, column: Int, format: Format? = nil) throws(ExportError) {
        try write(number: rupiah.amount, row: row, column: column, format: format)
    }

    /// Writes a date as a spreadsheet date (a day number shown through `format`). Days before
    /// 1 March 1900 cannot be dates in Excel (its 1900 leap-year rule) and are written as
    /// `YYYY-MM-DD` text.
    public func write(date: LocalDate, row: Int, column: Int, format: Format? = nil) throws(ExportError) {
        let serial = Worksheet.excelSerial(date)
        guard serial >= 61 else { return try write(date.description, row: row, column: column, format: format) }
        let (r, c) = try position(row, column, describe("a date", row, column))
        try workbook.validate(worksheet_write_number(handle, r, c, Double(serial), format?.pointer), describe("a date", row, column))
    }

    /// Excel's day number: 1970-01-01 is 25569 (in the 1900 date system).
    public static func excelSerial(_ date: LocalDate) -> Int { date.dayNumber + 25_569 }

    /// Writes a formula together with its computed value, so viewers that do not recalculate
    /// (previews, phones, parsers) still show the right number. `formula` is built by code,
    /// never from user text.
    public func write(formula: String, cachedValue: Int64, row: Int, column: Int, format: Format? = nil) throws(ExportError) {
        let (r, c) = try position(row, column, describe("a formula", row, column))
        let value = try exact(cachedValue, describe("a formula", row, column))
        let result = formula.withCString { worksheet_write_formula_num(handle, r, c, $0, format?.pointer, value) }
        try workbook.validate(result, describe("a formula", row, column))
    }

    /// An empty cell that still carries a format (borders, fill).
    public func writeBlank(row: Int, column: Int, format: Format?) throws(ExportError) {
        let (r, c) = try position(row, column, describe("a blank", row, column))
        try workbook.validate(worksheet_write_blank(handle, r, c, format?.pointer), describe("a blank", row, column))
    }

    /// Text across several cells of one row (title rows).
    public func merge(_ text: String, row: Int, firstColumn: Int, lastColumn: Int, format: Format? = nil) throws(ExportError) {
        let action = describe("a merged range", row, firstColumn)
        let (r, c0) = try position(row, firstColumn, action)
        let (_, c1) = try position(row, lastColumn, action)
        let safe = SpreadsheetText.safe(text, keepLineBreaks: false)
        if c0 == c1 {
            let result = safe.withCString { worksheet_write_string(handle, r, c0, $0, format?.pointer) }
            return try workbook.validate(result, action)
        }
        let result = safe.withCString { worksheet_merge_range(handle, r, c0, r, c1, $0, format?.pointer) }
        try workbook.validate(result, action)
    }

    private func exact(_ number: Int64, _ action: @autoclosure () -> String) throws(ExportError) -> Double {
        guard number.magnitude <= UInt64(Worksheet.exactIntegerMax) else {
            throw ExportError(action: action(), file: workbook.path, reason: .numberTooLarge(number))
        }
        return Double(number)
    }

    // MARK: Layout

    /// Width in characters of the default font.
    public func setColumn(_ column: Int, width: Double, format: Format? = nil) throws(ExportError) {
        try setColumns(column...column, width: width, format: format)
    }

    public func setColumns(_ columns: ClosedRange<Int>, width: Double, format: Format? = nil) throws(ExportError) {
        let action = "setting the width of columns \(columns.lowerBound + 1)–\(columns.upperBound + 1) in \(name)"
        try checkColumns(columns, action)
        try workbook.validate(worksheet_set_column(handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound),
                                                   width, format?.pointer), action)
    }

    /// A row's height in points (15 is one line of the default font). In constant-memory mode
    /// it is set before the row's cells are written.
    public func setRow(_ row: Int, height: Double) throws(ExportError) {
        let (r, _) = try position(row, 0, "setting the height of row \(row + 1) in \(name)")
        try workbook.validate(worksheet_set_row(handle, r, height, nil), "setting the height of row \(row + 1) in \(name)")
    }

    /// Keeps the rows above `row` and the columns left of `column` in view while scrolling.
    public func freezePanes(row: Int, column: Int = 0) throws(ExportError) {
        let action = "freezing panes in \(name)"
        try checkCell(row, column, action)
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    /// Filter buttons on `firstRow` (the header) over the rows down to `lastRow`.
    public func autofilter(firstRow: Int, lastRow: Int, columns: ClosedRange<Int>) throws(ExportError) {
        let action = "adding filters to \(name)"
        try checkCell(firstRow, columns.lowerBound, action)
        try checkCell(max(firstRow, lastRow), columns.upperBound, action)
        try workbook.validate(worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(columns.lowerBound),
                                                   lxw_row_t(max(firstRow, lastRow)), lxw_col_t(columns.upperBound)), action)
    }

    /// Stretches the filter set by ``autofilter(firstRow:lastRow:columns:)`` down to `lastRow`.
    ///
    /// In constant-memory mode libxlsxwriter 1.1.4 refuses a filter whose header row has already
    /// been flushed, yet reads the range only when the file is assembled. So a streamed table
    /// sets its filter on the header as soon as the header is written and stretches it here,
    /// once the number of rows is known.
    public func extendAutofilter(lastRow: Int) throws(ExportError) {
        let action = "extending the filters of \(name)"
        try checkCell(lastRow, 0, action)
        guard handle.pointee.autofilter.in_use != 0, lastRow >= Int(handle.pointee.autofilter.first_row) else {
            throw ExportError(action: action, file: workbook.path, reason: .library(
                code: Int32(LXW_ERROR_PARAMETER_VALIDATION.rawValue), description: "no filter above that row to extend"))
        }
        handle.pointee.autofilter.last_row = lxw_row_t(lastRow)
    }

    /// A4 landscape, as wide as one page, with `repeatRows` printed on every page.
    public func printSetup(landscape: Bool = true, fitToWidth: Bool = true, repeatRows: ClosedRange<Int>? = nil) throws(ExportError) {
        let action = "setting up printing of \(name)"
        guard workbook.isOpen else { throw ExportError(action: action, file: workbook.path, reason: .closed) }
        worksheet_set_paper(handle, 9)
        if landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        if fitToWidth { worksheet_fit_to_pages(handle, 1, 0) }
        if let repeatRows {
            try checkCell(repeatRows.upperBound, 0, action)
            try checkCell(repeatRows.lowerBound, 0, action)
            try workbook.validate(worksheet_repeat_rows(handle, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound)), action)
        }
    }

    /// Places a chart with its top-left corner at the cell.
    public func insert(_ chart: ColumnChart, row: Int, column: Int) throws(ExportError) {
        let action = "placing a chart on \(name)"
        try checkCell(row, column, action)
        try workbook.validate(worksheet_insert_chart(handle, lxw_row_t(row), lxw_col_t(column), chart.handle), action)
    }

    public func activate() { if workbook.isOpen { worksheet_activate(handle) } }

    private func checkCell(_ row: Int, _ column: Int, _ action: String) throws(ExportError) {
        guard workbook.isOpen else { throw ExportError(action: action, file: workbook.path, reason: .closed) }
        guard (0..<Worksheet.rowCount).contains(row), (0..<Worksheet.columnCount).contains(column) else {
            throw ExportError(action: action, file: workbook.path, reason: .cellOutOfRange(row: row, column: column))
        }
    }

    private func checkColumns(_ columns: ClosedRange<Int>, _ action: String) throws(ExportError) {
        try checkCell(0, columns.lowerBound, action)
        try checkCell(0, columns.upperBound, action)
    }
}
