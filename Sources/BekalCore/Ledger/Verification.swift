/// What `bekal verify` found.
public struct VerificationReport: Hashable, Codable, Sendable {
    public var entries: Int = 0
    public var postings: Int = 0
    /// Every problem found, in chain order; the first names the first entry that is wrong.
    public var problems: [String] = []
    public var firstBadEntryID: Int64?
    /// The seals found and checked.
    public var seals: Int = 0
    public var isValid: Bool { problems.isEmpty }
    /// The hash of each entry a seal names, as the books hold it now.
    var sealedEntryHashes: [Int64: String] = [:]
    var lastEntryID: Int64 = 0

    enum CodingKeys: String, CodingKey { case entries, postings, problems, firstBadEntryID, seals }
}

/// Recomputes the hash chain and every invariant from the stored entries alone, compares the
/// running balances with the sums of the postings, then checks the books against their seals
/// and the schema against this version's (see ``Seal``).
public enum Verification {
    public static let problemLimit = 100

    /// `trustedPublicKey`: the office's public key from outside the database (its key file, or
    /// a copy kept on paper); every seal must be signed with it. `expect`: a seal copied from
    /// paper, which must be in the books as written.
    public static func run(on source: some ReportSource & LedgerPort & SealPort, trustedPublicKey: String? = nil,
                           expect: SealReference? = nil) throws -> VerificationReport {
        let seals = try source.seals()
        var report = try chainAndBalances(on: source, sealedEntries: Set(seals.map(\.entryID)))
        report.seals = seals.count
        report.problems += try sealFindings(on: source, chainHashes: report.sealedEntryHashes, lastEntryID: report.lastEntryID,
                                            trustedPublicKey: trustedPublicKey, expect: expect)
        report.problems += try source.registryOverlayChecks().compactMap(\.finding).map { "registry: \($0)" }
        report.problems += try source.schemaFindings().map { "schema: \($0)" }
        return report
    }

    static func chainAndBalances(on source: some ReportSource & LedgerPort, sealedEntries: Set<Int64>) throws -> VerificationReport {
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
        do {
        try source.forEachEntry { entry in
            if sealedEntries.contains(entry.id) { report.sealedEntryHashes[entry.id] = entry.hash }
            report.lastEntryID = entry.id
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
        } catch let failure as any BekalFailure {
            // A row the store cannot read is a finding: the rest of the chain cannot be checked.
            report.problems.append("entry after #\(report.lastEntryID): \(failure.message)")
            if report.firstBadEntryID == nil { report.firstBadEntryID = report.lastEntryID + 1 }
            return report
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

    /// Every seal's signature and key, the chain against each seal's head, and the sealed
    /// tables against the last seal.
    static func sealFindings(on source: some SealPort, chainHashes: [Int64: String], lastEntryID: Int64,
                             trustedPublicKey: String?, expect: SealReference?) throws -> [String] {
        var findings: [String] = []
        let seals = try source.seals()
        let officeKey = trustedPublicKey ?? seals.first?.publicKey
        for (index, seal) in seals.enumerated() {
            let name = "seal #\(seal.number)"
            if seal.number != Int64(index + 1) {
                findings.append("\(name): expected seal #\(index + 1) here; a seal is missing")
            }
            if !seal.signatureIsValid {
                findings.append("\(name): its signature does not match its content (altered after sealing, or not signed by Bekal)")
            }
            if let officeKey, seal.publicKey != officeKey {
                findings.append("\(name): signed by key \(SealKey.fingerprint(publicKeyHex: seal.publicKey)), not the office's key \(SealKey.fingerprint(publicKeyHex: officeKey))")
            }
            if seal.entryID > 0 {
                if seal.entryID > lastEntryID {
                    findings.append("\(name) covers the books through entry #\(seal.entryID), but they end at #\(lastEntryID): entries were cut")
                } else if chainHashes[seal.entryID] != seal.entryHash {
                    findings.append("\(name): entry #\(seal.entryID) is not the entry sealed (the chain was rewritten up to it)")
                }
            }
        }
        if let last = seals.last {
            let limits = Dictionary(uniqueKeysWithValues: last.tables.map { ($0.table, $0.lastKey) })
            let now = Dictionary(uniqueKeysWithValues: try source.tableDigests(through: limits).map { ($0.table, $0) })
            for sealed in last.tables.sorted(by: { $0.table < $1.table }) {
                guard let current = now[sealed.table] else {
                    findings.append("table \(sealed.table): sealed by seal #\(last.number), now missing")
                    continue
                }
                if current.rows != sealed.rows {
                    findings.append("table \(sealed.table): seal #\(last.number) covers \(sealed.rows) rows up to #\(sealed.lastKey); \(current.rows) are there now (rows deleted or added below the seal)")
                } else if current.digest != sealed.digest {
                    findings.append("table \(sealed.table): a row sealed by seal #\(last.number) (up to #\(sealed.lastKey)) was changed")
                }
            }
        }
        if let expect {
            if let seal = seals.first(where: { $0.number == expect.number }) {
                if !expect.matches(seal) {
                    findings.append("seal #\(expect.number) in the books is not the one on paper (the books hold \(seal.shortForm))")
                }
            } else {
                findings.append("seal #\(expect.number), on paper, is not in the books (they hold \(seals.count) seal(s)): seals were removed")
            }
        }
        return findings
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
