/// A list of the graduates of a cohort (and track) who are to receive a working-capital grant,
/// with the amount: the *daftar penerima bantuan* the head of the office approves with a decree
/// (*SK penerima bantuan*) before the bendahara may pay anyone on it.
///
/// Maker-checker, as in Fineract and OpenSPP's approved payment cycles: the admin who drafts a
/// list cannot approve it; an approved list is frozen (no row of it is ever changed, in the
/// code or in the database, whose triggers refuse it); a correction is a new list that names
/// the one it supersedes and why, and takes effect when it is approved in its turn. The lists
/// of one cohort and track form one chain: each new list supersedes the last one.
public struct RecipientList: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        /// Her place on the list, from 1: the kuitansi number of a batch payment is made from it.
        public let number: Int
        public let beneficiaryID: Int64
        public let amount: Rupiah

        public init(number: Int, beneficiaryID: Int64, amount: Rupiah) {
            self.number = number
            self.beneficiaryID = beneficiaryID
            self.amount = amount
        }

        public var beneficiaryCode: String { Beneficiary.code(for: beneficiaryID) }
    }

    /// Equipment the SK approves for a kelompok of the cohort: where the office issues equipment
    /// by its SK (``ProgrammeSettings/equipmentNeedsApprovedList``), no more of the item is
    /// handed to the kelompok than this.
    public struct EquipmentLine: Hashable, Sendable {
        public let number: Int
        public let kelompokID: Int64
        public let itemID: Int64
        public let quantity: Int64

        public init(number: Int, kelompokID: Int64, itemID: Int64, quantity: Int64) {
            self.number = number
            self.kelompokID = kelompokID
            self.itemID = itemID
            self.quantity = quantity
        }

        public var kelompokCode: String { Kelompok.code(for: kelompokID) }
    }

    /// The decision that approved it.
    public struct Approval: Hashable, Sendable {
        public let approvedBy: String
        public let approvedAt: String
        /// The SK number, as written on the decree: `460/123/IV.05/2013`.
        public let decreeNumber: String
        public let decreeDate: LocalDate

        public init(approvedBy: String, approvedAt: String, decreeNumber: String, decreeDate: LocalDate) {
            self.approvedBy = approvedBy
            self.approvedAt = approvedAt
            self.decreeNumber = decreeNumber
            self.decreeDate = decreeDate
        }
    }

    public enum Status: String, Sendable {
        /// Waiting for the head of the office.
        case draft
        /// Approved and in effect: the bendahara pays against it.
        case approved
        /// Replaced by a later list of its chain (an abandoned draft, or an approved list whose
        /// correction was approved).
        case superseded
    }

    public let id: Int64
    /// `DP-2013-1`: the cohort's code and the list's number within the cohort.
    public let code: String
    public let cohortID: Int64
    /// Nil: every track of the cohort.
    public let trackID: Int64?
    public let amount: Rupiah
    /// Why the amount is not the cohort's standard (needed exactly then).
    public let amountReason: String?
    public let draftedBy: String
    public let draftedAt: String
    /// The list of the chain this one replaces, and why.
    public let supersedesID: Int64?
    public let supersedeReason: String?
    public let lines: [Line]
    /// The equipment it approves per kelompok; empty for a list of grants only.
    public var equipment: [EquipmentLine] = []
    public var approval: Approval?

    public init(id: Int64, code: String, cohortID: Int64, trackID: Int64?, amount: Rupiah, amountReason: String?, draftedBy: String,
                draftedAt: String, supersedesID: Int64?, supersedeReason: String?, lines: [Line], approval: Approval?) {
        self.id = id
        self.code = code
        self.cohortID = cohortID
        self.trackID = trackID
        self.amount = amount
        self.amountReason = amountReason
        self.draftedBy = draftedBy
        self.draftedAt = draftedAt
        self.supersedesID = supersedesID
        self.supersedeReason = supersedeReason
        self.lines = lines
        self.approval = approval
    }

    public var total: Rupiah { Rupiah(lines.reduce(Int64(0)) { $0 &+ $1.amount.amount }) }

    public func line(beneficiaryID: Int64) -> Line? { lines.first { $0.beneficiaryID == beneficiaryID } }

    /// Whether the list covers a person of this track.
    public func covers(trackID: Int64) -> Bool { self.trackID == nil || self.trackID == trackID }
}

/// The lists of one cohort, and which of them is in effect. Pure: built from the lists a store
/// returns.
public struct RecipientListChains: Sendable {
    public let lists: [RecipientList]

    public init(_ lists: [RecipientList]) { self.lists = lists.sorted { $0.id < $1.id } }

    /// The list that supersedes `list`, if any (a list is superseded at most once).
    public func successor(of list: RecipientList) -> RecipientList? { lists.first { $0.supersedesID == list.id } }

    /// The last list of the chain `list` is on.
    public func tip(of list: RecipientList) -> RecipientList {
        var current = list
        while let next = successor(of: current) { current = next }
        return current
    }

    /// A list's status: a draft until approved; an approved list stays in effect until a later
    /// list of its chain is approved; a draft that a later list replaced is superseded.
    public func status(of list: RecipientList) -> RecipientList.Status {
        var later = successor(of: list)
        if list.approval == nil { return later == nil ? .draft : .superseded }
        while let next = later {
            if next.approval != nil { return .superseded }
            later = successor(of: next)
        }
        return .approved
    }

    /// The lists in effect: approved, not superseded.
    public var inEffect: [RecipientList] { lists.filter { status(of: $0) == .approved } }

    /// The chain tips: the lists a new list of the same cohort and track must supersede.
    public var tips: [RecipientList] { lists.filter { successor(of: $0) == nil } }

    /// The line of hers in a list in effect that covers her track, with its list.
    public func approvedLine(beneficiaryID: Int64, trackID: Int64) -> (RecipientList, RecipientList.Line)? {
        for list in inEffect where list.covers(trackID: trackID) {
            if let line = list.line(beneficiaryID: beneficiaryID) { return (list, line) }
        }
        return nil
    }

    /// The equipment approved for a kelompok by the lists in effect, per item, with the list that approved it.
    public func approvedEquipment(kelompokID: Int64) -> [Int64: (quantity: Int64, list: RecipientList)] {
        var planned: [Int64: (quantity: Int64, list: RecipientList)] = [:]
        for list in inEffect {
            for line in list.equipment where line.kelompokID == kelompokID {
                planned[line.itemID] = ((planned[line.itemID]?.quantity ?? 0) + line.quantity, list)
            }
        }
        return planned
    }

    /// A draft waiting for approval that names her.
    public func pendingDraft(beneficiaryID: Int64) -> RecipientList? {
        lists.first { status(of: $0) == .draft && $0.line(beneficiaryID: beneficiaryID) != nil }
    }
}

/// A list as it is drafted, before it has an id.
public struct RecipientListDraft: Sendable {
    public var code: String
    public var cohortID: Int64
    public var trackID: Int64?
    public var amount: Rupiah
    public var amountReason: String?
    public var supersedesID: Int64?
    public var supersedeReason: String?
    public var beneficiaryIDs: [Int64]
    /// (kelompok, item, quantity), in the order given.
    public var equipment: [(kelompokID: Int64, itemID: Int64, quantity: Int64)] = []
    public var draftedBy: String
    public var draftedAt: String

    public init(code: String, cohortID: Int64, trackID: Int64?, amount: Rupiah, amountReason: String?, supersedesID: Int64?,
                supersedeReason: String?, beneficiaryIDs: [Int64], draftedBy: String, draftedAt: String) {
        self.code = code
        self.cohortID = cohortID
        self.trackID = trackID
        self.amount = amount
        self.amountReason = amountReason
        self.supersedesID = supersedesID
        self.supersedeReason = supersedeReason
        self.beneficiaryIDs = beneficiaryIDs
        self.draftedBy = draftedBy
        self.draftedAt = draftedAt
    }
}

/// What the store keeps of recipient lists: append-only rows.
public protocol RecipientListPort {
    /// Every list of the cohort, oldest first, with its approval and its lines: all of them, or
    /// (`linesOf`) only that person's, which is what a payment needs and keeps a batch over a long
    /// list from reading every line for every grant.
    func recipientLists(cohortID: Int64, linesOf beneficiaryID: Int64?) throws -> [RecipientList]
    func recipientList(code: String) throws -> RecipientList?
    /// Every list, oldest first, without their lines (the register of lists).
    func recipientListSummaries() throws -> [RecipientListSummary]
    func insertRecipientList(_ draft: RecipientListDraft) throws -> RecipientList
    func insertRecipientListApproval(listID: Int64, _ approval: RecipientList.Approval) throws
    /// Records that a grant entry paid her line of the list.
    func insertRecipientPayment(listID: Int64, beneficiaryID: Int64, entryID: Int64) throws
    /// The list a grant entry paid a line of, if it was paid against one.
    func recipientListID(paidByEntry entryID: Int64) throws -> Int64?
    func recipientList(id: Int64) throws -> RecipientList?
    /// How many of the item the kelompok holds from the office: its issues less their reversals.
    func issuedQuantity(kelompokID: Int64, itemID: Int64) throws -> Int64
}

extension RecipientListPort {
    /// Every list of the cohort, oldest first, with all its lines and its approval.
    public func recipientLists(cohortID: Int64) throws -> [RecipientList] { try recipientLists(cohortID: cohortID, linesOf: nil) }
}

/// One list in the register of lists.
public struct RecipientListSummary: Hashable, Sendable {
    public let id: Int64
    public let code: String
    public let cohortID: Int64
    public let trackID: Int64?
    public let amount: Rupiah
    public let lineCount: Int
    public let supersedesID: Int64?
    public let approval: RecipientList.Approval?
    public let draftedBy: String

    public init(id: Int64, code: String, cohortID: Int64, trackID: Int64?, amount: Rupiah, lineCount: Int, supersedesID: Int64?,
                approval: RecipientList.Approval?, draftedBy: String) {
        self.id = id
        self.code = code
        self.cohortID = cohortID
        self.trackID = trackID
        self.amount = amount
        self.lineCount = lineCount
        self.supersedesID = supersedesID
        self.approval = approval
        self.draftedBy = draftedBy
    }
}

/// The rows both stores read recipient lists from, put together the same way.
public enum RecipientListRows {
    public struct List: Sendable {
        public let id: Int64, code: String, cohortID: Int64, trackID: Int64?, amount: Int64, amountReason: String?
        public let supersedesID: Int64?, supersedeReason: String?, draftedBy: String, draftedAt: String
        public init(id: Int64, code: String, cohortID: Int64, trackID: Int64?, amount: Int64, amountReason: String?, supersedesID: Int64?,
                    supersedeReason: String?, draftedBy: String, draftedAt: String) {
            self.id = id; self.code = code; self.cohortID = cohortID; self.trackID = trackID; self.amount = amount
            self.amountReason = amountReason; self.supersedesID = supersedesID; self.supersedeReason = supersedeReason
            self.draftedBy = draftedBy; self.draftedAt = draftedAt
        }
    }

    public struct Approval: Sendable {
        public let listID: Int64, approvedBy: String, approvedAt: String, decreeNumber: String, decreeDate: String
        public init(listID: Int64, approvedBy: String, approvedAt: String, decreeNumber: String, decreeDate: String) {
            self.listID = listID; self.approvedBy = approvedBy; self.approvedAt = approvedAt
            self.decreeNumber = decreeNumber; self.decreeDate = decreeDate
        }

        public func approval() throws -> RecipientList.Approval {
            RecipientList.Approval(approvedBy: approvedBy, approvedAt: approvedAt, decreeNumber: decreeNumber,
                                   decreeDate: try LocalDate.parse(decreeDate))
        }
    }

    /// Lists with their lines (listID, number, beneficiaryID, amount; in list and number order),
    /// equipment lines and approvals.
    public static func lists(_ lists: [List], lines: [(listID: Int64, number: Int, beneficiaryID: Int64, amount: Int64)],
                             equipment: [(listID: Int64, number: Int, kelompokID: Int64, itemID: Int64, quantity: Int64)] = [],
                             approvals: [Approval]) throws -> [RecipientList] {
        let byList = Dictionary(grouping: lines, by: \.listID)
        let equipmentOf = Dictionary(grouping: equipment, by: \.listID)
        let approvalOf = Dictionary(approvals.map { ($0.listID, $0) }, uniquingKeysWith: { first, _ in first })
        return try lists.map { l in
            var list = RecipientList(id: l.id, code: l.code, cohortID: l.cohortID, trackID: l.trackID, amount: Rupiah(l.amount), amountReason: l.amountReason,
                          draftedBy: l.draftedBy, draftedAt: l.draftedAt, supersedesID: l.supersedesID, supersedeReason: l.supersedeReason,
                          lines: (byList[l.id] ?? []).sorted { $0.number < $1.number }.map {
                              RecipientList.Line(number: $0.number, beneficiaryID: $0.beneficiaryID, amount: Rupiah($0.amount))
                          },
                          approval: try approvalOf[l.id]?.approval())
            list.equipment = (equipmentOf[l.id] ?? []).sorted { $0.number < $1.number }.map {
                RecipientList.EquipmentLine(number: $0.number, kelompokID: $0.kelompokID, itemID: $0.itemID, quantity: $0.quantity)
            }
            return list
        }
    }
}
