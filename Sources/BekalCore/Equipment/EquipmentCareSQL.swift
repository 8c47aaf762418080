/// The tables of equipment after issue, the same for every store but for the words each uses
/// for an integer, an id it assigns, and a date check (SQLite's `v13`, PostgreSQL's `pg9`).
public enum EquipmentCareSQL {
    public static let tables = ["equipment_event", "equipment_count"]

    public static func create(integer: String, id: String, strict: String, date: String) -> [String] {
        [
            // One per entry; what each kind names is checked here as in the core.
            """
            CREATE TABLE equipment_event (
              entry_id \(integer) PRIMARY KEY REFERENCES journal_entry(id),
              kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(EquipmentEventKind.allCases.map(\.rawValue), column: "kind"))),
              item_id \(integer) NOT NULL REFERENCES equipment_item(id),
              quantity \(integer) NOT NULL CHECK (quantity > 0),
              from_kelompok_id \(integer) REFERENCES kelompok(id),
              to_kelompok_id \(integer) REFERENCES kelompok(id),
              visit_id \(integer) REFERENCES visit(id),
              reason TEXT NOT NULL CHECK (length(trim(reason)) >= \(EquipmentEvent.minimumReasonCharacters)),
              CHECK ((kind = 'transfer') = (to_kelompok_id IS NOT NULL)),
              CHECK (kind NOT IN ('transfer', 'return') OR from_kelompok_id IS NOT NULL),
              CHECK (to_kelompok_id IS NULL OR to_kelompok_id <> from_kelompok_id)
            )\(strict)
            """,
            "CREATE INDEX equipment_event_from ON equipment_event(from_kelompok_id, item_id)",
            """
            CREATE TABLE equipment_count (
              id \(id),
              count_ref TEXT NOT NULL CHECK (length(trim(count_ref)) > 0),
              counted_on TEXT NOT NULL CHECK (counted_on \(date)),
              item_id \(integer) NOT NULL REFERENCES equipment_item(id),
              kelompok_id \(integer) REFERENCES kelompok(id),
              expected \(integer) NOT NULL,
              counted \(integer) NOT NULL CHECK (counted >= 0),
              note TEXT,
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            // SQLite's ifnull and PostgreSQL's coalesce: coalesce is both's.
            "CREATE UNIQUE INDEX equipment_count_key ON equipment_count(count_ref, item_id, coalesce(kelompok_id, 0))",
        ]
    }
}
