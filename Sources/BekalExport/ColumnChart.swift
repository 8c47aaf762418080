import BekalCore
import CXlsxWriter

/// A rectangle of cells on a sheet, counted from 0: where a chart reads its data.
public struct CellRange: Hashable, Sendable {
    public let sheet: String
    public let rows: ClosedRange<Int>
    public let columns: ClosedRange<Int>
    public init(sheet: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.sheet = sheet
        self.rows = rows
        self.columns = columns
    }
}

/// A clustered column chart (outcomes per cohort: returned / not returned / unknown / lost).
public final class ColumnChart {
    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_chart>

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_chart>) {
        self.workbook = workbook
        self.handle = handle
    }

    /// Titles go through the text rule: libxlsxwriter reads a title starting with `=` as a
    /// cell reference.
    public func setTitle(_ title: String) throws(ExportError) {
        _ = try workbook.openHandle("titling a chart")
        chart_title_set_name(handle, workbook.retainedCString(SpreadsheetText.safe(title, keepLineBreaks: false)))
    }

    public func setAxisNames(categories: String?, values: String?) throws(ExportError) {
        _ = try workbook.openHandle("naming chart axes")
        if let categories { chart_axis_set_name(handle.pointee.x_axis, workbook.retainedCString(SpreadsheetText.safe(categories, keepLineBreaks: false))) }
        if let values { chart_axis_set_name(handle.pointee.y_axis, workbook.retainedCString(SpreadsheetText.safe(values, keepLineBreaks: false))) }
    }

    /// One series of bars: its name, the category labels and the values.
    public func addSeries(name: String, categories: CellRange, values: CellRange) throws(ExportError) {
        let action = "adding a series to a chart"
        _ = try workbook.openHandle(action)
        for range in [categories, values] {
            guard range.rows.upperBound < Worksheet.rowCount, range.rows.lowerBound >= 0,
                  range.columns.upperBound < Worksheet.columnCount, range.columns.lowerBound >= 0 else {
                throw ExportError(action: action, file: workbook.path,
                                  reason: .cellOutOfRange(row: range.rows.upperBound, column: range.columns.upperBound))
            }
        }
        guard let series = chart_add_series(handle, nil, nil) else {
            throw ExportError(action: action, file: workbook.path, reason: .library(
                code: Int32(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), description: "libxlsxwriter could not allocate the series"))
        }
        chart_series_set_name(series, workbook.retainedCString(SpreadsheetText.safe(name, keepLineBreaks: false)))
        chart_series_set_categories(series, workbook.retainedCString(categories.sheet),
                                    lxw_row_t(categories.rows.lowerBound), lxw_col_t(categories.columns.lowerBound),
                                    lxw_row_t(categories.rows.upperBound), lxw_col_t(categories.columns.upperBound))
        chart_series_set_values(series, workbook.retainedCString(values.sheet),
                                lxw_row_t(values.rows.lowerBound), lxw_col_t(values.columns.lowerBound),
                                lxw_row_t(values.rows.upperBound), lxw_col_t(values.columns.upperBound))
    }
}
