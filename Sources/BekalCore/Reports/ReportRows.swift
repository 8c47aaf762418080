/// The rows a store hands to the reports through ``ReportSource``: plain facts joined from
/// its tables, before any report logic (running balances, numbering, status) is applied.

/// Which postings of one account a report reads. A `nil` field does not filter.
public struct PostingQuery: Hashable, Sendable {
    public var accountID: Int64
    /// First value date included.
    public var from: LocalDate?
    /// Last value date included.
    public var to: LocalDate?
    /// Only postings whose dimensions equal every non-nil field here.
    public var dimensions: Dimensions

    public init(accountID: Int64, from: LocalDate? = nil, to: LocalDate? = nil, dimensions: Dimensions = .none) {
        self.accountID = accountID
        self.from = from
        self.to = to
        self.dimensions = dimensions
    }
}

/// Sums over the postings a ``PostingQuery`` selects.
public struct PostingTotals: Hashable, Codable, Sendable {
    public var count: Int
    public var debit: Rupiah
    public var credit: Rupiah
    public var net: Rupiah { Rupiah(debit.amount - credit.amount) }

    public init(count: Int, debit: Rupiah, credit: Rupiah) {
        self.count = count
        self.debit = debit
        self.credit = credit
    }
}

/// One posting of an account, with what its entry says about it.
public struct PostingRow: Hashable, Sendable {
    public let entryID: Int64
    public let line: Int
    public let valueDate: LocalDate
    public let kind: EntryKind
    public let documentRef: String?
    public let memo: String
    /// Signed: debit positive, credit negative.
    public let amount: Rupiah
    public let dimensions: Dimensions
    public let reversesEntryID: Int64?
    public let reversedByEntryID: Int64?

    public init(entryID: Int64, line: Int, valueDate: LocalDate, kind: EntryKind, documentRef: String?, memo: String,
                amount: Rupiah, dimensions: Dimensions, reversesEntryID: Int64?, reversedByEntryID: Int64?) {
        self.entryID = entryID
        self.line = line
        self.valueDate = valueDate
        self.kind = kind
        self.documentRef = documentRef
        self.memo = memo
        self.amount = amount
        self.dimensions = dimensions
        self.reversesEntryID = reversesEntryID
        self.reversedByEntryID = reversedByEntryID
    }
}

/// A grant payment with its entry, cohort and track.
public struct GrantRow: Hashable, Sendable {
    public let grant: GrantPayment
    public let valueDate: LocalDate
    public let documentRef: String?
    public let cohortCode: String
    /// The track of her enrolment in the grant's cohort.
    public let trackCode: String?

    public init(grant: GrantPayment, valueDate: LocalDate, documentRef: String?, cohortCode: String, trackCode: String?) {
        self.grant = grant
        self.valueDate = valueDate
        self.documentRef = documentRef
        self.cohortCode = cohortCode
        self.trackCode = trackCode
    }
}

/// Equipment that moved to or from a kelompok (an issue, or the reversal of one).
public struct KelompokEquipmentRow: Hashable, Sendable {
    public let kelompokID: Int64
    public let entryID: Int64
    public let valueDate: LocalDate
    public let documentRef: String?
    public let itemCode: String
    public let itemName: String
    public let unit: String
    /// As the store room sees it: an issue is negative, its reversal positive.
    public let stockQuantity: Int64
    public let stockValue: Rupiah
    public let reversesEntryID: Int64?
    public let reversedByEntryID: Int64?

    public init(kelompokID: Int64, entryID: Int64, valueDate: LocalDate, documentRef: String?, itemCode: String,
                itemName: String, unit: String, stockQuantity: Int64, stockValue: Rupiah,
                reversesEntryID: Int64?, reversedByEntryID: Int64?) {
        self.kelompokID = kelompokID
        self.entryID = entryID
        self.valueDate = valueDate
        self.documentRef = documentRef
        self.itemCode = itemCode
        self.itemName = itemName
        self.unit = unit
        self.stockQuantity = stockQuantity
        self.stockValue = stockValue
        self.reversesEntryID = reversesEntryID
        self.reversedByEntryID = reversedByEntryID
    }
}

/// The net of one account's postings that carry one cohort (or none).
public struct CohortAccountTotal: Hashable, Sendable {
    public let cohortID: Int64?
    public let accountID: Int64
    /// Debit minus credit.
    public let net: Rupiah

    public init(cohortID: Int64?, accountID: Int64, net: Rupiah) {
        self.cohortID = cohortID
        self.accountID = accountID
        self.net = net
    }
}
