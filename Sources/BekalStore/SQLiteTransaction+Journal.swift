import BekalCore
import GRDB

// Entries in the order of the journal export: by value date, then entry id.

extension SQLiteTransaction {
    func forEachEntryByValueDate(bookID: Int64?, _ body: (JournalEntry) throws -> Void) throws {
        // One book walks the index journal_entry_date (book_id, value_date, id); all books sort.
        let filter = bookID == nil ? "" : "WHERE e.book_id = ?"
        let arguments: StatementArguments = bookID.map { [$0] } ?? []
        let entries = try Row.fetchCursor(db, sql: "SELECT e.* FROM journal_entry e \(filter) ORDER BY e.value_date, e.id",
                                          arguments: arguments)
        let postings = try Row.fetchCursor(db, sql: """
            SELECT p.* FROM posting p JOIN journal_entry e ON e.id = p.entry_id \(filter)
            ORDER BY e.value_date, e.id, p.line
            """, arguments: arguments)
        try Self.forEachEntry(entries: entries, postings: postings, body)
    }

    /// Walks two cursors side by side, entries and their postings, both in the same entry order.
    static func forEachEntry(entries: RowCursor, postings: RowCursor, _ body: (JournalEntry) throws -> Void) throws {
        var pending: Row? = try postings.next()
        while let entryRow = try entries.next() {
            let id: Int64 = entryRow["id"]
            var lines: [Posting] = []
            while let p = pending, (p["entry_id"] as Int64) == id {
                lines.append(posting(p))
                pending = try postings.next()
            }
            try body(try entry(entryRow, postings: lines))
        }
    }
}
