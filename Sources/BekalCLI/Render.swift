import BekalCore
import BekalExport
import Foundation

/// Renders a core ``Table`` for a terminal (aligned columns), as CSV (RFC 4180 or Excel's `;`) or JSON.
enum Render {
    static func text(_ table: Table) -> String {
        let all = [table.columns.map(\.title)] + (table.rows + table.footer).map { $0.map(\.display) }
        var widths = table.columns.map { _ in 0 }
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                let kind = table.columns[i].kind
                return (kind == .rupiah || kind == .integer) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        var out = [table.title, line(all[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += table.rows.map { line($0.map(\.display)) }
        if !table.footer.isEmpty {
            out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            out += table.footer.map { line($0.map(\.display)) }
        }
        return out.joined(separator: "\n")
    }

    /// CSV through the export's rule (``CSVTable``): text cells made safe for a spreadsheet,
    /// amounts and dates typed; the header is the column keys, for machines reading it back.
    static func csv(_ table: Table, _ dialect: CSVDialect = .rfc4180) -> String {
        dialect.preamble + CSVTable.line(table.columns.map(\.key), dialect: dialect)
            + (table.rows + table.footer).map { CSVTable.row($0, dialect: dialect) }.joined()
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// JSON of a table: an array of objects keyed by column key, typed values.
    static func json(_ table: Table) throws -> String {
        struct Dynamic: Encodable {
            let columns: [Table.Column]
            let cells: [Table.Cell]
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Key.self)
                for (column, cell) in zip(columns, cells) {
                    let key = Key(stringValue: column.key)
                    switch cell {
                    case .text(let s): try c.encode(s, forKey: key)
                    case .rupiah(let r): try c.encode(r.amount, forKey: key)
                    case .date(let d): try c.encode(d.description, forKey: key)
                    case .integer(let i): try c.encode(i, forKey: key)
                    case .empty: try c.encodeNil(forKey: key)
                    }
                }
            }
        }
        struct Document: Encodable {
            let title: String
            let rows: [Dynamic]
            let footer: [Dynamic]
        }
        return try json(Document(title: table.title, rows: table.rows.map { Dynamic(columns: table.columns, cells: $0) },
                                 footer: table.footer.map { Dynamic(columns: table.columns, cells: $0) }))
    }

    static func output(_ table: Table, _ format: OutputFormat) throws {
        switch format {
        case .table: printLine(text(table))
        case .csv, .csvExcel: FileHandle.standardOutput.write(Data(csv(table, format.csvDialect ?? .rfc4180).utf8))
        case .json: printLine(try json(table))
        }
    }
}

extension String {
    /// Only the end: a row whose first cells are empty must keep its indent to stay in its columns.
    var trimmingTrailingSpaces: String {
        String(self[..<(lastIndex(where: { $0 != " " }).map(index(after:)) ?? startIndex)])
    }
}
