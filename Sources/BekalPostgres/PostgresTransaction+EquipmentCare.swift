import BekalCore

/// Equipment after issue: `SQLiteTransaction+EquipmentCare.swift` in PostgreSQL's words.
/// What visits found is read beside the writer, as every read of the visits is.
extension PostgresTransaction: EquipmentCarePort {
    func kelompokHolding(kelompokID: Int64, itemID: Int64) throws -> EquipmentStock {
        let row = try one("""
            SELECT -coalesce(sum(quantity), 0)::bigint AS quantity, -coalesce(sum(value), 0)::bigint AS value
            FROM equipment_movement WHERE kelompok_id = $1 AND item_id = $2
            """, [.int(kelompokID), .int(itemID)])
        return EquipmentStock(quantity: try row?.int("quantity") ?? 0, value: Rupiah(try row?.int("value") ?? 0))
    }

    func equipmentHoldings(through: LocalDate?) throws -> [EquipmentHolding] {
        let rows = try all("""
            SELECT m.kelompok_id, m.item_id, sum(m.quantity)::bigint AS quantity, sum(m.value)::bigint AS value
            FROM equipment_movement m JOIN journal_entry e ON e.id = m.entry_id
            WHERE $1::text IS NULL OR e.value_date <= $1
            GROUP BY m.kelompok_id, m.item_id
            ORDER BY m.item_id, m.kelompok_id
            """, [PGValue(through?.description)])
        return EquipmentCareRows.holdings(try rows.map {
            (try $0.int("item_id"), try $0.optionalInt("kelompok_id"), try $0.int("quantity"), try $0.int("value"))
        })
    }

    func insertEquipmentEvent(entryID: Int64, kind: EquipmentEventKind, itemID: Int64, quantity: Int64,
                              fromKelompokID: Int64?, toKelompokID: Int64?, visitID: Int64?, reason: String) throws {
        try run("""
            INSERT INTO equipment_event (entry_id, kind, item_id, quantity, from_kelompok_id, to_kelompok_id, visit_id, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, [.int(entryID), .text(kind.rawValue), .int(itemID), .int(quantity), PGValue(fromKelompokID), PGValue(toKelompokID),
                  PGValue(visitID), .text(reason)])
    }

    func equipmentEvents() throws -> [EquipmentEvent] {
        try all("""
            SELECT v.*, e.value_date, e.document_ref, r.id AS reversed_by
            FROM equipment_event v JOIN journal_entry e ON e.id = v.entry_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = v.entry_id
            ORDER BY v.entry_id
            """).map { row in
            EquipmentEvent(entryID: try row.int("entry_id"), kind: try EquipmentCareRows.kind(try row.text("kind")),
                           itemID: try row.int("item_id"), quantity: try row.int("quantity"),
                           fromKelompokID: try row.optionalInt("from_kelompok_id"), toKelompokID: try row.optionalInt("to_kelompok_id"),
                           visitID: try row.optionalInt("visit_id"), reason: try row.text("reason"),
                           valueDate: try LocalDate.parse(try row.text("value_date")), documentRef: try row.optionalText("document_ref"),
                           reversedByEntryID: try row.optionalInt("reversed_by"))
        }
    }

    func insertEquipmentCount(countRef: String, countedOn: LocalDate, itemID: Int64, kelompokID: Int64?, expected: Int64,
                              counted: Int64, note: String?, actor: String, recordedAt: String) throws -> EquipmentCount {
        let id = try insertReturningID("""
            INSERT INTO equipment_count (count_ref, counted_on, item_id, kelompok_id, expected, counted, note, actor, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, [.text(countRef), .text(countedOn.description), .int(itemID), PGValue(kelompokID), .int(expected), .int(counted),
                  PGValue(note), .text(actor), .text(recordedAt)])
        return EquipmentCount(id: id, countRef: countRef, countedOn: countedOn, itemID: itemID, kelompokID: kelompokID,
                              expected: expected, counted: counted, note: note, actor: actor, recordedAt: recordedAt)
    }

    func equipmentCounts(countRef: String?) throws -> [EquipmentCount] {
        let rows = if let countRef {
            try all("SELECT * FROM equipment_count WHERE count_ref = $1 ORDER BY id", [.text(countRef)])
        } else {
            try all("SELECT * FROM equipment_count ORDER BY id")
        }
        return try rows.map { row in
            EquipmentCount(id: try row.int("id"), countRef: try row.text("count_ref"), countedOn: try LocalDate.parse(try row.text("counted_on")),
                           itemID: try row.int("item_id"), kelompokID: try row.optionalInt("kelompok_id"), expected: try row.int("expected"),
                           counted: try row.int("counted"), note: try row.optionalText("note"), actor: try row.text("actor"),
                           recordedAt: try row.text("recorded_at"))
        }
    }

    func visitEquipmentReports(visitID: Int64?) throws -> [VisitEquipmentReport] {
        try besideTheWriter {
            try all("""
                SELECT q.visit_id, v.visit_date, coalesce(v.kelompok_id, u.owner_kelompok_id) AS kelompok_id, q.item_id, q.condition
                FROM visit_equipment q JOIN visit v ON v.id = q.visit_id
                LEFT JOIN usaha u ON u.id = v.usaha_id
                WHERE $1::bigint IS NULL OR q.visit_id = $1
                ORDER BY v.visit_date, q.visit_id, q.item_id
                """, [PGValue(visitID)]).map(Self.visitEquipmentReport)
        }
    }

    func latestVisitEquipmentReports(through day: LocalDate?) throws -> [VisitEquipmentReport] {
        try besideTheWriter {
            try all(Self.latestReportsSQL, [PGValue(day?.description)]).map(Self.visitEquipmentReport)
        }
    }

    static let latestReportsSQL = EquipmentCareSQL.latestReports(day: "$1::text")

    static func visitEquipmentReport(_ row: PGRow) throws -> VisitEquipmentReport {
        VisitEquipmentReport(visitID: try row.int("visit_id"), visitDate: try LocalDate.parse(try row.text("visit_date")),
                             kelompokID: try row.optionalInt("kelompok_id"), itemID: try row.int("item_id"),
                             condition: try EquipmentCareRows.condition(try row.text("condition")))
    }

    func visitExists(id: Int64) throws -> Bool {
        try besideTheWriter { try one("SELECT 1 FROM visit WHERE id = $1", [.int(id)]) != nil }
    }
}
