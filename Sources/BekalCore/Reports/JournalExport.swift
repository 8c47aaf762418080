/// The books as a plain-text journal that both ledger-cli and hledger read, so anyone can
/// cross-check Bekal's figures with tools Bekal does not control.
///
/// ```
/// commodity IDR
/// tag beneficiary
/// …
/// account KANTOR:1101 Kas di Bendahara Pengeluaran
/// …
///
/// 2007-08-01 (#12) Bantuan modal kerja B-00012 angkatan 2007
///     ; ref: KW-001
///     ; kind: grant
///     KANTOR:5101 Belanja Bantuan Modal Kerja    1500000 IDR
///     ; beneficiary: B-00012
///     ; cohort: 2007
///     ; budget-year: 2007
///     KANTOR:1101 Kas di Bendahara Pengeluaran    -1500000 IDR
///     ; beneficiary: B-00012
///     …
/// ```
///
/// The book code is the top-level account segment, so each book balances on its own in
/// either tool. Amounts are whole rupiah with the commodity `IDR` after the number and no
/// digit grouping, which both tools parse the same way.
///
/// Made to pass both tools' strict checks: the commodity, every account and every tag are
/// declared before the first entry (`hledger check --strict` wants the commodity and the
/// accounts; `ledger --pedantic` wants those and the tags), and entries come by value date,
/// then entry number (`hledger check ordereddates`), not in the order they were recorded.
/// They are handed to `emit` one at a time, so a million entries never sit in memory.
///
/// Tags are one `; name: value` comment line each, the one form both tools read as a tag
/// with a value (ledger-cli takes everything after `name: ` as the value, so two tags on one
/// line would be one tag to it). The entry's lines (``entryTags``) come under its header;
/// each posting is followed by its dimensions (``postingTags``), so
/// `hledger reg tag:beneficiary=B-00012` or `ledger reg %beneficiary=B-00012` lists every
/// posting about her, a reversal included (it carries the original's dimensions).
///
/// Nothing here names a person: memos and tags carry codes (`B-00012`), never names or
/// NIKs, and the actor is left out.
public enum JournalExport {
    public static let commodity = "IDR"
    /// The tags of an entry, under its header line.
    public static let entryTags = ["ref", "kind", "reverses", "reversed-by", "linked"]
    /// The tags of a posting, one per dimension it has, in this order.
    public static let postingTags = ["beneficiary", "kelompok", "usaha", "cohort", "budget-year", "budget-line"]

    /// What an entry's text needs besides the entry: the names of accounts, the codes of cohorts.
    public struct Names: Sendable {
        public var accounts: [Int64: String]
        public var cohorts: [Int64: String]
        /// A budget line as `SOURCE CODE` (`apbd-kota 5.1.06.01`), by id.
        public var budgetLines: [Int64: String]

        public init(accounts: [Int64: String], cohorts: [Int64: String] = [:], budgetLines: [Int64: String] = [:]) {
            self.accounts = accounts
            self.cohorts = cohorts
            self.budgetLines = budgetLines
        }
    }

    /// Writes the journal of every book (or of `bookCode` only) through `emit`, a chunk of
    /// text at a time: the declarations, then one chunk per entry, by value date.
    public static func write(from source: some ReportSource & LedgerPort & BudgetPort, bookCode: String? = nil,
                             to emit: (String) throws -> Void) throws {
        let books = try source.books().filter { bookCode == nil || $0.code == bookCode }
        if let bookCode, books.isEmpty {
            throw ProgrammeRejection.notFound(.book, reference: bookCode)
        }
        var names = Names(accounts: [:], cohorts: Dictionary(try source.cohorts().map { ($0.id, $0.code) },
                                                             uniquingKeysWith: { first, _ in first }),
                          budgetLines: Dictionary(try source.budgetLines(year: nil).map { ($0.id, "\($0.source.rawValue) \($0.code)") },
                                                  uniquingKeysWith: { first, _ in first }))
        var header = """
            ; Bekal journal export: amounts in whole rupiah (\(commodity)); entries by value date, then entry number (#id).
            ; Tags: \(entryTags.joined(separator: ", ")) on entries; \(postingTags.joined(separator: ", ")) on postings.

            commodity \(commodity)


            """
        for tag in entryTags + postingTags { header += "tag \(tag)\n" }
        header += "\n"
        for book in books {
            for account in try source.accounts(bookID: book.id) {
                let name = accountName(bookCode: book.code, account: account)
                names.accounts[account.id] = name
                header += "account \(name)\n"
            }
        }
        try emit(header + "\n")
        try source.forEachEntryByValueDate(bookID: bookCode == nil ? nil : books.first?.id) { entry in
            let reversedBy = try source.reversalID(of: entry.id)
            try emit(text(of: entry, names: names, reversedByEntryID: reversedBy))
        }
    }

    /// One entry as journal text, ending with a blank line.
    public static func text(of entry: JournalEntry, names: Names, reversedByEntryID: Int64?) -> String {
        var out = "\(entry.valueDate) (#\(entry.id)) \(clean(entry.memo))\n"
        var tags: [(String, String)] = []
        if let ref = entry.documentRef { tags.append(("ref", ref)) }
        tags.append(("kind", entry.kind.rawValue))
        if let original = entry.reversesEntryID { tags.append(("reverses", "#\(original)")) }
        if let reversal = reversedByEntryID { tags.append(("reversed-by", "#\(reversal)")) }
        if let linked = entry.linkedEntryID { tags.append(("linked", "#\(linked)")) }
        out += tagLines(tags)
        for posting in entry.postings {
            // A posting whose account is missing from the map would be a store bug; name it
            // by id rather than dropping the line and unbalancing the entry.
            let name = names.accounts[posting.accountID] ?? "UNKNOWN:account-\(posting.accountID)"
            // Four spaces: both tools end an account name at the first run of two or more.
            out += "    \(name)    \(posting.amount.amount) \(commodity)\n"
            out += tagLines(dimensionTags(posting.dimensions, cohorts: names.cohorts, budgetLines: names.budgetLines))
        }
        return out + "\n"
    }

    /// A posting's dimensions as tags, in the order of ``postingTags``.
    static func dimensionTags(_ d: Dimensions, cohorts: [Int64: String], budgetLines: [Int64: String] = [:]) -> [(String, String)] {
        var tags: [(String, String)] = []
        if let id = d.beneficiaryID { tags.append(("beneficiary", Beneficiary.code(for: id))) }
        if let id = d.kelompokID { tags.append(("kelompok", Kelompok.code(for: id))) }
        if let id = d.usahaID { tags.append(("usaha", Usaha.code(for: id))) }
        if let id = d.cohortID { tags.append(("cohort", cohorts[id] ?? "UNKNOWN-cohort-\(id)")) }
        if let year = d.budgetYear { tags.append(("budget-year", String(year))) }
        if let id = d.budgetLineID { tags.append(("budget-line", budgetLines[id] ?? "UNKNOWN-budget-line-\(id)")) }
        return tags
    }

    /// `    ; name: value`, one line per tag. hledger ends a tag's value at a comma, ledger-cli
    /// does not: a comma (or a `;`, which ``clean(_:)`` would make one) in a value becomes a
    /// space, so both read the same value.
    static func tagLines(_ tags: [(String, String)]) -> String {
        tags.map { name, value in
            "    ; \(name): \(clean(value.replacingCharacters(",", with: " ").replacingCharacters(";", with: " ")))\n"
        }.joined()
    }

    /// `KANTOR:1101 Kas di Bendahara Pengeluaran`: book, then the account's code and name.
    public static func accountName(bookCode: String, account: Account) -> String {
        segment(bookCode) + ":" + segment(account.code + " " + account.name)
    }

    /// A colon inside a segment would open a sub-account.
    static func segment(_ text: String) -> String {
        clean(text.replacingCharacters(":", with: "-"))
    }

    /// One line, single-spaced, without `;`: a run of spaces or a tab ends an account name,
    /// and hledger ends a description at the first `;` while ledger-cli does not.
    static func clean(_ text: String) -> String {
        text.replacingCharacters(";", with: ",")
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")
    }
}

extension String {
    fileprivate func replacingCharacters(_ character: Character, with replacement: String) -> String {
        guard contains(character) else { return self }
        return split(separator: character, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
