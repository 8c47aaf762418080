import BekalCore

/// Names where a core table carries a code that officers do not read: an entry's kind
/// (`budget_receipt` reads "Penerimaan anggaran"), an equipment item (`mesin-jahit` reads
/// "Mesin jahit"), a track (`tata-boga` reads "Tata Boga"). The core's tables keep their codes
/// for the CSV and JSON that programs read; the pages show the names.
struct CodeNames {
    let tracks: [String: String]
    let items: [String: String]

    init(_ tx: any StoreTransaction) throws {
        tracks = Dictionary(try tx.tracks().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        items = Dictionary(try tx.equipmentItems().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// An entry's memo with the item codes the core writes into it (`2 × mesin-jahit`) read as
    /// names (`2 × Mesin jahit`).
    func memo(_ text: String) -> String {
        guard text.contains(" × ") else { return text }
        var named = text
        for (code, name) in items where named.contains("× \(code)") {
            named = named.replacingOccurrences(of: "× \(code)", with: "× \(name)")
        }
        return named
    }

    /// A refusal's message with the item codes the core names in it (`mesin-jahit`) read as the
    /// items' names, longest code first so that `mesin-jahit-portable` is not read as `mesin-jahit`.
    func refusal(_ refusal: Refusal) -> Refusal {
        var text = refusal.message
        for (code, name) in items.sorted(by: { $0.key.count > $1.key.count }) where text.contains(code) {
            text = text.replacingOccurrences(of: code, with: name)
        }
        return Refusal(field: refusal.field, message: text)
    }

    /// The table with the codes of its `kind`, `item` and `track` columns read as names, and the
    /// item codes of its `memo` column (``memo(_:)``).
    func named(_ table: Table) -> Table {
        let names: [Int: (String) -> String] = Dictionary(uniqueKeysWithValues: table.columns.enumerated().compactMap { index, column in
            switch column.key {
            case "kind": (index, { code in EntryKind(rawValue: code).map(EntryView.kindLabel) ?? code })
            case "item": (index, { code in items[code] ?? code })
            case "track": (index, { code in tracks[code] ?? code })
            case "memo": (index, memo)
            default: nil
            }
        })
        guard !names.isEmpty else { return table }
        func row(_ cells: [Table.Cell]) -> [Table.Cell] {
            cells.enumerated().map { index, cell in
                if let name = names[index], case .text(let code) = cell { return .text(name(code)) }
                return cell
            }
        }
        return Table(title: table.title, columns: table.columns, rows: table.rows.map(row), footer: table.footer.map(row))
    }
}

extension Table {
    /// The table without one of its columns (a track's code beside its name, say).
    func dropping(column key: String) -> Table {
        guard let index = columns.firstIndex(where: { $0.key == key }) else { return self }
        func row(_ cells: [Cell]) -> [Cell] { cells.enumerated().filter { $0.offset != index }.map(\.element) }
        return Table(title: title, columns: columns.enumerated().filter { $0.offset != index }.map(\.element),
                     rows: rows.map(row), footer: footer.map(row))
    }
}
