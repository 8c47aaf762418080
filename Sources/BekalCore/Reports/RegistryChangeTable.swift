/// A record's changes as a table: one row per field changed, oldest first, a NIK by its last
/// four digits (``RegistryChange/FieldChange/shown(_:_:)``).
public enum RegistryChangeTable {
    public static func table(title: String, _ changes: [RegistryChange]) -> Table {
        let columns: [Table.Column] = [.init("change", "No.", .integer), .init("on_date", "Tanggal", .date),
                                       .init("recorded_at", "Dicatat", .text), .init("actor", "Oleh", .text),
                                       .init("field", "Kolom", .text), .init("before", "Sebelumnya", .text),
                                       .init("after", "Menjadi", .text), .init("reason", "Alasan", .text)]
        let rows: [[Table.Cell]] = changes.flatMap { change in
            change.shownFields.map { field in
                [.integer(change.id), .date(change.onDate), .text(change.recordedAt), .text(change.actor), .text(field.field.rawValue),
                 field.shownOld.map(Table.Cell.text) ?? .empty, field.shownNew.map(Table.Cell.text) ?? .empty,
                 ([change.reasonCode?.rawValue, change.reason].compactMap { $0 }.joined(separator: ": ")).isEmpty
                     ? .empty : .text([change.reasonCode?.rawValue, change.reason].compactMap { $0 }.joined(separator: ": "))]
            }
        }
        return Table(title: title, columns: columns, rows: rows)
    }
}
