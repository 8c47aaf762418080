/// The market tables' definitions, the same for every store but for the words each uses for an
/// integer, an id it assigns, and a date check (SQLite's `v13`, PostgreSQL's `pg9`).
public enum MarketSQL {
    public static let tables = ["usaha_licence", "usaha_affiliation", "usaha_channel", "market_event", "market_participant", "market_sale"]

    public static func create(integer: String, id: String, strict: String, date: String) -> [String] {
        [
            """
            CREATE TABLE usaha_licence (
              id \(id),
              usaha_id \(integer) NOT NULL REFERENCES usaha(id),
              kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(LicenceKind.allCases.map(\.rawValue), column: "kind"))),
              number TEXT NOT NULL CHECK (length(trim(number)) > 0),
              issued_on TEXT NOT NULL CHECK (issued_on \(date)),
              valid_until TEXT CHECK (valid_until IS NULL OR (valid_until \(date) AND valid_until >= issued_on)),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            "CREATE UNIQUE INDEX usaha_licence_key ON usaha_licence(kind, number, issued_on)",
            "CREATE INDEX usaha_licence_usaha ON usaha_licence(usaha_id)",
            """
            CREATE TABLE usaha_affiliation (
              id \(id),
              usaha_id \(integer) NOT NULL REFERENCES usaha(id),
              kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(AffiliationKind.allCases.map(\.rawValue), column: "kind"))),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              on_date TEXT NOT NULL CHECK (on_date \(date)),
              joined \(integer) NOT NULL CHECK (joined IN (0, 1)),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            "CREATE INDEX usaha_affiliation_usaha ON usaha_affiliation(usaha_id)",
            """
            CREATE TABLE usaha_channel (
              id \(id),
              usaha_id \(integer) NOT NULL REFERENCES usaha(id),
              channel TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(SalesChannel.allCases.map(\.rawValue), column: "channel"))),
              on_date TEXT NOT NULL CHECK (on_date \(date)),
              active \(integer) NOT NULL CHECK (active IN (0, 1)),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            "CREATE INDEX usaha_channel_usaha ON usaha_channel(usaha_id)",
            """
            CREATE TABLE market_event (
              id \(id),
              kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(MarketEventKind.allCases.map(\.rawValue), column: "kind"))),
              name TEXT NOT NULL CHECK (length(trim(name)) > 0),
              place TEXT NOT NULL CHECK (length(trim(place)) > 0),
              starts_on TEXT NOT NULL CHECK (starts_on \(date)),
              ends_on TEXT NOT NULL CHECK (ends_on \(date) AND ends_on >= starts_on),
              stand_entry_id \(integer) UNIQUE REFERENCES journal_entry(id),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL
            )\(strict)
            """,
            """
            CREATE TABLE market_participant (
              event_id \(integer) NOT NULL REFERENCES market_event(id),
              usaha_id \(integer) NOT NULL REFERENCES usaha(id),
              PRIMARY KEY (event_id, usaha_id)
            )\(strict)
            """,
            """
            CREATE TABLE market_sale (
              event_id \(integer) NOT NULL,
              usaha_id \(integer) NOT NULL,
              amount \(integer) NOT NULL CHECK (amount >= 0),
              actor TEXT NOT NULL,
              recorded_at TEXT NOT NULL,
              PRIMARY KEY (event_id, usaha_id),
              FOREIGN KEY (event_id, usaha_id) REFERENCES market_participant(event_id, usaha_id)
            )\(strict)
            """,
        ]
    }
}

/// Decoding the stored rows, for every store alike.
public enum MarketRows {
    static func parse<T: RawRepresentable>(_ text: String, _ column: String) throws -> T where T.RawValue == String {
        try EquipmentCareRows.stored(text, column)
    }
    public static func licenceKind(_ text: String) throws -> LicenceKind { try parse(text, "usaha_licence.kind") }
    public static func affiliationKind(_ text: String) throws -> AffiliationKind { try parse(text, "usaha_affiliation.kind") }
    public static func channel(_ text: String) throws -> SalesChannel { try parse(text, "usaha_channel.channel") }
    public static func eventKind(_ text: String) throws -> MarketEventKind { try parse(text, "market_event.kind") }
}
