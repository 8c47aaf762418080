/// Finding people and entries in registers too long to read whole: the register of
/// beneficiaries page by page, and the office book's entries by kuitansi number.
public protocol FindingPort {
    /// Beneficiaries who match, most recently registered first: one page of them, and how many
    /// match in all.
    func registerPage(_ match: PersonMatch, limit: Int, offset: Int) throws -> (people: [Beneficiary], total: Int)
    /// Entries of a book whose document number (kuitansi) contains `text`, ignoring case,
    /// most recently recorded first, at most `limit`, with their postings.
    func entries(documentRefContaining text: String, bookID: Int64, limit: Int) throws -> [JournalEntry]
}

/// Which beneficiaries a register page or a search lists.
public enum PersonMatch: Hashable, Sendable {
    case everyone
    /// Name key (``LikelyDuplicate/nameKey(_:)``) containing `nameKey`, or a register number
    /// starting with `reference` (ignoring case).
    case text(nameKey: String, reference: String)
    /// Her NIK, exactly.
    case nik(NIK)
    /// Her Bekal code (`B-00012`), or the same text as a register number.
    case code(id: Int64, reference: String)
}

/// For stores that match text with SQL `LIKE … ESCAPE '\'`: the text with its own `%`, `_`
/// and `\` matched as themselves.
public enum LikePattern {
    public static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
