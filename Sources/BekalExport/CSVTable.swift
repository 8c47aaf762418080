import BekalCore
import Foundation

/// Renders a core ``Table`` as CSV (RFC 4180: CRLF line ends; a field with a comma, quote or
/// line break is quoted, quotes doubled), with the same cell rule as the xlsx sheets:
/// text passes through ``SpreadsheetText/safe(_:keepLineBreaks:)``, so formula-like text
/// carries a leading apostrophe and controls are gone. Amounts are whole rupiah digits, dates
/// `YYYY-MM-DD`, so a machine can read them back.
public enum CSVTable {
    /// The header line: column headings as officers read them.
    public static func header(_ columns: [Table.Column]) -> String {
        line(columns.map { field(SpreadsheetText.safe($0.title)) })
    }

    /// One row as a line, ending in CRLF.
    public static func row(_ cells: [Table.Cell]) -> String {
        line(cells.map { cell in
            switch cell {
            case .text(let text): field(SpreadsheetText.safe(text))
            case .rupiah(let amount): String(amount.amount)
            case .integer(let value): String(value)
            case .date(let date): date.description
            case .empty: ""
            }
        })
    }

    /// The whole table: header, body and footer.
    public static func render(_ table: Table) -> String {
        var out = header(table.columns)
        for cells in table.rows { out += row(cells) }
        for cells in table.footer { out += row(cells) }
        return out
    }

    /// Streams a table to `output` line by line, taking rows from `next` until it returns nil.
    public static func stream(columns: [Table.Column], to output: inout some TextOutputStream,
                              rows next: () throws -> [Table.Cell]?) rethrows {
        output.write(header(columns))
        while let cells = try next() { output.write(row(cells)) }
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func line(_ fields: [String]) -> String { fields.joined(separator: ",") + "\r\n" }
}
