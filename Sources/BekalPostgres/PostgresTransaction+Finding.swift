import BekalCore

/// ``FindingPort``: the register page by page, entries by kuitansi number.
extension PostgresTransaction: FindingPort {
    /// As SQLite's: a merged record is not listed, nor found by name; its code and NIK find it.
    static let notMerged = "id NOT IN (SELECT duplicate_id FROM person_merge)"

    func registerPage(_ match: PersonMatch, limit: Int, offset: Int) throws -> (people: [Beneficiary], total: Int) {
        let condition: String
        let parameters: [PGValue]
        switch match {
        case .everyone:
            condition = Self.notMerged
            parameters = []
        case .text(let nameKey, let reference):
            condition = "(($1 <> '' AND strpos(name_key, $1) > 0) OR lower(external_ref) LIKE lower($2)) AND \(Self.notMerged)"
            parameters = [.text(nameKey), .text(LikePattern.escaped(reference) + "%")]
        case .nik(let nik):
            condition = "nik = $1"
            parameters = [.text(nik.digits)]
        case .code(let id, let reference):
            condition = "id = $1 OR upper(external_ref) = upper($2)"
            parameters = [.int(id), .text(reference)]
        }
        let n = parameters.count
        let rows = try all("""
            SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
            FROM beneficiary WHERE \(condition) ORDER BY id DESC LIMIT $\(n + 1)::bigint OFFSET $\(n + 2)::bigint
            """, parameters + [.int(Int64(limit)), .int(Int64(offset))])
        let total = try scalar("SELECT count(*) FROM beneficiary WHERE \(condition)", parameters) ?? 0
        return (try rows.map(Self.registryBeneficiary), Int(total))
    }

    func entries(documentRefContaining text: String, bookID: Int64, limit: Int) throws -> [JournalEntry] {
        try withPostings(all("""
            SELECT * FROM journal_entry WHERE book_id = $1 AND lower(document_ref) LIKE lower($2)
            ORDER BY id DESC LIMIT $3::bigint
            """, [.int(bookID), .text("%" + LikePattern.escaped(text) + "%"), .int(Int64(limit))]))
    }

    /// Entry rows with their postings, read in one statement.
    func withPostings(_ entries: [PGRow]) throws -> [JournalEntry] {
        guard !entries.isEmpty else { return [] }
        let ids = try entries.map { try $0.int("id") }
        var postings: [Int64: [Posting]] = [:]
        for row in try all("SELECT * FROM posting WHERE entry_id = ANY($1::bigint[]) ORDER BY entry_id, line",
                           [.text("{" + ids.map(String.init).joined(separator: ",") + "}")]) {
            postings[try row.int("entry_id"), default: []].append(try Self.reportPosting(row))
        }
        return try entries.map { try Self.reportEntry($0, postings: postings[try $0.int("id")] ?? []) }
    }
}
