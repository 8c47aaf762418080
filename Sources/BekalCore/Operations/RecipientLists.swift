import Foundation

/// What an admin drafts: the graduates of a cohort (and track) to receive a grant.
public struct RecipientListRequest: Hashable, Sendable {
    public var cohort: String
    /// Nil: every track of the cohort.
    public var track: String?
    /// Defaults to the cohort's standard grant; another amount needs ``amountReason``.
    public var amount: Rupiah?
    public var amountReason: String?
    /// The people, by code or register number; nil: every graduate of the cohort (and track).
    public var beneficiaries: [String]?
    /// The code of the list this one replaces (the last of its chain), and why.
    public var supersedes: String?
    public var reason: String?
    /// Equipment the SK approves per kelompok of the cohort (``RecipientList/EquipmentLine``).
    public var equipment: [EquipmentPlanLine] = []

    public init(cohort: String, track: String? = nil, amount: Rupiah? = nil, amountReason: String? = nil, beneficiaries: [String]? = nil,
                supersedes: String? = nil, reason: String? = nil, equipment: [EquipmentPlanLine] = []) {
        self.equipment = equipment
        self.cohort = cohort
        self.track = track
        self.amount = amount
        self.amountReason = amountReason
        self.beneficiaries = beneficiaries
        self.supersedes = supersedes
        self.reason = reason
    }
}

/// A kelompok's approved equipment as typed: `K-0001:oven:1`.
public struct EquipmentPlanLine: Hashable, Sendable {
    public var kelompok: String
    public var item: String
    public var quantity: Int64

    public init(kelompok: String, item: String, quantity: Int64) {
        self.kelompok = kelompok
        self.item = item
        self.quantity = quantity
    }

    /// `KELOMPOK:ITEM:QUANTITY`, e.g. `K-0001:mesin-jahit:2`.
    public static func parse(_ text: String, field: InputField = .item) throws -> EquipmentPlanLine {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, let quantity = Int64(parts[2]) else {
            throw InputError(field, input: text, .notKelompokItemAndQuantity)
        }
        return EquipmentPlanLine(kelompok: parts[0], item: parts[1], quantity: quantity)
    }
}

/// A list as the office reads it: its lines with whether each is paid, and what stops a line
/// that cannot be paid now.
public struct RecipientListState: Sendable {
    public enum LineState: Sendable {
        /// Paid by this grant entry (under this list or an earlier one of its chain).
        case paid(entryID: Int64, documentRef: String?, valueDate: LocalDate)
        case unpaid
        /// Cannot be paid as things stand: she no longer holds a completed enrolment, or she
        /// was paid in another cohort without an exception.
        case blocked(ProgrammeRejection)
    }

    public struct Line: Sendable {
        public let line: RecipientList.Line
        public let name: String
        public let registerNumber: String?
        public let state: LineState
    }

    public let list: RecipientList
    public let status: RecipientList.Status
    public let cohort: Cohort
    public let track: Track?
    public let lines: [Line]
    /// The list this one replaced, and the one that replaced it.
    public let supersedes: String?
    public let supersededBy: String?

    public var paidCount: Int { lines.filter { if case .paid = $0.state { true } else { false } }.count }
    public var paidTotal: Rupiah {
        Rupiah(lines.reduce(Int64(0)) { if case .paid = $1.state { $0 &+ $1.line.amount.amount } else { $0 } })
    }
}

/// What a batch payment did for one line.
public struct RecipientPaymentResult: Sendable {
    public enum Outcome: Sendable {
        case paid(JournalEntry)
        /// Its kuitansi number was paid before (the batch was run again): nothing new.
        case alreadyRecorded(JournalEntry)
        /// She holds an unreversed grant of this cohort under another kuitansi: nothing new.
        case paidEarlier(entryID: Int64)
        case refused(any Error)
    }

    public let line: RecipientList.Line
    public let documentRef: String
    public let outcome: Outcome
}

extension Operations {
    /// The default kuitansi prefix of a list's batch payment: `KW/DP-2013-1/`, so line 7 is
    /// paid under `KW/DP-2013-1/007`, the same on every run.
    public static func batchPrefix(_ list: RecipientList) -> String { "KW/\(list.code)/" }

    public static func batchReference(prefix: String, line: RecipientList.Line) -> String {
        prefix + String(repeating: "0", count: max(0, 3 - String(line.number).count)) + String(line.number)
    }

    /// Drafts a recipient list. Refused: an unknown cohort or track; a named person who has not
    /// completed training in the cohort (and track); nobody to list; a non-standard amount
    /// without a reason; a cohort and track that already have a list, unless this one names it
    /// (the last of its chain) as the one it supersedes, with a reason of 10 characters or more.
    public func draftRecipientList(_ request: RecipientListRequest, context: OperationContext) throws -> RecipientList {
        try store.write { tx in try Operations.draftRecipientList(request, context: context, in: tx) }
    }

    public static func draftRecipientList(_ request: RecipientListRequest, context: OperationContext,
                                          in tx: any StoreTransaction) throws -> RecipientList {
        let settings = try tx.settings()
        let cohort = try Resolve.cohort(request.cohort, in: tx)
        let track = try request.track.map { try Resolve.track($0, in: tx) }
        let enrolments = try tx.enrolments(cohortID: cohort.id).filter { track == nil || $0.trackID == track?.id }
        var people: [Int64] = []
        if let named = request.beneficiaries {
            for reference in named {
                let person = try Resolve.beneficiary(reference, in: tx)
                guard let enrolment = enrolments.first(where: { $0.beneficiaryID == person.id }) else {
                    throw ProgrammeRejection.notEnrolled(beneficiary: person.code, cohort: cohort.code + (track.map { " (\($0.code))" } ?? ""))
                }
                if enrolment.status != .completed {
                    throw ProgrammeRejection.trainingNotCompleted(beneficiary: person.code, cohort: cohort.code, status: enrolment.status)
                }
                if !people.contains(person.id) { people.append(person.id) }
            }
        } else {
            people = enrolments.filter { $0.status == .completed }.map(\.beneficiaryID)
        }
        if people.isEmpty { throw ProgrammeRejection.emptyRecipientList(cohort: cohort.code) }
        let standard = cohort.standardGrant(settings)
        let amount = request.amount ?? standard
        if !amount.isPositive { throw InputError(.grantAmount, input: amount.description, .notMoreThanZero) }
        let amountReason = amount == standard ? nil : stated(request.amountReason)
        if amount != standard {
            guard let amountReason else {
                throw ProgrammeRejection.grantAmountNotStandard(beneficiary: "the list", cohort: cohort.code, amount: amount, standard: standard)
            }
            if amountReason.count < 10 { throw ProgrammeRejection.reasonTooShort(minimumCharacters: 10) }
        }
        let existing = try tx.recipientLists(cohortID: cohort.id)
        let chains = RecipientListChains(existing)
        // The chain this list joins: a cohort-wide list and a track's list overlap.
        let overlapping = chains.tips.filter { $0.trackID == nil || track == nil || $0.trackID == track?.id }
        var supersedes: RecipientList?
        if let code = request.supersedes?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
            guard let named = existing.first(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame }) else {
                throw ProgrammeRejection.notFound(.recipientList, reference: code)
            }
            guard overlapping.count == 1, overlapping[0].id == named.id else {
                throw ProgrammeRejection.supersedesWrongList(list: named.code, current: overlapping.map(\.code))
            }
            supersedes = named
        } else if !overlapping.isEmpty {
            throw ProgrammeRejection.recipientListExists(cohort: cohort.code, existing: overlapping.map(\.code))
        }
        var reason: String?
        if supersedes != nil {
            reason = stated(request.reason)
            if (reason ?? "").count < 10 { throw ProgrammeRejection.reasonTooShort(minimumCharacters: 10) }
        }
        var equipment: [(kelompokID: Int64, itemID: Int64, quantity: Int64)] = []
        for line in request.equipment {
            let kelompok = try Resolve.kelompok(line.kelompok, in: tx)
            if kelompok.cohortID != cohort.id { throw ProgrammeRejection.kelompokNotOfCohort(kelompok: kelompok.code, cohort: cohort.code) }
            let item = try Resolve.item(line.item, in: tx)
            if line.quantity <= 0 { throw ProgrammeRejection.quantityNotPositive(item: item.code, quantity: line.quantity) }
            if equipment.contains(where: { $0.kelompokID == kelompok.id && $0.itemID == item.id }) {
                throw ProgrammeRejection.duplicate(.equipmentItem, reference: "\(kelompok.code):\(item.code)", existing: "an earlier line of this list")
            }
            equipment.append((kelompok.id, item.id, line.quantity))
        }
        let code = "DP-\(cohort.code)-\(existing.count + 1)"
        var draft = RecipientListDraft(
            code: code, cohortID: cohort.id, trackID: track?.id, amount: amount, amountReason: amountReason, supersedesID: supersedes?.id,
            supersedeReason: reason, beneficiaryIDs: people, draftedBy: context.actor, draftedAt: context.recordedAt)
        draft.equipment = equipment
        let list = try tx.insertRecipientList(draft)
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .recipientListDraft, subject: list.code,
                           detail: "cohort \(cohort.code)" + (track.map { ", track \($0.code)" } ?? "") + ", \(list.lines.count) people, "
                               + "\(amount) each" + (equipment.isEmpty ? "" : ", \(equipment.count) equipment line(s)")
                               + (supersedes.map { ", supersedes \($0.code)" } ?? ""))
        return list
    }

    /// Approves a draft with the head of office's decree (SK). Refused: a list that is not a
    /// draft (approved lists are frozen; a superseded draft is dead); the one who drafted it;
    /// no SK number; an SK dated after today.
    public func approveRecipientList(code: String, decreeNumber: String, decreeDate: LocalDate,
                                     context: OperationContext) throws -> RecipientList {
        try store.write { tx in
            try Operations.approveRecipientList(code: code, decreeNumber: decreeNumber, decreeDate: decreeDate, context: context, in: tx)
        }
    }

    public static func approveRecipientList(code: String, decreeNumber: String, decreeDate: LocalDate, context: OperationContext,
                                            in tx: any StoreTransaction) throws -> RecipientList {
        var list = try resolveList(code, in: tx)
        let status = RecipientListChains(try tx.recipientLists(cohortID: list.cohortID)).status(of: list)
        guard status == .draft else { throw ProgrammeRejection.recipientListNotDraft(list: list.code, status: status) }
        if list.draftedBy == context.actor { throw ProgrammeRejection.makerCannotApprove(list: list.code) }
        let number = decreeNumber.trimmingCharacters(in: .whitespacesAndNewlines)
        if number.isEmpty { throw ProgrammeRejection.decreeMissing(list: list.code) }
        let today = context.today(in: try tx.settings())
        if decreeDate > today { throw LedgerRejection.futureDate(valueDate: decreeDate, today: today) }
        let approval = RecipientList.Approval(approvedBy: context.actor, approvedAt: context.recordedAt, decreeNumber: number,
                                              decreeDate: decreeDate)
        try tx.insertRecipientListApproval(listID: list.id, approval)
        list.approval = approval
        try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .recipientListApprove, subject: list.code,
                           detail: "SK \(number) of \(decreeDate), \(list.lines.count) people, total \(list.total)")
        return list
    }

    static func resolveList(_ code: String, in tx: any StoreTransaction) throws -> RecipientList {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, let list = try tx.recipientList(code: code.uppercased()) ?? tx.recipientList(code: code) else {
            throw ProgrammeRejection.notFound(.recipientList, reference: code)
        }
        return list
    }

    /// Every list, oldest first, with its status.
    public func recipientLists() throws -> [(summary: RecipientListSummary, status: RecipientList.Status, cohort: String, track: String?)] {
        try store.read { tx in
            let summaries = try tx.recipientListSummaries()
            var statuses: [Int64: RecipientList.Status] = [:]
            for cohortID in Set(summaries.map(\.cohortID)) {
                let chains = RecipientListChains(try tx.recipientLists(cohortID: cohortID))
                for list in chains.lists { statuses[list.id] = chains.status(of: list) }
            }
            return try summaries.map { s in
                (s, statuses[s.id] ?? .draft, try tx.cohort(id: s.cohortID)?.code ?? "?", try s.trackID.flatMap { try tx.track(id: $0)?.code })
            }
        }
    }

    /// A list with each line's state.
    public func recipientListState(code: String) throws -> RecipientListState {
        try store.read { tx in try Operations.recipientListState(code: code, in: tx) }
    }

    public static func recipientListState(code: String, in tx: any StoreTransaction) throws -> RecipientListState {
        let list = try resolveList(code, in: tx)
        let lists = try tx.recipientLists(cohortID: list.cohortID)
        let chains = RecipientListChains(lists)
        guard let cohort = try tx.cohort(id: list.cohortID) else { preconditionFailure("list \(list.code) without its cohort") }
        var lines: [RecipientListState.Line] = []
        for line in list.lines {
            guard let person = try tx.beneficiary(id: line.beneficiaryID) else { continue }
            let grants = try tx.grants(beneficiaryID: person.id).filter { $0.reversedByEntryID == nil }
            var state = RecipientListState.LineState.unpaid
            if let grant = grants.first(where: { $0.cohortID == cohort.id }), let entry = try tx.entry(id: grant.entryID) {
                state = .paid(entryID: entry.id, documentRef: entry.documentRef, valueDate: entry.valueDate)
            } else if let enrolment = try tx.enrolments(beneficiaryID: person.id).first(where: { $0.cohortID == cohort.id }),
                      enrolment.status != .completed {
                state = .blocked(.trainingNotCompleted(beneficiary: person.code, cohort: cohort.code, status: enrolment.status))
            } else if let other = grants.first,
                      try tx.unusedGrantException(beneficiaryID: person.id, cohortID: cohort.id) == nil {
                state = .blocked(.alreadyPaidInOtherCohort(beneficiary: person.code, paidCohort: try tx.cohort(id: other.cohortID)?.code ?? "?",
                                                           entryID: other.entryID, cohort: cohort.code))
            }
            lines.append(.init(line: line, name: person.name, registerNumber: person.externalRef, state: state))
        }
        return RecipientListState(list: list, status: chains.status(of: list), cohort: cohort,
                                  track: try list.trackID.flatMap { try tx.track(id: $0) }, lines: lines,
                                  supersedes: list.supersedesID.flatMap { id in lists.first { $0.id == id }?.code },
                                  supersededBy: chains.successor(of: list)?.code)
    }

    /// Pays the lines of an approved list (all of them, or the named people), each in its own
    /// transaction under its own kuitansi number (`prefix` + the line's number), so that a run
    /// stopped halfway is finished by running it again: a line already paid under its number is
    /// a replay, a person already paid under another number is left alone, and nobody is paid
    /// twice. A line refused (cash short, she dropped out) is reported and the others go on.
    public func payRecipientList(code: String, prefix: String? = nil, valueDate: LocalDate? = nil, paidFrom: CashSubBook = .cash,
                                 only: [String]? = nil, context: OperationContext) throws -> [RecipientPaymentResult] {
        let (list, cohortCode, wanted) = try store.read { tx -> (RecipientList, String, Set<Int64>?) in
            let list = try Operations.resolveList(code, in: tx)
            let status = RecipientListChains(try tx.recipientLists(cohortID: list.cohortID)).status(of: list)
            guard status == .approved else { throw ProgrammeRejection.recipientListNotApproved(list: list.code, status: status) }
            let wanted = try only.map { references in
                Set(try references.map { reference -> Int64 in
                    let person = try Resolve.beneficiary(reference, in: tx)
                    guard list.line(beneficiaryID: person.id) != nil else {
                        throw ProgrammeRejection.notOnList(beneficiary: person.code, list: list.code)
                    }
                    return person.id
                })
            }
            return (list, try tx.cohort(id: list.cohortID)?.code ?? "?", wanted)
        }
        let prefix = prefix.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } ?? Operations.batchPrefix(list)
        var results: [RecipientPaymentResult] = []
        for line in list.lines where wanted?.contains(line.beneficiaryID) ?? true {
            let ref = Operations.batchReference(prefix: prefix, line: line)
            let outcome: RecipientPaymentResult.Outcome
            do {
                outcome = try store.write { tx -> RecipientPaymentResult.Outcome in
                    let paid = try tx.grants(beneficiaryID: line.beneficiaryID)
                        .first { $0.cohortID == list.cohortID && $0.reversedByEntryID == nil }
                    if let paid, let entry = try tx.entry(id: paid.entryID) {
                        return entry.documentRef == ref ? .alreadyRecorded(entry) : .paidEarlier(entryID: paid.entryID)
                    }
                    let result = try Operations.disburseGrant(
                        GrantRequest(beneficiary: line.beneficiaryCode, documentRef: ref, amount: line.amount, valueDate: valueDate,
                                     cohort: cohortCode, paidFrom: paidFrom),
                        context: context, in: tx)
                    return result.replayed ? .alreadyRecorded(result.entry) : .paid(result.entry)
                }
            } catch {
                outcome = .refused(error)
            }
            results.append(RecipientPaymentResult(line: line, documentRef: ref, outcome: outcome))
        }
        return results
    }

    /// The SK a grant was paid under: the decree of the approved recipient list whose line it paid.
    static func decree(ofGrantEntry entryID: Int64, in tx: any StoreTransaction) throws -> String? {
        guard let listID = try tx.recipientListID(paidByEntry: entryID), let list = try tx.recipientList(id: listID),
              let approval = list.approval else { return nil }
        return "SK \(approval.decreeNumber) tanggal \(IndonesianCalendar.long(approval.decreeDate))"
    }
}
