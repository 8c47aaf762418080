/// Running totals of one account, as the store keeps them.
public struct AccountTotals: Hashable, Codable, Sendable {
    public var debit: Rupiah
    public var credit: Rupiah
    public var balance: Rupiah { Rupiah(debit.amount - credit.amount) }
    public init(debit: Rupiah, credit: Rupiah) {
        self.debit = debit
        self.credit = credit
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
    func entryCount() throws -> Int
}
