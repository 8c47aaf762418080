/// What `bekal verify` found.
public struct VerificationReport: Hashable, Codable, Sendable {
    public var entries: Int = 0
    public var postings: Int = 0
    /// Every problem found, in chain order; the first names the first entry that is wrong.
    public var problems: [String] = []
    public var firstBadEntryID: Int64?
    public var isValid: Bool { problems.isEmpty }
}

/// Recomputes the hash chain and every invariant from the stored entries alone, then
/// compares the running balances with the sums of the postings.
public enum Verification {
    public static let problemLimit = 100

    public static func run(on source: some ReportSource & LedgerPort) throws -> VerificationReport {
        var report = VerificationReport()
        var sums: [Int64: (debit: Int64, credit: Int64)] = [:]
        var accounts: [Int64: Account] = [:]
        for book in try source.books() {
            for account in try source.accounts(bookID: book.id) { accounts[account.id] = account }
        }
        var previousHash = ""
        var expectedID: Int64 = 1
        var reversed: Set<Int64> = []
        // Every posting on a no-negative account, for the running balance by value date.
        var dated: [Int64: [DatedAmount]] = [:]
        func problem(_ id: Int64, _ text: String) {
            if report.firstBadEntryID == nil { report.firstBadEntryID = id }
            if report.problems.count < problemLimit { report.problems.append("entry #\(id): \(text)") }
        }
        try source.forEachEntry { entry in
            report.entries += 1
            report.postings += entry.postings.count
            if entry.id != expectedID { problem(entry.id, "expected entry #\(expectedID) here; an entry is missing") }
            expectedID = entry.id &+ 1
            if entry.previousHash != previousHash { problem(entry.id, "previous hash does not match entry #\(entry.id &- 1)") }
            if EntryHash.compute(entry) != entry.hash { problem(entry.id, "content does not match its hash (altered after recording)") }
            previousHash = entry.hash
            if entry.postings.count < 2 { problem(entry.id, "has \(entry.postings.count) posting(s)") }
            var sum: Int64 = 0
            var touched: [Int64] = []
            var overflowed = false
            for posting in entry.postings {
                // Overflow-checked throughout: a file edited to extreme amounts is reported, never a crash.
                let amount = posting.amount.amount
                let (s, o1) = sum.addingReportingOverflow(amount)
                sum = s
                if accounts[posting.accountID]?.bookID != entry.bookID { problem(entry.id, "a posting is outside the entry's book") }
                var total = sums[posting.accountID] ?? (0, 0)
                let (debit, o2) = total.debit.addingReportingOverflow(amount > 0 ? amount : 0)
                let (credit, o3) = total.credit.subtractingReportingOverflow(amount < 0 ? amount : 0)
                if o1 || o2 || o3 {
                    if !overflowed { problem(entry.id, "postings overflow 64 bits") }
                    overflowed = true
                }
                if !o2 && !o3 { total = (debit, credit) }
                sums[posting.accountID] = total
                if !touched.contains(posting.accountID) { touched.append(posting.accountID) }
                if accounts[posting.accountID]?.noNegative == true {
                    // One line per entry and account, as the ledger checks an entry as a whole.
                    if let last = dated[posting.accountID]?.last, last.entryID == entry.id {
                        dated[posting.accountID]![dated[posting.accountID]!.count - 1].amount = last.amount &+ amount
                    } else {
                        dated[posting.accountID, default: []].append(DatedAmount(date: entry.valueDate, entryID: entry.id, amount: amount))
                    }
                }
            }
            // The ledger's rule: a no-negative account may not end an entry below zero.
            for id in touched {
                if let account = accounts[id], account.noNegative, let total = sums[id], total.debit - total.credit < 0 {
                    problem(entry.id, "account \(account.code) goes below zero")
                }
            }
            if sum != 0 { problem(entry.id, "does not balance (off by \(Rupiah(sum)))") }
            if let original = entry.reversesEntryID {
                if !reversed.insert(original).inserted { problem(entry.id, "reverses #\(original), which was already reversed") }
            }
        }
        for (id, account) in accounts.sorted(by: { $0.key < $1.key }) {
            if let text = negativeByDate(dated[id] ?? [], account: account) { report.problems.append(text) }
        }
        for (id, account) in accounts.sorted(by: { $0.key < $1.key }) {
            let stored = try source.totals(accountID: id)
            let summed = sums[id] ?? (0, 0)
            if stored.debit.amount != summed.debit || stored.credit.amount != summed.credit {
                report.problems.append("account \(account.code) (book #\(account.bookID)): running balance \(stored.debit)/\(stored.credit) differs from the postings' \(Rupiah(summed.debit))/\(Rupiah(summed.credit))")
            }
        }
        return report
    }

    struct DatedAmount {
        let date: LocalDate
        let entryID: Int64
        var amount: Int64
    }

    /// The first line at which the account's running balance, in the cash book's order (value
    /// date, then entry number), is below zero; nil when it never is.
    static func negativeByDate(_ postings: [DatedAmount], account: Account) -> String? {
        var balance: Int64 = 0
        for posting in postings.sorted(by: { ($0.date, $0.entryID) < ($1.date, $1.entryID) }) {
            let (sum, overflow) = balance.addingReportingOverflow(posting.amount)
            if overflow { return nil }  // reported with its entry already
            balance = sum
            if balance < 0 {
                return "account \(account.code) (book #\(account.bookID)) is below zero by value date: \(Rupiah(balance)) on \(posting.date) after entry #\(posting.entryID)"
            }
        }
        return nil
    }
}
