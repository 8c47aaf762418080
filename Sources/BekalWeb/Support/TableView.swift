import BekalCore

/// A core ``Table`` as the `table` partial renders it: money as `Rp1.500.000`, dates as
/// `22 Nov 2026`, numbers right-aligned. The report is computed once, in the core; this only
/// formats its cells.
///
/// Each cell carries its column's title (`label`): on a phone a row becomes a card and each
/// cell a line that names its column (the partial's `data-label`, shown by `bekal.css`).
enum TableView {
    /// From this many numeric columns on, a table is cards on a desk too (`wide`): amounts do
    /// not wrap, and ten of them side by side are wider than a 1366 px screen.
    static let numericColumnsWide = 10

    static func data(_ table: Table) -> [String: Any] {
        let numeric = table.columns.map { $0.kind == .rupiah || $0.kind == .integer }
        return [
            "title": table.title,
            "columns": zip(table.columns, numeric).map { ["title": $0.title, "numeric": $1] },
            "rows": table.rows.map { row($0, columns: table.columns) },
            "footer": table.footer.map { row($0, columns: table.columns, total: true) },
            // swift-mustache cannot test `footer.0`; the partial asks this instead.
            "hasFooter": !table.footer.isEmpty,
            "empty": table.rows.isEmpty,
            "wide": numeric.filter { $0 }.count >= numericColumnsWide,
        ]
    }

    /// One row's cells, each that is not blank labelled with the title of its column in `columns`
    /// (none past them). In a `total` row the first text names the total ("Jumlah") and has none.
    static func row(_ cells: [Table.Cell], columns: [Table.Column] = [], total: Bool = false) -> [String: Any] {
        let name = total ? cells.firstIndex { if case .text(let text) = $0 { !text.isEmpty } else { false } } : nil
        return ["cells": cells.enumerated().map { index, cell -> [String: Any] in
            var view: [String: Any] = switch cell {
            case .rupiah(let amount): ["text": Format.rupiah(amount), "numeric": true]
            case .integer(let value): ["text": String(value), "numeric": true]
            case .date(let date): ["text": Format.date(date), "numeric": false]
            case .text(let text): ["text": text, "numeric": false]
            case .empty: ["text": "", "numeric": false]
            }
            if index < columns.count, index != name, view["text"] as? String != "" { view["label"] = columns[index].title }
            return view
        }]
    }
}
