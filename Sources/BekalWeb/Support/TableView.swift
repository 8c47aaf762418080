import BekalCore

/// A core ``Table`` as the `table` partial renders it: money as `Rp1.500.000`, dates as
/// `22 Nov 2026`, numbers right-aligned. The report is computed once, in the core; this only
/// formats its cells.
enum TableView {
    static func data(_ table: Table) -> [String: Any] {
        [
            "title": table.title,
            "columns": table.columns.map { ["title": $0.title, "numeric": $0.kind == .rupiah || $0.kind == .integer] },
            "rows": table.rows.map(row),
            "footer": table.footer.map(row),
            // swift-mustache cannot test `footer.0`; the partial asks this instead.
            "hasFooter": !table.footer.isEmpty,
            "empty": table.rows.isEmpty,
        ]
    }

    static func row(_ cells: [Table.Cell]) -> [String: Any] {
        ["cells": cells.map { cell -> [String: Any] in
            switch cell {
            case .rupiah(let amount): ["text": Format.rupiah(amount), "numeric": true]
            case .integer(let value): ["text": String(value), "numeric": true]
            case .date(let date): ["text": Format.date(date), "numeric": false]
            case .text(let text): ["text": text, "numeric": false]
            case .empty: ["text": "", "numeric": false]
            }
        }]
    }
}
