import BekalCore

extension Schema {
    /// The keys of the items a pendamping's phone sent (``PhoneReceipt``), append-only: a key
    /// received once makes its item a no-op when the phone sends it again.
    static let v17PhoneReceipts: [String] = [PhoneSyncSQL.create(integer: "INTEGER", options: " STRICT, WITHOUT ROWID")]
        + appendOnlyTriggers(["phone_receipt"], remedy: "add a new row instead")
}
