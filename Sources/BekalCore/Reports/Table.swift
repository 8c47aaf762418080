/// A report as a format-neutral table: typed columns and cells. A report is computed once
/// as a Table; the command line renders it as text or CSV, later exports as xlsx.
public struct Table: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case text, rupiah, date, integer }

    public struct Column: Hashable, Sendable {
        public let key: String
        /// The heading officers read (Bahasa Indonesia).
        public let title: String
        public let kind: Kind
        public init(_ key: String, _ title: String, _ kind: Kind = .text) {
            self.key = key
            self.title = title
            self.kind = kind
        }
    }

    public enum Cell: Hashable, Sendable {
        case text(String)
        case rupiah(Rupiah)
        case date(LocalDate)
        case integer(Int64)
        case empty

        /// Plain text: rupiah as whole digits (for CSV and machines).
        public var plain: String {
            switch self {
            case .text(let s): s
            case .rupiah(let r): String(r.amount)
            case .date(let d): d.description
            case .integer(let i): String(i)
            case .empty: ""
            }
        }

        /// What a person reads: `Rp1.500.000`.
        public var display: String {
            switch self {
            case .rupiah(let r): r.description
            default: plain
            }
        }
    }

    public let title: String
    public let columns: [Column]
    public var rows: [[Cell]]
    /// Rows shown after the body, such as totals.
    public var footer: [[Cell]]

    public init(title: String, columns: [Column], rows: [[Cell]] = [], footer: [[Cell]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }
}
