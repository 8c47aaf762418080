/// The books as a plain-text journal that both ledger-cli and hledger read, so anyone can
/// cross-check Bekal's figures with tools Bekal does not control.
///
/// ```
/// 2007-08-01 (#12) Bantuan modal kerja B-00012 angkatan 2007
///     ; ref:KW-001
///     KANTOR:5101 Belanja Bantuan Modal Kerja    1500000 IDR
///     KANTOR:1101 Kas di Bendahara Pengeluaran    -1500000 IDR
/// ```
///
/// The book code is the top-level account segment, so each book balances on its own in
/// either tool. Amounts are whole rupiah with the commodity `IDR` after the number and no
/// digit grouping, which both tools parse the same way. Entries come in chain order and are
/// handed to `emit` one at a time, so a million entries never sit in memory.
///
/// Nothing here names a person: memos carry beneficiary codes (`B-00012`), never names or
/// NIKs, and the actor is left out.
public enum JournalExport {
    public static let commodity = "IDR"

    /// Writes the journal of every book (or of `bookCode` only) through `emit`, a chunk of
    /// text at a time: a header, the account declarations, then one chunk per entry.
    public static func write(from source: some ReportSource & LedgerPort, bookCode: String? = nil,
                             to emit: (String) throws -> Void) throws {
        let books = try source.books().filter { bookCode == nil || $0.code == bookCode }
        if let bookCode, books.isEmpty {
            throw ProgrammeRejection.notFound(kind: "book", reference: bookCode,
                                              hint: "give KANTOR or a usaha code such as U-0007")
        }
        var names: [Int64: String] = [:]
        var header = "; Bekal journal export: amounts in whole rupiah (\(commodity)); entry numbers in (#id).\n\n"
        for book in books {
            for account in try source.accounts(bookID: book.id) {
                let name = accountName(bookCode: book.code, account: account)
                names[account.id] = name
                header += "account \(name)\n"
            }
        }
        try emit(header + "\n")
        let bookIDs = Set(books.map(\.id))
        try source.forEachEntry { entry in
            guard bookIDs.contains(entry.bookID) else { return }
            let reversedBy = try source.reversalID(of: entry.id)
            try emit(text(of: entry, accountNames: names, reversedByEntryID: reversedBy))
        }
    }

    /// One entry as journal text, ending with a blank line.
    public static func text(of entry: JournalEntry, accountNames: [Int64: String], reversedByEntryID: Int64?) -> String {
        var out = "\(entry.valueDate) (#\(entry.id)) \(clean(entry.memo))\n"
        if let ref = entry.documentRef { out += "    ; ref:\(clean(ref))\n" }
        out += "    ; kind:\(entry.kind.rawValue)\n"
        if let original = entry.reversesEntryID { out += "    ; reverses:#\(original)\n" }
        if let reversal = reversedByEntryID { out += "    ; reversed-by:#\(reversal)\n" }
        if let linked = entry.linkedEntryID { out += "    ; linked:#\(linked)\n" }
        for posting in entry.postings {
            // A posting whose account is missing from the map would be a store bug; name it
            // by id rather than dropping the line and unbalancing the entry.
            let name = accountNames[posting.accountID] ?? "UNKNOWN:account-\(posting.accountID)"
            // Four spaces: both tools end an account name at the first run of two or more.
            out += "    \(name)    \(posting.amount.amount) \(commodity)\n"
        }
        return out + "\n"
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
