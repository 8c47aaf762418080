import BekalCore

/// Why a spreadsheet could not be written. Every libxlsxwriter result code and every value the
/// wrapper refuses ends here, so a failed export is a message the user reads, never a crash.
///
/// Messages name the file, the sheet and the cell, never the cell's text: a cell may hold a
/// beneficiary's name.
public struct ExportError: BekalFailure, Equatable {
    public enum Reason: Equatable, Sendable {
        /// libxlsxwriter returned an error code (its own description is kept).
        case library(code: Int32, description: String)
        /// The output folder is missing or cannot be written.
        case outputNotWritable(detail: String)
        /// A whole-rupiah amount beyond 2^53 cannot be stored exactly in a spreadsheet cell
        /// (a cell holds a binary64 number).
        case numberTooLarge(Int64)
        /// A row or column beyond the sheet's 1,048,576 rows or 16,384 columns.
        case cellOutOfRange(row: Int, column: Int)
        /// In constant-memory mode rows must be written top to bottom.
        case rowAlreadyWritten(row: Int)
        /// A row with more or fewer cells than the table has columns.
        case rowWidth(row: Int, expected: Int, actual: Int)
        /// A body row after the footer: the totals' SUM ranges would no longer cover the body.
        case bodyAfterFooter(row: Int)
        /// The workbook was used after it was closed.
        case closed
    }

    /// What the wrapper was doing (`adding sheet "Buku Kas"`, `writing cell D12`).
    public let action: String
    /// The spreadsheet being written.
    public let file: String
    public let reason: Reason

    public init(action: String, file: String, reason: Reason) {
        self.action = action
        self.file = file
        self.reason = reason
    }

    public var code: String {
        switch reason {
        case .library: "export_library_error"
        case .outputNotWritable: "export_output_not_writable"
        case .numberTooLarge: "export_number_too_large"
        case .cellOutOfRange: "export_cell_out_of_range"
        case .rowAlreadyWritten: "export_row_order"
        case .rowWidth: "export_row_width"
        case .bodyAfterFooter: "export_body_after_footer"
        case .closed: "export_closed"
        }
    }

    public var message: String {
        let what: String
        switch reason {
        case .library(let code, let description):
            what = "\(description) (libxlsxwriter error \(code))"
        case .outputNotWritable(let detail):
            what = "\(detail); choose another --out path or create the folder first"
        case .numberTooLarge(let value):
            what = "the number \(value) is larger than 9.007.199.254.740.992 (2^53), the largest whole number a spreadsheet cell holds exactly"
        case .cellOutOfRange(let row, let column):
            what = "row \(row + 1), column \(column + 1) is outside a sheet (1.048.576 rows, 16.384 columns)"
        case .rowAlreadyWritten(let row):
            what = "row \(row + 1) comes after a later row was written; rows are streamed top to bottom"
        case .rowWidth(let row, let expected, let actual):
            what = "row \(row + 1) has \(actual) cells but the table has \(expected) columns"
        case .bodyAfterFooter(let row):
            what = "row \(row + 1) is a body row after the totals; write every body row before the footer"
        case .closed:
            what = "the workbook is already closed"
        }
        return "could not write spreadsheet \(file): \(action): \(what)."
    }
}
