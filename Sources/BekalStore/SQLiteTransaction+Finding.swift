import BekalCore
import GRDB

/// ``FindingPort``: the register page by page, entries by kuitansi number.
extension SQLiteTransaction: FindingPort {
    /// A record merged into another is not listed, nor found by name: she is the record kept.
    /// Her code and her NIK still find it (its page leads to the kept one).
    func registerPage(_ match: PersonMatch, limit: Int, offset: Int) throws -> (people: [Beneficiary], total: Int) {
        let columns: StatementArguments = [limit, offset]
        let rows: [Row]
        let total: Int
        switch match {
        case .everyone:
            rows = try all("""
                SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
                FROM beneficiary WHERE id NOT IN (SELECT duplicate_id FROM person_merge) ORDER BY id DESC LIMIT ? OFFSET ?
                """, columns)
            total = try one("SELECT count(*) AS n FROM beneficiary WHERE id NOT IN (SELECT duplicate_id FROM person_merge)")?["n"] ?? 0
        case .text(let nameKey, let reference):
            let arguments: StatementArguments = [nameKey, LikePattern.escaped(reference) + "%"]
            rows = try all("""
                SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
                FROM beneficiary
                WHERE ((?1 <> '' AND instr(name_key, ?1) > 0) OR lower(external_ref) LIKE lower(?2) ESCAPE '\\') AND id NOT IN (SELECT duplicate_id FROM person_merge)
                ORDER BY id DESC LIMIT ?3 OFFSET ?4
                """, arguments + columns)
            total = try one("""
                SELECT count(*) AS n FROM beneficiary
                WHERE ((?1 <> '' AND instr(name_key, ?1) > 0) OR lower(external_ref) LIKE lower(?2) ESCAPE '\\') AND id NOT IN (SELECT duplicate_id FROM person_merge)
                """, arguments)?["n"] ?? 0
        case .nik(let nik):
            rows = try all("""
                SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
                FROM beneficiary WHERE nik = ? ORDER BY id DESC LIMIT ? OFFSET ?
                """, [nik.digits] + columns)
            total = try one("SELECT count(*) AS n FROM beneficiary WHERE nik = ?", [nik.digits])?["n"] ?? 0
        case .code(let id, let reference):
            rows = try all("""
                SELECT id, external_ref, name, nik, birth_year, origin_area, kelurahan, consent_share, consent_name
                FROM beneficiary WHERE id = ? OR upper(external_ref) = upper(?) ORDER BY id DESC LIMIT ? OFFSET ?
                """, [id, reference] + columns)
            total = try one("SELECT count(*) AS n FROM beneficiary WHERE id = ? OR upper(external_ref) = upper(?)",
                            [id, reference])?["n"] ?? 0
        }
        return (rows.map(Self.beneficiaryByPosition), total)
    }

    func entries(documentRefContaining text: String, bookID: Int64, limit: Int) throws -> [JournalEntry] {
        try entries(all("""
            SELECT * FROM journal_entry WHERE book_id = ? AND lower(document_ref) LIKE lower(?) ESCAPE '\\'
            ORDER BY id DESC LIMIT ?
            """, [bookID, "%" + LikePattern.escaped(text) + "%", limit]))
    }
}
