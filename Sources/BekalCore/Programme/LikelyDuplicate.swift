import Foundation

/// The rule that catches a woman registered twice: without a NIK to tell two records apart,
/// the same name and birth year (and the same area of origin, where both records give one)
/// is most likely the same person typed in again, perhaps by another officer or in a later
/// cohort. Such a registration goes through only when the officer confirms she is a
/// different person, naming each record she was compared with; the confirmation is kept on
/// her record and in the audit log.
///
/// Two records that both carry a NIK are never flagged: their NIKs differ (the same NIK is
/// refused outright), so they are two people.
public enum LikelyDuplicate {
    /// The name as compared: case and accents folded, punctuation dropped, spaces single.
    /// `Siti  Nurhaliza`, `SITI NURHALIZA` and `Siti Nurhaliza.` share a key.
    public static func nameKey(_ name: String) -> String {
        asciiNameKey(name) ?? foldedNameKey(name)
    }

    /// ``nameKey(_:)`` of an all-ASCII name, byte by byte: the fold only lowercases A–Z there,
    /// and only A–Z, a–z and 0–9 are letters or numbers. Nil for any other name.
    static func asciiNameKey(_ name: String) -> String? {
        let key = name.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingSpace { out.append(UInt8(ascii: " ")); pendingSpace = false }
                    out.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingSpace { out.append(UInt8(ascii: " ")); pendingSpace = false }
                    out.append(byte | 0x20)
                case 0x80...: return nil
                default:
                    if !out.isEmpty { pendingSpace = true }
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        guard let key else { return nil }
        return key
    }

    /// The general fold, for any name.
    static func foldedNameKey(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.joined(separator: " ")
    }

    /// Whether `existing` is likely the person `draft` describes.
    public static func matches(_ existing: Beneficiary, _ draft: BeneficiaryDraft) -> Bool {
        guard let year = draft.birthYear, existing.birthYear == year,
              nameKey(existing.name) == nameKey(draft.name) else { return false }
        if existing.nik != nil && draft.nik != nil { return false }
        if let a = existing.originArea.map(nameKey), let b = draft.originArea.map(nameKey), !a.isEmpty, !b.isEmpty, a != b {
            return false
        }
        return true
    }
}
