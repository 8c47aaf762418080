/// Running totals of one account, as the store keeps them.
public struct AccountTotals: Hashable, Codable, Sendable {
    public var debit: Rupiah
    public var credit: Rupiah
    public var balance: Rupiah { Rupiah(debit.amount - credit.amount) }
    public init(debit: Rupiah, credit: Rupiah) {
        self.debit = debit
        self.credit = credit
    }

    /// These totals after postings of `debit` and `credit` (each zero or more): the one rule for
    /// an account's running totals, which every store keeps with each entry. A total past 64
    /// bits is refused, as no store could hold it; the balance, debit minus credit of two
    /// totals that fit, always fits.
    public func moved(debit: Int64, credit: Int64) throws(LedgerRejection) -> AccountTotals {
        precondition(debit >= 0 && credit >= 0, "a posting moves one side of an account up")
        let (newDebit, o1) = self.debit.amount.addingReportingOverflow(debit)
        let (newCredit, o2) = self.credit.amount.addingReportingOverflow(credit)
        if o1 || o2 { throw .amountOverflow }
        return AccountTotals(debit: Rupiah(newDebit), credit: Rupiah(newCredit))
    }
}

/// What reports read. Rows are handed to a closure one at a time, so a report over a
/// million entries never holds them all in memory.
public protocol ReportSource {
    func books() throws -> [Book]
    func accounts(bookID: Int64) throws -> [Account]
    func totals(accountID: Int64) throws -> AccountTotals
    /// Every entry with its postings, in recording (chain) order.
    func forEachEntry(_ body: (JournalEntry) throws -> Void) throws
    /// Every entry with its postings (of one book, or of all), by value date, then entry id:
    /// the order a plain-text journal is read in.
    func forEachEntryByValueDate(bookID: Int64?, _ body: (JournalEntry) throws -> Void) throws
    func entryCount() throws -> Int

    // Reports beyond the trial balance (see `Reports/ReportRows.swift`).
    func cohorts() throws -> [Cohort]
    /// Count and sums of the postings a query selects, without handing them over.
    func postingTotals(_ query: PostingQuery) throws -> PostingTotals
    /// The postings a query selects, by value date, then entry, then line.
    func forEachPosting(_ query: PostingQuery, _ body: (PostingRow) throws -> Void) throws
    /// Grant payments (of one cohort, or all), by value date, then entry.
    func forEachGrant(cohortID: Int64?, _ body: (GrantRow) throws -> Void) throws
    /// Equipment moved to or from kelompok (one, or all), by kelompok, then value date, then entry.
    func forEachKelompokEquipment(kelompokID: Int64?, _ body: (KelompokEquipmentRow) throws -> Void) throws
    /// The net of every account of a book per cohort dimension (nil: postings without a cohort);
    /// only those of these cohorts when `cohortIDs` is given.
    func cohortAccountTotals(bookID: Int64, cohortIDs: [Int64]?) throws -> [CohortAccountTotal]
}

extension ReportSource {
    /// Every cohort's, and the postings' without one.
    public func cohortAccountTotals(bookID: Int64) throws -> [CohortAccountTotal] { try cohortAccountTotals(bookID: bookID, cohortIDs: nil) }
}
