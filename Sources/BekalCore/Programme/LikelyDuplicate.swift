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
