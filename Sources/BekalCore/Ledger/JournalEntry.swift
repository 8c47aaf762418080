/// The slices a posting can be reported by. Every field is optional: a budget receipt has
/// only a budget year, a grant has a beneficiary and a cohort.
public struct Dimensions: Hashable, Codable, Sendable {
    public var beneficiaryID: Int64?
    public var kelompokID: Int64?
    public var usahaID: Int64?
    public var cohortID: Int64?
    public var budgetYear: Int?
    /// The line of the year's budget (``BudgetLine``) the receipt or cost is booked against.
    public var budgetLineID: Int64?

    public init(beneficiaryID: Int64? = nil, kelompokID: Int64? = nil, usahaID: Int64? = nil,
                cohortID: Int64? = nil, budgetYear: Int? = nil, budgetLineID: Int64? = nil) {
        self.beneficiaryID = beneficiaryID
        self.kelompokID = kelompokID
        self.usahaID = usahaID
        self.cohortID = cohortID
        self.budgetYear = budgetYear
        self.budgetLineID = budgetLineID
    }

    public static let none = Dimensions()
}

/// One line of an entry: a signed amount on one account (debit positive, credit negative).
public struct Posting: Hashable, Codable, Sendable {
    public let accountID: Int64
    public let amount: Rupiah
    public let dimensions: Dimensions

    public init(accountID: Int64, amount: Rupiah, dimensions: Dimensions = .none) {
        self.accountID = accountID
        self.amount = amount
        self.dimensions = dimensions
    }
}

/// What kind of business event an entry records. Reports and the cash book key on it.
public enum EntryKind: String, Codable, CaseIterable, Sendable {
    case budgetReceipt = "budget_receipt"
    case grant = "grant"
    case grantCapital = "grant_capital"
    case equipmentPurchase = "equipment_purchase"
    case equipmentIssue = "equipment_issue"
    case aftercareExpense = "aftercare_expense"
    /// Money moved between the bank account and cash (*pemindahbukuan*).
    case cashTransfer = "cash_transfer"
    case usahaReport = "usaha_report"
    /// Equipment moved on after issue: to another kelompok, back to the store room, written off.
    case equipmentMove = "equipment_move"
    case equipmentRepair = "equipment_repair"
    case reversal = "reversal"
}

/// An entry as an operation proposes it, before the ledger has checked and numbered it.
public struct EntryDraft: Hashable, Sendable {
    public var bookID: Int64
    public var kind: EntryKind
    public var valueDate: LocalDate
    public var memo: String
    /// The paper document's number: kuitansi, SP2D, nota.
    public var documentRef: String?
    /// Posting the same key again with the same content returns the first entry.
    public var idempotencyKey: String
    public var reversesEntryID: Int64?
    /// A companion entry in another book recorded by the same operation (the grant's capital
    /// in the usaha's book points at the grant in the office's book).
    public var linkedEntryID: Int64?
    public var postings: [Posting]

    public init(bookID: Int64, kind: EntryKind, valueDate: LocalDate, memo: String, documentRef: String?,
                idempotencyKey: String, reversesEntryID: Int64? = nil, linkedEntryID: Int64? = nil, postings: [Posting]) {
        self.bookID = bookID
        self.kind = kind
        self.valueDate = valueDate
        self.memo = memo
        self.documentRef = documentRef
        self.idempotencyKey = idempotencyKey
        self.reversesEntryID = reversesEntryID
        self.linkedEntryID = linkedEntryID
        self.postings = postings
    }
}

/// A journal entry as stored: numbered, stamped, chained. Never changed once written.
public struct JournalEntry: Hashable, Codable, Sendable {
    public let id: Int64
    public let bookID: Int64
    public let kind: EntryKind
    public let valueDate: LocalDate
    /// When it was recorded, UTC, ISO 8601 to the second.
    public let recordedAt: String
    public let actor: String
    public let memo: String
    public let documentRef: String?
    public let idempotencyKey: String
    public let reversesEntryID: Int64?
    public let linkedEntryID: Int64?
    public let postings: [Posting]
    /// The hash of the entry before this one ("" for the first).
    public let previousHash: String
    /// SHA-256 over this entry's canonical content and `previousHash`.
    public let hash: String

    public init(id: Int64, bookID: Int64, kind: EntryKind, valueDate: LocalDate, recordedAt: String, actor: String,
                memo: String, documentRef: String?, idempotencyKey: String, reversesEntryID: Int64?,
                linkedEntryID: Int64?, postings: [Posting], previousHash: String, hash: String) {
        self.id = id
        self.bookID = bookID
        self.kind = kind
        self.valueDate = valueDate
        self.recordedAt = recordedAt
        self.actor = actor
        self.memo = memo
        self.documentRef = documentRef
        self.idempotencyKey = idempotencyKey
        self.reversesEntryID = reversesEntryID
        self.linkedEntryID = linkedEntryID
        self.postings = postings
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The draft this entry was made from, for idempotency comparisons.
    public var draft: EntryDraft {
        EntryDraft(bookID: bookID, kind: kind, valueDate: valueDate, memo: memo, documentRef: documentRef,
                   idempotencyKey: idempotencyKey, reversesEntryID: reversesEntryID, linkedEntryID: linkedEntryID,
                   postings: postings)
    }
}
