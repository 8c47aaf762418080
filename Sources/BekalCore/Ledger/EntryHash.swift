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
        String(decoding: canonicalBytes(id: id, bookID: bookID, kind: kind, valueDate: valueDate, recordedAt: recordedAt,
                                        actor: actor, memo: memo, documentRef: documentRef, idempotencyKey: idempotencyKey,
                                        reversesEntryID: reversesEntryID, linkedEntryID: linkedEntryID, postings: postings,
                                        previousHash: previousHash),
               as: UTF8.self)
    }

    /// The hash of an entry with these fields: `sha256Hex` of the canonical content.
    public static func hash(id: Int64, bookID: Int64, kind: EntryKind, valueDate: LocalDate, recordedAt: String,
                            actor: String, memo: String, documentRef: String?, idempotencyKey: String,
                            reversesEntryID: Int64?, linkedEntryID: Int64?, postings: [Posting],
                            previousHash: String) -> String {
        sha256Hex(bytes: canonicalBytes(id: id, bookID: bookID, kind: kind, valueDate: valueDate, recordedAt: recordedAt,
                                        actor: actor, memo: memo, documentRef: documentRef, idempotencyKey: idempotencyKey,
                                        reversesEntryID: reversesEntryID, linkedEntryID: linkedEntryID, postings: postings,
                                        previousHash: previousHash))
    }

    /// The canonical content as UTF-8, written byte by byte rather than through string
    /// interpolation: it is built for every entry posted and every entry verified.
    /// `name:LENGTH:VALUE\n` per field (LENGTH in UTF-8 bytes), `name:-\n` when absent; a posting's
    /// value is `line,account,amount,beneficiary,kelompok,usaha,cohort,budget_year` with `-` for
    /// an absent dimension, and `,budget_line` after it when the posting is booked against one.
    static func canonicalBytes(id: Int64, bookID: Int64, kind: EntryKind, valueDate: LocalDate, recordedAt: String,
                               actor: String, memo: String, documentRef: String?, idempotencyKey: String,
                               reversesEntryID: Int64?, linkedEntryID: Int64?, postings: [Posting],
                               previousHash: String) -> [UInt8] {
        var w = CanonicalWriter()
        w.literal("bekal-entry-v1\n")
        w.field("id", id)
        w.field("book", bookID)
        w.field("kind", kind.rawValue)
        w.field("value_date", valueDate.description)
        w.field("recorded_at", recordedAt)
        w.field("actor", actor)
        w.field("memo", memo)
        w.field("document_ref", documentRef)
        w.field("idempotency_key", idempotencyKey)
        w.field("reverses", reversesEntryID)
        w.field("linked", linkedEntryID)
        for (line, p) in postings.enumerated() {
            let d = p.dimensions
            w.field("posting") { v in
                func next(_ number: Int64?) {
                    v.append(UInt8(ascii: ","))
                    if let number { CanonicalWriter.decimal(number, to: &v) } else { v.append(UInt8(ascii: "-")) }
                }
                CanonicalWriter.decimal(Int64(line), to: &v)
                next(p.accountID)
                next(p.amount.amount)
                next(d.beneficiaryID)
                next(d.kelompokID)
                next(d.usahaID)
                next(d.cohortID)
                next(d.budgetYear.map(Int64.init))
                // Added with budget lines: only a posting booked against one has it, so every
                // entry written before hashes to the same bytes as it always did.
                if let line = d.budgetLineID { next(line) }
            }
        }
        w.field("previous", previousHash)
        return w.bytes
    }

    private struct CanonicalWriter {
        var bytes: [UInt8] = []
        private var value: [UInt8] = []

        init() {
            bytes.reserveCapacity(768)
            value.reserveCapacity(128)
        }

        mutating func literal(_ text: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func field(_ name: StaticString, _ text: String?) {
            guard let text else { return absent(name) }
            literal(name)
            bytes.append(UInt8(ascii: ":"))
            Self.decimal(Int64(text.utf8.count), to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }

        mutating func field(_ name: StaticString, _ number: Int64?) {
            guard let number else { return absent(name) }
            field(name) { v in Self.decimal(number, to: &v) }
        }

        /// A field whose value `write` appends.
        mutating func field(_ name: StaticString, _ write: (inout [UInt8]) -> Void) {
            value.removeAll(keepingCapacity: true)
            write(&value)
            literal(name)
            bytes.append(UInt8(ascii: ":"))
            Self.decimal(Int64(value.count), to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: value)
            bytes.append(UInt8(ascii: "\n"))
        }

        mutating func absent(_ name: StaticString) {
            literal(name)
            literal(":-\n")
        }

        /// `String(number)`'s digits (with `-` when negative), Int64.min included: written
        /// backwards into a small buffer on the stack, then appended at once.
        static func decimal(_ number: Int64, to out: inout [UInt8]) {
            if number < 0 { out.append(UInt8(ascii: "-")) }
            var rest = number.magnitude
            if rest < 10 { return out.append(UInt8(ascii: "0") + UInt8(rest)) }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
                var i = 20
                while rest > 0 {
                    i -= 1
                    buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
            }
        }
    }

    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(bytes: Array(text.utf8))
    }

    static func sha256Hex(bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
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
        hash(id: e.id, bookID: e.bookID, kind: e.kind, valueDate: e.valueDate, recordedAt: e.recordedAt,
             actor: e.actor, memo: e.memo, documentRef: e.documentRef, idempotencyKey: e.idempotencyKey,
             reversesEntryID: e.reversesEntryID, linkedEntryID: e.linkedEntryID, postings: e.postings,
             previousHash: e.previousHash)
    }
}
