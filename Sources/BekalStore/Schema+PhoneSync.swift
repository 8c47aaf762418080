import BekalCore

extension Schema {
    /// The keys of the items a pendamping's phone sent (``PhoneReceipt``), append-only: a key
    /// received once makes its item a no-op when the phone sends it again.
    static let v17PhoneReceipts: [String] = [
        """
        CREATE TABLE phone_receipt (
          key TEXT PRIMARY KEY CHECK (length(key) BETWEEN \(PhoneItem.keyLength.lowerBound) AND \(PhoneItem.keyLength.upperBound)),
          kind TEXT NOT NULL CHECK (\(RegistrySQL.oneOf(PhoneItem.Kind.allCases.map(\.rawValue), column: "kind"))),
          record_id INTEGER NOT NULL,
          worker_id INTEGER REFERENCES worker(id),
          actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID
        """,
    ] + appendOnly("phone_receipt")
}
