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

    /// The record named, for anything new recorded on her: a record merged into another is
    /// refused, with the code to use (``PersonMerge``).
    public static func beneficiary(_ text: String, in tx: any StoreTransaction) throws -> Beneficiary {
        let b = try record(text, in: tx)
        if let merge = try tx.personMerge(duplicateID: b.id) {
            throw MergeRejection.merged(beneficiary: b.code, into: merge.keptCode, on: merge.onDate)
        }
        return b
    }

    /// The person the record is now, for reading: a merged record gives the one it was merged into.
    public static func person(_ text: String, in tx: any StoreTransaction) throws -> Beneficiary {
        let b = try record(text, in: tx)
        guard let merge = try tx.personMerge(duplicateID: b.id) else { return b }
        guard let kept = try tx.beneficiary(id: merge.keptID) else { throw ProgrammeRejection.notFound(.beneficiary, reference: merge.keptCode) }
        return kept
    }

    static func record(_ text: String, in tx: any StoreTransaction) throws -> Beneficiary {
        if let id = id(text, prefix: "B"), let b = try tx.beneficiary(id: id) { return b }
        if let b = try tx.beneficiary(externalRef: text.trimmingCharacters(in: .whitespaces)) { return b }
        throw ProgrammeRejection.notFound(.beneficiary, reference: text)
    }

    public static func cohort(_ text: String, in tx: any StoreTransaction) throws -> Cohort {
        if let c = try tx.cohort(code: text.trimmingCharacters(in: .whitespaces)) { return c }
        throw ProgrammeRejection.notFound(.cohort, reference: text)
    }

    /// Her enrolment in the cohort; refused when she is not enrolled in it.
    public static func enrolment(of person: Beneficiary, in cohort: Cohort, _ tx: any StoreTransaction) throws -> Enrolment {
        guard let enrolment = try tx.enrolments(beneficiaryID: person.id).first(where: { $0.cohortID == cohort.id }) else {
            throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: cohort.code)
        }
        return enrolment
    }

    public static func track(_ text: String, in tx: any StoreTransaction) throws -> Track {
        if let t = try tx.track(code: text.trimmingCharacters(in: .whitespaces).lowercased()) { return t }
        throw ProgrammeRejection.notFound(.track, reference: text)
    }

    public static func kelompok(_ text: String, in tx: any StoreTransaction) throws -> Kelompok {
        if let id = id(text, prefix: "K"), let k = try tx.kelompok(id: id) { return k }
        throw ProgrammeRejection.notFound(.kelompok, reference: text)
    }

    public static func usaha(_ text: String, in tx: any StoreTransaction) throws -> Usaha {
        if let id = id(text, prefix: "U"), let u = try tx.usaha(id: id) { return u }
        throw ProgrammeRejection.notFound(.usaha, reference: text)
    }

    public static func item(_ text: String, in tx: any StoreTransaction) throws -> EquipmentItem {
        if let i = try tx.equipmentItem(code: text.trimmingCharacters(in: .whitespaces).lowercased()) { return i }
        throw ProgrammeRejection.notFound(.equipmentItem, reference: text)
    }
}

extension Resolve {
    public static func worker(_ text: String, in tx: any StoreTransaction) throws -> AftercareWorker {
        if let w = try tx.worker(code: text.trimmedOfWhitespace.uppercased()) { return w }
        throw ProgrammeRejection.notFound(.worker, reference: text)
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
