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

    /// The latest report of each item at each kelompok (a visit to the kelompok, or to a usaha
    /// it owns), of visits dated on or before `day` (a parameter; NULL: every visit): what
    /// ``EquipmentWhereabouts`` and ``BrokenEquipmentWork`` need, picked by the store instead
    /// of every report read. Latest is by visit date, then visit id.
    public static func latestReports(day: String) -> String {
        """
        SELECT visit_id, visit_date, kelompok_id, item_id, condition FROM (
          SELECT q.visit_id, v.visit_date, coalesce(v.kelompok_id, u.owner_kelompok_id) AS kelompok_id, q.item_id, q.condition,
                 row_number() OVER (PARTITION BY q.item_id, coalesce(v.kelompok_id, u.owner_kelompok_id)
                                    ORDER BY v.visit_date DESC, q.visit_id DESC) AS rank
          FROM visit_equipment q JOIN visit v ON v.id = q.visit_id
          LEFT JOIN usaha u ON u.id = v.usaha_id
          WHERE coalesce(v.kelompok_id, u.owner_kelompok_id) IS NOT NULL AND (\(day) IS NULL OR v.visit_date <= \(day))
        ) AS reports
        WHERE rank = 1
        ORDER BY visit_date, visit_id, item_id
        """
    }
}
