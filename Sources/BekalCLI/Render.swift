import BekalCore
import Foundation

/// Renders a core ``Table`` for a terminal (aligned columns), as CSV (RFC 4180) or JSON.
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

    /// RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled.
    static func csv(_ table: Table) -> String {
        ([table.columns.map(\.key)] + (table.rows + table.footer).map { $0.map(\.plain) }).map(csvLine).joined()
    }

    /// One CSV record with its CRLF, so a streamed report writes the same bytes row by row.
    static func csvLine(_ fields: [String]) -> String {
        func field(_ s: String) -> String {
            // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return fields.map(field).joined(separator: ",") + "\r\n"
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
        case .csv: FileHandle.standardOutput.write(Data(csv(table).utf8))
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
