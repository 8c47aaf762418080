import Crypto
import Foundation

/// The tamper-evidence chain: each entry's hash covers its canonical content and the
/// previous entry's hash, so editing or deleting any stored entry breaks every hash after it.
public enum EntryHash {
    /// Canonical content: every field, length-prefixed so no two entries share an encoding.
    public static func canonical(id: Int64, bookID: Int64, kind: EntryKind, valueDate: LocalDate, recordedAt: String,
                                 actor: String, memo: String, documentRef: String?, idempotencyKey: String,
                                 reversesEntryID: Int64?, linkedEntryID: Int64?, postings: [Posting],
                                 previousHash: String) -> String {
        var out = "bekal-entry-v1\n"
        func field(_ name: String, _ value: String?) {
            guard let value else { out += "\(name):-\n"; return }
            out += "\(name):\(value.utf8.count):\(value)\n"
        }
        field("id", String(id))
        field("book", String(bookID))
        field("kind", kind.rawValue)
        field("value_date", valueDate.description)
        field("recorded_at", recordedAt)
        field("actor", actor)
        field("memo", memo)
        field("document_ref", documentRef)
        field("idempotency_key", idempotencyKey)
        field("reverses", reversesEntryID.map(String.init))
        field("linked", linkedEntryID.map(String.init))
        for (line, p) in postings.enumerated() {
            let d = p.dimensions
            let dims = [d.beneficiaryID, d.kelompokID, d.usahaID, d.cohortID, d.budgetYear.map(Int64.init)]
                .map { $0.map(String.init) ?? "-" }.joined(separator: ",")
            field("posting", "\(line),\(p.accountID),\(p.amount.amount),\(dims)")
        }
        field("previous", previousHash)
        return out
    }

    public static func sha256Hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Data(text.utf8))
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func compute(_ e: JournalEntry) -> String {
        sha256Hex(canonical(id: e.id, bookID: e.bookID, kind: e.kind, valueDate: e.valueDate, recordedAt: e.recordedAt,
                            actor: e.actor, memo: e.memo, documentRef: e.documentRef, idempotencyKey: e.idempotencyKey,
                            reversesEntryID: e.reversesEntryID, linkedEntryID: e.linkedEntryID, postings: e.postings,
                            previousHash: e.previousHash))
    }
}
