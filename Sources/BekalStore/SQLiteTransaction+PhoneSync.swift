import BekalCore
import GRDB

/// The keys a pendamping's phone sent (`phone_receipt`, append-only).
extension SQLiteTransaction: PhoneSyncPort {
    func phoneReceipt(key: String) throws -> PhoneReceipt? {
        try one("SELECT key, kind, record_id, worker_id, actor, recorded_at FROM phone_receipt WHERE key = ?", [key]).map { row in
            guard let kind = PhoneItem.Kind(rawValue: row[1]) else { throw InputError(.column("phone_receipt.kind"), input: row[1], .notOneOf(PhoneItem.Kind.allCases.map(\.rawValue))) }
            return PhoneReceipt(key: row[0], kind: kind, recordID: row[2], workerID: row[3], actor: row[4], recordedAt: row[5])
        }
    }

    func insertPhoneReceipt(_ r: PhoneReceipt) throws {
        try run("INSERT INTO phone_receipt (key, kind, record_id, worker_id, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [r.key, r.kind.rawValue, r.recordID, r.workerID, r.actor, r.recordedAt])
    }
}
