import BekalCore

/// The keys a pendamping's phone sent (`phone_receipt`, append-only), as on SQLite.
extension PostgresTransaction: PhoneSyncPort {
    func phoneReceipt(key: String) throws -> PhoneReceipt? {
        // Rows of one key only: beside the books' writer, as a visit is.
        try besideTheWriter { try one("SELECT key, kind, record_id, worker_id, actor, recorded_at FROM phone_receipt WHERE key = $1", [.text(key)]).map { row in
            let text = try row.text("kind")
            guard let kind = PhoneItem.Kind(rawValue: text) else {
                throw InputError(.column("phone_receipt.kind"), input: text, .notOneOf(PhoneItem.Kind.allCases.map(\.rawValue)))
            }
            return PhoneReceipt(key: try row.text("key"), kind: kind, recordID: try row.int("record_id"), workerID: try row.optionalInt("worker_id"),
                                actor: try row.text("actor"), recordedAt: try row.text("recorded_at"))
        } }
    }

    func insertPhoneReceipt(_ r: PhoneReceipt) throws {
        try besideTheWriter { _ = try run("INSERT INTO phone_receipt (key, kind, record_id, worker_id, actor, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
                [.text(r.key), .text(r.kind.rawValue), .int(r.recordID), PGValue(r.workerID), .text(r.actor), .text(r.recordedAt)]) }
    }
}
