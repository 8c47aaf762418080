import BekalCore
import GRDB

/// Equipment after issue: what each place holds, the events that moved or mended it, the
/// stock-takes, and what visits found.
extension SQLiteTransaction: EquipmentCarePort {
    func kelompokHolding(kelompokID: Int64, itemID: Int64) throws -> EquipmentStock {
        let row = try one("""
            SELECT -coalesce(sum(quantity), 0) AS quantity, -coalesce(sum(value), 0) AS value
            FROM equipment_movement WHERE kelompok_id = ? AND item_id = ?
            """, [kelompokID, itemID])
        return EquipmentStock(quantity: row?["quantity"] ?? 0, value: Rupiah(row?["value"] ?? 0))
    }

    func equipmentHoldings(through: LocalDate?) throws -> [EquipmentHolding] {
        let rows = try all("""
            SELECT m.kelompok_id, m.item_id, sum(m.quantity) AS quantity, sum(m.value) AS value
            FROM equipment_movement m JOIN journal_entry e ON e.id = m.entry_id
            WHERE ?1 IS NULL OR e.value_date <= ?1
            GROUP BY m.kelompok_id, m.item_id
            ORDER BY m.item_id, m.kelompok_id
            """, [through?.description])
        return EquipmentCareRows.holdings(rows.map { ($0["item_id"], $0["kelompok_id"], $0["quantity"], $0["value"]) })
    }

    func insertEquipmentEvent(entryID: Int64, kind: EquipmentEventKind, itemID: Int64, quantity: Int64,
                              fromKelompokID: Int64?, toKelompokID: Int64?, visitID: Int64?, reason: String) throws {
        try run("""
            INSERT INTO equipment_event (entry_id, kind, item_id, quantity, from_kelompok_id, to_kelompok_id, visit_id, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [entryID, kind.rawValue, itemID, quantity, fromKelompokID, toKelompokID, visitID, reason])
    }

    func equipmentEvents() throws -> [EquipmentEvent] {
        try all("""
            SELECT v.*, e.value_date, e.document_ref, r.id AS reversed_by
            FROM equipment_event v JOIN journal_entry e ON e.id = v.entry_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = v.entry_id
            ORDER BY v.entry_id
            """).map { row in
            EquipmentEvent(entryID: row["entry_id"], kind: try EquipmentCareRows.kind(row["kind"]), itemID: row["item_id"],
                           quantity: row["quantity"], fromKelompokID: row["from_kelompok_id"], toKelompokID: row["to_kelompok_id"],
                           visitID: row["visit_id"], reason: row["reason"], valueDate: try LocalDate.parse(row["value_date"]),
                           documentRef: row["document_ref"], reversedByEntryID: row["reversed_by"])
        }
    }

    func insertEquipmentCount(countRef: String, countedOn: LocalDate, itemID: Int64, kelompokID: Int64?, expected: Int64,
                              counted: Int64, note: String?, actor: String, recordedAt: String) throws -> EquipmentCount {
        try run("""
            INSERT INTO equipment_count (count_ref, counted_on, item_id, kelompok_id, expected, counted, note, actor, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [countRef, countedOn.description, itemID, kelompokID, expected, counted, note, actor, recordedAt])
        return EquipmentCount(id: db.lastInsertedRowID, countRef: countRef, countedOn: countedOn, itemID: itemID, kelompokID: kelompokID,
                              expected: expected, counted: counted, note: note, actor: actor, recordedAt: recordedAt)
    }

    func equipmentCounts(countRef: String?) throws -> [EquipmentCount] {
        let rows = if let countRef {
            try all("SELECT * FROM equipment_count WHERE count_ref = ? ORDER BY id", [countRef])
        } else {
            try all("SELECT * FROM equipment_count ORDER BY id")
        }
        return try rows.map { row in
            EquipmentCount(id: row["id"], countRef: row["count_ref"], countedOn: try LocalDate.parse(row["counted_on"]),
                           itemID: row["item_id"], kelompokID: row["kelompok_id"], expected: row["expected"], counted: row["counted"],
                           note: row["note"], actor: row["actor"], recordedAt: row["recorded_at"])
        }
    }

    func visitEquipmentReports(visitID: Int64?) throws -> [VisitEquipmentReport] {
        try all("""
            SELECT q.visit_id, v.visit_date, coalesce(v.kelompok_id, u.owner_kelompok_id) AS kelompok_id, q.item_id, q.condition
            FROM visit_equipment q JOIN visit v ON v.id = q.visit_id
            LEFT JOIN usaha u ON u.id = v.usaha_id
            WHERE ?1 IS NULL OR q.visit_id = ?1
            ORDER BY v.visit_date, q.visit_id, q.item_id
            """, [visitID]).map(Self.visitEquipmentReport)
    }

    func latestVisitEquipmentReports(through day: LocalDate?) throws -> [VisitEquipmentReport] {
        try all(built: Self.latestReportsSQL, [day?.description]).map(Self.visitEquipmentReport)
    }

    static let latestReportsSQL = EquipmentCareSQL.latestReports(day: "?1")

    static func visitEquipmentReport(_ row: Row) throws -> VisitEquipmentReport {
        VisitEquipmentReport(visitID: row["visit_id"], visitDate: try LocalDate.parse(row["visit_date"]), kelompokID: row["kelompok_id"],
                             itemID: row["item_id"], condition: try EquipmentCareRows.condition(row["condition"]))
    }

    func visitExists(id: Int64) throws -> Bool {
        try one("SELECT 1 FROM visit WHERE id = ?", [id]) != nil
    }
}
