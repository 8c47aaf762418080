import ArgumentParser
import BekalExport

/// `--format` of the reports and lists: an aligned table, JSON, and beside RFC 4180 CSV the
/// CSV an Indonesian-locale Excel opens by double-click.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
    case csvExcel = "csv-excel"

    /// The layout of a CSV format; nil for table and json.
    var csvDialect: CSVDialect? {
        switch self {
        case .table, .json: nil
        case .csv: .rfc4180
        case .csvExcel: .excel
        }
    }
}

public struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "table, json, csv or csv-excel.",
        discussion: """
            csv is RFC 4180 (comma, UTF-8, CRLF). csv-excel is for an Excel set to Indonesian: \
            semicolons and a UTF-8 byte-order mark, so a double-click opens it in columns with its \
            letters intact. In both, amounts are whole rupiah digits and dates YYYY-MM-DD; text \
            that a spreadsheet would run as a formula (starting with =, +, - or @) gets a leading \
            apostrophe, as in `bekal export`.
            """))
    public var format: OutputFormat = .table
    public init() {}
}
