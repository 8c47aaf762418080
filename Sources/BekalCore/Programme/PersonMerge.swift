/// A woman registered twice, made one person again (issue 15): an admin links the duplicate
/// record to the one kept, with a reason. Nothing is moved or rewritten — every record made on
/// either keeps the record it was made on, so both histories stay as they were written — but
/// afterwards there is one person: the duplicate's code is refused for anything new (the refusal
/// names the code to use), it leaves the register and the search, and her page and
/// `bekal beneficiary show` of either code tell both histories as one, the merge in them.
///
/// Because nothing moves, a merge links closed history only: it is refused while the duplicate
/// holds business still open on its record (training under way, a graduation not yet paid, a
/// grant, a kelompok she is in now), since that business could no longer be carried on; the
/// refusal says what to close, or which record to keep instead. A caseload assignment of the
/// duplicate's own ends with the merge (she is followed as the record kept).
public struct PersonMerge: Hashable, Sendable {
    public let id: Int64
    /// The record that was the duplicate; refused for anything new from the merge on.
    public let duplicateID: Int64
    /// The record kept: the person from now on.
    public let keptID: Int64
    public let onDate: LocalDate
    public let reason: String
    public let actor: String
    public let recordedAt: String

    public init(id: Int64, duplicateID: Int64, keptID: Int64, onDate: LocalDate, reason: String, actor: String, recordedAt: String) {
        self.id = id
        self.duplicateID = duplicateID
        self.keptID = keptID
        self.onDate = onDate
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
    }

    public var duplicateCode: String { Beneficiary.code(for: duplicateID) }
    public var keptCode: String { Beneficiary.code(for: keptID) }

    /// A reason says what showed the two records are one woman.
    public static let minimumReasonCharacters = 10

    /// The reason as kept (trimmed); refused when too short to say anything.
    public static func checkedReason(_ text: String) throws(MergeRejection) -> String {
        let reason = text.trimmedOfWhitespace
        if reason.count < minimumReasonCharacters { throw .reasonTooShort(minimumCharacters: minimumReasonCharacters) }
        return reason
    }
}

/// A merge, and the duplicate's own caseload assignment it ended (the worker's code), if any.
public struct MergeResult: Sendable {
    public let merge: PersonMerge
    public let endedAssignment: String?
}

/// Where merges are kept: append-only, one per duplicate record.
public protocol PersonMergePort {
    func insertPersonMerge(duplicateID: Int64, keptID: Int64, onDate: LocalDate, reason: String, actor: String,
                           recordedAt: String) throws -> PersonMerge
    /// The merge that made this record a duplicate, if it is one.
    func personMerge(duplicateID: Int64) throws -> PersonMerge?
    /// The records merged into this one, in merge order.
    func personMerges(keptID: Int64) throws -> [PersonMerge]
}

/// Why a merge was refused. Messages name people by code only.
public enum MergeRejection: BekalFailure, Equatable {
    case sameRecord(String)
    /// The record named was merged into another before: use that one.
    case merged(beneficiary: String, into: String, on: LocalDate)
    /// The duplicate holds records merged into it: it is kept, and the other merged into it.
    case holdsMerges(duplicate: String, merged: [String])
    /// Two NIKs are two people, unless one is wrong (then it is corrected first).
    case niksDiffer(duplicate: String, kept: String)
    case enrolledInBoth(cohort: String)
    /// Only the duplicate was paid: keep it, and merge the other record into it.
    case duplicatePaid(duplicate: String, kept: String, kuitansi: String)
    case bothPaid(duplicate: String, kept: String, kuitansi: [String])
    /// Business open on the duplicate's record, which a merge could no longer carry on.
    case openBusiness(duplicate: String, what: [OpenBusiness])
    case reasonTooShort(minimumCharacters: Int)

    public enum OpenBusiness: Hashable, Sendable, CustomStringConvertible {
        case inTraining(cohort: String)
        case unpaidGraduate(cohort: String)
        case member(kelompok: String)

        public var description: String {
            switch self {
            case .inTraining(let c): "in training in cohort \(c) (record her graduation or drop-out)"
            case .unpaidGraduate(let c): "graduated from cohort \(c) and not paid (pay the grant)"
            case .member(let k): "a member of kelompok \(k) now (record that she left it)"
            }
        }
    }

    public var code: String {
        switch self {
        case .sameRecord: "merge_same_record"
        case .merged: "merged_record"
        case .holdsMerges: "merge_holds_merges"
        case .niksDiffer: "merge_niks_differ"
        case .enrolledInBoth: "merge_enrolled_in_both"
        case .duplicatePaid: "merge_duplicate_paid"
        case .bothPaid: "merge_both_paid"
        case .openBusiness: "merge_open_business"
        case .reasonTooShort: "reason_too_short"
        }
    }

    public var message: String {
        switch self {
        case .sameRecord(let b):
            "\(b) cannot be merged into itself: name the duplicate and the record to keep."
        case .merged(let b, let into, let day):
            "\(b) was merged into \(into) on \(day) (a person registered twice): use \(into)."
        case .holdsMerges(let d, let merged):
            "\(d) holds the record(s) merged into it (\(merged.joined(separator: ", "))): keep \(d), and merge the other record into it."
        case .niksDiffer(let d, let k):
            "\(d) and \(k) carry different NIKs, so they are two people; if one NIK was typed wrong, correct it first "
                + "(`bekal beneficiary correct`), then merge."
        case .enrolledInBoth(let cohort):
            "Both records are enrolled in cohort \(cohort), and a person is enrolled once in a cohort: record the duplicate's enrolment "
                + "as dropped out (reason other, saying it was a double registration), then merge."
        case .duplicatePaid(let d, let k, let kuitansi):
            "\(d) was paid the grant (kuitansi \(kuitansi)) and \(k) was not: keep \(d), and merge \(k) into it."
        case .bothPaid(let d, let k, let kuitansi):
            "Both \(d) and \(k) were paid a grant (kuitansi \(kuitansi.joined(separator: ", "))), and a person is paid once: "
                + "reverse the grant paid in error first (`bekal grant reverse`, once the money is back), then merge."
        case .openBusiness(let d, let what):
            "\(d) still has business open on its record: \(what.map(\.description).joined(separator: "; ")). A merge links closed history and moves nothing: "
                + "close these on \(d) first, or keep \(d) and merge the other record into it."
        case .reasonTooShort(let n):
            "Say why the two records are one woman (at least \(n) characters: what showed it, e.g. the same KTP seen at a visit)."
        }
    }
}

extension Operations {
    /// Merges the record `duplicate` into `kept` (admin). Nothing is moved; see ``PersonMerge``.
    public func mergePerson(duplicate: String, into kept: String, reason: String, context: OperationContext) throws -> MergeResult {
        let reason = try PersonMerge.checkedReason(reason)
        return try store.write { tx in
            let (dup, keep) = try Self.checkMerge(duplicate: duplicate, into: kept, in: tx)
            let today = context.today(in: try tx.settings())
            let merge = try tx.insertPersonMerge(duplicateID: dup.id, keptID: keep.id, onDate: today, reason: reason, actor: context.actor,
                                                 recordedAt: context.recordedAt)
            var ended: String?
            if let a = try tx.currentAssignment(.beneficiary(dup.id)) {
                try tx.endAssignment(id: a.id, toDate: max(today, a.fromDate))
                ended = try tx.workers().first { $0.id == a.workerID }?.code ?? "#\(a.workerID)"
            }
            // The reason may describe her: the audit log names the two records only.
            try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .beneficiaryMerge, subject: keep.code,
                               detail: "\(dup.code) merged into \(keep.code) (#\(merge.id))" + (ended.map { "; its assignment to \($0) ended" } ?? ""))
            return MergeResult(merge: merge, endedAssignment: ended)
        }
    }

    /// Whether the merge would be refused, without writing anything (the form asks before it
    /// confirms); the two records when it would go through.
    public func checkMerge(duplicate: String, into kept: String) throws -> (duplicate: Beneficiary, kept: Beneficiary) {
        try store.read { tx in try Self.checkMerge(duplicate: duplicate, into: kept, in: tx) }
    }

    /// Every rule of a merge but its reason; the two records, when it may go through.
    static func checkMerge(duplicate: String, into kept: String, in tx: any StoreTransaction) throws -> (duplicate: Beneficiary, kept: Beneficiary) {
        let dup = try Resolve.beneficiary(duplicate, in: tx)
        let keep = try Resolve.beneficiary(kept, in: tx)
        if dup.id == keep.id { throw MergeRejection.sameRecord(dup.code) }
        let held = try tx.personMerges(keptID: dup.id)
        if !held.isEmpty { throw MergeRejection.holdsMerges(duplicate: dup.code, merged: held.map(\.duplicateCode)) }
        if let a = dup.nik, let b = keep.nik, a != b { throw MergeRejection.niksDiffer(duplicate: dup.code, kept: keep.code) }
        let cohorts = Dictionary(uniqueKeysWithValues: try tx.cohorts().map { ($0.id, $0.code) })
        let dupEnrolments = try tx.enrolments(beneficiaryID: dup.id)
        let keptCohorts = Set(try tx.enrolments(beneficiaryID: keep.id).map(\.cohortID))
        if let both = dupEnrolments.first(where: { keptCohorts.contains($0.cohortID) && $0.status != .droppedOut }) {
            throw MergeRejection.enrolledInBoth(cohort: cohorts[both.cohortID] ?? "?")
        }
        func unreversed(_ id: Int64) throws -> [(grant: GrantPayment, kuitansi: String)] {
            try tx.grants(beneficiaryID: id).compactMap { g in
                guard try tx.reversalID(of: g.entryID) == nil else { return nil }
                return (g, try tx.entry(id: g.entryID)?.documentRef ?? "#\(g.entryID)")
            }
        }
        let dupPaid = try unreversed(dup.id)
        if !dupPaid.isEmpty {
            let keptPaid = try unreversed(keep.id)
            if keptPaid.isEmpty { throw MergeRejection.duplicatePaid(duplicate: dup.code, kept: keep.code, kuitansi: dupPaid[0].kuitansi) }
            throw MergeRejection.bothPaid(duplicate: dup.code, kept: keep.code, kuitansi: (dupPaid + keptPaid).map(\.kuitansi))
        }
        var open: [MergeRejection.OpenBusiness] = []
        let closed = try ClosedCases.read(from: tx)
        for e in dupEnrolments where closed.closedOn(beneficiaryID: dup.id, cohortID: e.cohortID) == nil {
            let cohort = cohorts[e.cohortID] ?? "?"
            switch e.status {
            case .enrolled: open.append(.inTraining(cohort: cohort))
            case .completed: open.append(.unpaidGraduate(cohort: cohort))
            case .droppedOut: break
            }
        }
        for m in try tx.memberships(beneficiaryID: dup.id) where m.leftOn == nil {
            open.append(.member(kelompok: Kelompok.code(for: m.kelompokID)))
        }
        if !open.isEmpty { throw MergeRejection.openBusiness(duplicate: dup.code, what: open) }
        return (dup, keep)
    }

    /// Every merge recorded, oldest first (for the admin's register of them).
    public func personMerges(of beneficiary: String) throws -> [PersonMerge] {
        try store.read { tx in
            let person = try Resolve.person(beneficiary, in: tx)
            return try tx.personMerges(keptID: person.id)
        }
    }
}

/// Merge rows as both stores read them.
public enum PersonMergeRows {
    public static let columns = "id, duplicate_id, kept_id, on_date, reason, actor, recorded_at"

    public static func merge(id: Int64, duplicateID: Int64, keptID: Int64, onDate: String, reason: String, actor: String,
                             recordedAt: String) throws -> PersonMerge {
        PersonMerge(id: id, duplicateID: duplicateID, keptID: keptID, onDate: try LocalDate.parse(onDate), reason: reason, actor: actor,
                    recordedAt: recordedAt)
    }
}
