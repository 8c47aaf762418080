import BekalCore
import Foundation

/// How a CSV file is laid out: its separator, and whether it opens with a byte-order mark.
public enum CSVDialect: String, CaseIterable, Sendable {
    /// RFC 4180: fields separated by `,`, no byte-order mark. What LibreOffice, Python,
    /// hledger and Bekal's own import read.
    case rfc4180
    /// What an Excel set to an Indonesian (or any comma-decimal) locale opens by double-click:
    /// fields separated by `;`, its list separator, and a UTF-8 byte-order mark, without which
    /// Excel reads the file as Windows-1252 and garbles every non-ASCII letter.
    case excel

    /// A `Unicode.Scalar`, as ``CSV/parse(_:separator:)`` takes it to read the file back.
    public var separator: Unicode.Scalar { self == .excel ? ";" : "," }

    /// Written once, before the first line.
    public var preamble: String { self == .excel ? "\u{FEFF}" : "" }
}

/// Renders a core ``Table`` as CSV (CRLF line ends; a field with the separator, a quote or a
/// line break is quoted, quotes doubled), with the same cell rule as the xlsx sheets:
/// text passes through ``SpreadsheetText/safe(_:keepLineBreaks:)``, so formula-like text
/// carries a leading apostrophe and controls are gone. Amounts are whole rupiah digits, dates
/// `YYYY-MM-DD`, so a machine can read them back; a negative amount stays the number it says.
public enum CSVTable {
    /// The header line: column headings as officers read them.
    public static func header(_ columns: [Table.Column], dialect: CSVDialect = .rfc4180) -> String {
        line(columns.map(\.title), dialect: dialect)
    }

    /// A line of text fields (a header of column keys, say), each made safe, ending in CRLF.
    public static func line(_ texts: [String], dialect: CSVDialect = .rfc4180) -> String {
        joined(texts.map { field(SpreadsheetText.safe($0), dialect) }, dialect)
    }

    /// One row as a line, ending in CRLF.
    public static func row(_ cells: [Table.Cell], dialect: CSVDialect = .rfc4180) -> String {
        joined(cells.map { cell in
            switch cell {
            case .text(let text): field(SpreadsheetText.safe(text), dialect)
            case .rupiah(let amount): String(amount.amount)
            case .integer(let value): String(value)
            case .date(let date): date.description
            case .empty: ""
            }
        }, dialect)
    }

    /// The whole table: preamble, header, body and footer.
    public static func render(_ table: Table, dialect: CSVDialect = .rfc4180) -> String {
        var out = dialect.preamble + header(table.columns, dialect: dialect)
        for cells in table.rows { out += row(cells, dialect: dialect) }
        for cells in table.footer { out += row(cells, dialect: dialect) }
        return out
    }

    /// Streams a table to `output` line by line, taking rows from `next` until it returns nil.
    public static func stream(columns: [Table.Column], dialect: CSVDialect = .rfc4180, to output: inout some TextOutputStream,
                              rows next: () throws -> [Table.Cell]?) rethrows {
        output.write(dialect.preamble + header(columns, dialect: dialect))
        while let cells = try next() { output.write(row(cells, dialect: dialect)) }
    }

    static func field(_ text: String, _ dialect: CSVDialect) -> String {
        let separator = UInt8(ascii: dialect.separator)
        let needsQuotes = text.utf8.contains { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func joined(_ fields: [String], _ dialect: CSVDialect) -> String {
        fields.joined(separator: String(dialect.separator)) + "\r\n"
    }
}
