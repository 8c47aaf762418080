import Foundation

/// Turns what a person types (`B-00012`, `12`, `REG-2007-004`, `2007`) into records,
/// with a not-found refusal that says where to look.
public enum Resolve {
    static func id(_ text: String, prefix: String) -> Int64? {
        let t = text.trimmedOfWhitespace.uppercased()
        if t.hasPrefix(prefix + "-"), let n = Int64(t.dropFirst(prefix.count + 1)), n > 0 { return n }
        if let n = Int64(t), n > 0 { return n }
        return nil
    }

    public static func beneficiary(_ text: String, in tx: any StoreTransaction) throws -> Beneficiary {
        if let id = id(text, prefix: "B"), let b = try tx.beneficiary(id: id) { return b }
        if let b = try tx.beneficiary(externalRef: text.trimmingCharacters(in: .whitespaces)) { return b }
        throw ProgrammeRejection.notFound(kind: "beneficiary", reference: text,
                                          hint: "give her code (B-00012) or the office's register number")
    }

    public static func cohort(_ text: String, in tx: any StoreTransaction) throws -> Cohort {
        if let c = try tx.cohort(code: text.trimmingCharacters(in: .whitespaces)) { return c }
        throw ProgrammeRejection.notFound(kind: "cohort", reference: text, hint: "list cohorts with `bekal cohort list`")
    }

    public static func track(_ text: String, in tx: any StoreTransaction) throws -> Track {
        if let t = try tx.track(code: text.trimmingCharacters(in: .whitespaces).lowercased()) { return t }
        throw ProgrammeRejection.notFound(kind: "track", reference: text, hint: "list tracks with `bekal track list`")
    }

    public static func kelompok(_ text: String, in tx: any StoreTransaction) throws -> Kelompok {
        if let id = id(text, prefix: "K"), let k = try tx.kelompok(id: id) { return k }
        throw ProgrammeRejection.notFound(kind: "kelompok", reference: text, hint: "give its code, e.g. K-0003")
    }

    public static func usaha(_ text: String, in tx: any StoreTransaction) throws -> Usaha {
        if let id = id(text, prefix: "U"), let u = try tx.usaha(id: id) { return u }
        throw ProgrammeRejection.notFound(kind: "usaha", reference: text, hint: "give its code, e.g. U-0007")
    }

    public static func item(_ text: String, in tx: any StoreTransaction) throws -> EquipmentItem {
        if let i = try tx.equipmentItem(code: text.trimmingCharacters(in: .whitespaces).lowercased()) { return i }
        throw ProgrammeRejection.notFound(kind: "equipment item", reference: text,
                                          hint: "add it with `bekal equipment item-add` or check the code")
    }
}

extension Resolve {
    public static func worker(_ text: String, in tx: any StoreTransaction) throws -> AftercareWorker {
        if let w = try tx.worker(code: text.trimmedOfWhitespace.uppercased()) { return w }
        throw ProgrammeRejection.notFound(kind: "aftercare worker", reference: text, hint: "list workers with `bekal worker list`")
    }
}

extension String {
    private static let whitespace = CharacterSet.whitespaces

    /// `trimmingCharacters(in: .whitespaces)`, without the trip through Foundation when there
    /// is nothing to trim: the usual case, met once per operation of a bulk run.
    var trimmedOfWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              String.whitespace.contains(first) || String.whitespace.contains(last) else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
