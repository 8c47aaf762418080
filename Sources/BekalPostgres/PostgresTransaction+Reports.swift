import BekalCore

/// What reports read (``ReportSource``): the SQLite store's statements
/// (`SQLiteTransaction+Registry.swift`'s second extension, `+Reports.swift`, `+Journal.swift`)
/// in PostgreSQL's words. The walks read through a server-side cursor, a batch at a time, so
/// that none holds a book's postings in memory (as the SQLite store's cursors do). Sums are
/// cast back to `bigint`, so that a total past 64 bits is an error here as it is in SQLite.
extension PostgresTransaction: ReportSource {
    static let cursorBatch = 500

    /// Declares a cursor for `sql` under a name no cursor of this transaction holds, so that
    /// walks may nest (a report's body may start another).
    func openCursor(_ sql: String, _ parameters: [PGValue]) throws -> String {
        let free = try scalar("""
            SELECT i FROM generate_series(1, (SELECT count(*) FROM pg_cursors) + 1) i
            WHERE NOT EXISTS (SELECT 1 FROM pg_cursors c WHERE c.name = 'bekal_walk_' || i) ORDER BY i LIMIT 1
            """) ?? 0
        let name = "bekal_walk_\(free)"
        try run("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", parameters)
        return name
    }

    /// Runs `sql` through a cursor and hands its rows to `body` one at a time.
    func forEachRow(_ sql: String, _ parameters: [PGValue] = [], _ body: (PGRow) throws -> Void) throws {
        let name = try openCursor(sql, parameters)
        var open = true
        defer { if open { _ = try? run("CLOSE \(name)") } }
        while true {
            let rows = try all("FETCH \(Self.cursorBatch) FROM \(name)")
            for row in rows { try body(row) }
            if rows.count < Self.cursorBatch { break }
        }
        open = false
        try run("CLOSE \(name)")
    }

    // MARK: Rows as the ledger keeps them

    static func reportBook(_ row: PGRow) throws -> Book {
        Book(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"), kind: try row.value("kind"))
    }

    static func reportAccount(_ row: PGRow) throws -> Account {
        Account(id: try row.int("id"), bookID: try row.int("book_id"), code: try row.text("code"), name: try row.text("name"),
                type: try row.value("type"), noNegative: try row.flag("no_negative"),
                role: try row.optionalText("role").flatMap(AccountRole.init(rawValue:)))
    }

    static func reportPosting(_ row: PGRow) throws -> Posting {
        Posting(accountID: try row.int("account_id"), amount: Rupiah(try row.int("amount")),
                dimensions: Dimensions(beneficiaryID: try row.optionalInt("beneficiary_id"), kelompokID: try row.optionalInt("kelompok_id"),
                                       usahaID: try row.optionalInt("usaha_id"), cohortID: try row.optionalInt("cohort_id"),
                                       budgetYear: try row.optionalInt("budget_year").map(Int.init),
                                       budgetLineID: try row.optionalInt("budget_line_id")))
    }

    static func reportEntry(_ row: PGRow, postings: [Posting]) throws -> JournalEntry {
        JournalEntry(id: try row.int("id"), bookID: try row.int("book_id"), kind: try row.value("kind"),
                     valueDate: try row.date("value_date"), recordedAt: try row.text("recorded_at"), actor: try row.text("actor"),
                     memo: try row.text("memo"), documentRef: try row.optionalText("document_ref"),
                     idempotencyKey: try row.text("idempotency_key"), reversesEntryID: try row.optionalInt("reverses_entry_id"),
                     linkedEntryID: try row.optionalInt("linked_entry_id"), postings: postings,
                     previousHash: try row.text("previous_hash"), hash: try row.text("hash"))
    }

    /// Walks entries and their postings side by side, both selected in the same entry order.
    func forEachEntry(entries: String, postings: String, _ parameters: [PGValue],
                      _ body: (JournalEntry) throws -> Void) throws {
        let cursor = try openCursor(postings, parameters)
        var open = true
        defer { if open { _ = try? run("CLOSE \(cursor)") } }
        var batch: [PGRow] = []
        var next = 0
        var exhausted = false
        func pending() throws -> PGRow? {
            if next == batch.count {
                if exhausted { return nil }
                batch = try all("FETCH \(Self.cursorBatch) FROM \(cursor)")
                next = 0
                if batch.count < Self.cursorBatch { exhausted = true }
                if batch.isEmpty { return nil }
            }
            return batch[next]
        }
        try forEachRow(entries, parameters) { entryRow in
            let id = try entryRow.int("id")
            var lines: [Posting] = []
            while let p = try pending(), try p.int("entry_id") == id {
                lines.append(try Self.reportPosting(p))
                next += 1
            }
            try body(try Self.reportEntry(entryRow, postings: lines))
        }
        open = false
        try run("CLOSE \(cursor)")
    }

    // MARK: The trial balance

    func books() throws -> [Book] { try all("SELECT * FROM book ORDER BY id").map(Self.reportBook) }

    func accounts(bookID: Int64) throws -> [Account] {
        try all("SELECT * FROM account WHERE book_id = $1 ORDER BY code COLLATE \"C\"", [.int(bookID)]).map(Self.reportAccount)
    }

    func totals(accountID: Int64) throws -> AccountTotals {
        let row = try one("SELECT debit, credit FROM account_balance WHERE account_id = $1", [.int(accountID)])
        return AccountTotals(debit: Rupiah(try row?.int("debit") ?? 0), credit: Rupiah(try row?.int("credit") ?? 0))
    }

    func forEachEntry(_ body: (JournalEntry) throws -> Void) throws {
        try forEachEntry(entries: "SELECT * FROM journal_entry ORDER BY id",
                         postings: "SELECT * FROM posting ORDER BY entry_id, line", [], body)
    }

    func forEachEntryByValueDate(bookID: Int64?, _ body: (JournalEntry) throws -> Void) throws {
        let filter = bookID == nil ? "" : "WHERE e.book_id = $1"
        let parameters: [PGValue] = bookID.map { [.int($0)] } ?? []
        try forEachEntry(entries: "SELECT e.* FROM journal_entry e \(filter) ORDER BY e.value_date, e.id",
                         postings: """
                            SELECT p.* FROM posting p JOIN journal_entry e ON e.id = p.entry_id \(filter)
                            ORDER BY e.value_date, e.id, p.line
                            """, parameters, body)
    }

    func entryCount() throws -> Int { Int(try scalar("SELECT count(*) FROM journal_entry") ?? 0) }

    // MARK: Reports beyond the trial balance

    func cohorts() throws -> [Cohort] { try all("SELECT * FROM cohort ORDER BY code COLLATE \"C\"").map(Self.registryCohort) }

    /// The WHERE clause and its parameters for a posting query on `posting p JOIN journal_entry e`.
    private func filter(_ query: PostingQuery) -> (sql: String, parameters: [PGValue]) {
        var clauses = ["p.account_id = $1"]
        var parameters: [PGValue] = [.int(query.accountID)]
        func add(_ column: String, _ value: PGValue) {
            parameters.append(value)
            clauses.append("\(column) $\(parameters.count)")
        }
        if let from = query.from { add("e.value_date >=", .date(from)) }
        if let to = query.to { add("e.value_date <=", .date(to)) }
        let d = query.dimensions
        if let id = d.beneficiaryID { add("p.beneficiary_id =", .int(id)) }
        if let id = d.kelompokID { add("p.kelompok_id =", .int(id)) }
        if let id = d.usahaID { add("p.usaha_id =", .int(id)) }
        if let id = d.cohortID { add("p.cohort_id =", .int(id)) }
        if let year = d.budgetYear { add("p.budget_year =", .int(year)) }
        return (clauses.joined(separator: " AND "), parameters)
    }

    func postingTotals(_ query: PostingQuery) throws -> PostingTotals {
        let (condition, parameters) = filter(query)
        let row = try one("""
            SELECT count(*) AS n,
                   coalesce(sum(CASE WHEN p.amount > 0 THEN p.amount END), 0)::bigint AS debit,
                   coalesce(sum(CASE WHEN p.amount < 0 THEN -p.amount END), 0)::bigint AS credit
            FROM posting p JOIN journal_entry e ON e.id = p.entry_id
            WHERE \(condition)
            """, parameters)
        return PostingTotals(count: Int(try row?.int("n") ?? 0), debit: Rupiah(try row?.int("debit") ?? 0),
                             credit: Rupiah(try row?.int("credit") ?? 0))
    }

    func forEachPosting(_ query: PostingQuery, _ body: (PostingRow) throws -> Void) throws {
        let (condition, parameters) = filter(query)
        try forEachRow("""
            SELECT p.*, e.value_date, e.kind, e.document_ref, e.memo, e.reverses_entry_id, r.id AS reversed_by
            FROM posting p JOIN journal_entry e ON e.id = p.entry_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = e.id
            WHERE \(condition)
            ORDER BY e.value_date, p.entry_id, p.line
            """, parameters) { row in
            let posting = try Self.reportPosting(row)
            try body(PostingRow(entryID: try row.int("entry_id"), line: Int(try row.int("line")), valueDate: try row.date("value_date"),
                                kind: try row.value("kind"), documentRef: try row.optionalText("document_ref"),
                                memo: try row.text("memo"), amount: posting.amount, dimensions: posting.dimensions,
                                reversesEntryID: try row.optionalInt("reverses_entry_id"),
                                reversedByEntryID: try row.optionalInt("reversed_by")))
        }
    }

    func forEachGrant(cohortID: Int64?, _ body: (GrantRow) throws -> Void) throws {
        try forEachRow("""
            SELECT g.*, r.id AS reversed_by, e.value_date, e.document_ref, c.code AS cohort_code, t.code AS track_code
            FROM grant_payment g
            JOIN journal_entry e ON e.id = g.entry_id
            JOIN cohort c ON c.id = g.cohort_id
            LEFT JOIN enrolment n ON n.beneficiary_id = g.beneficiary_id AND n.cohort_id = g.cohort_id
            LEFT JOIN track t ON t.id = n.track_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = g.entry_id
            WHERE $1::bigint IS NULL OR g.cohort_id = $1::bigint
            ORDER BY e.value_date, g.entry_id
            """, [PGValue(cohortID)]) { row in
            try body(GrantRow(grant: try Self.registryGrant(row), valueDate: try row.date("value_date"),
                              documentRef: try row.optionalText("document_ref"), cohortCode: try row.text("cohort_code"),
                              trackCode: try row.optionalText("track_code")))
        }
    }

    func forEachKelompokEquipment(kelompokID: Int64?, _ body: (KelompokEquipmentRow) throws -> Void) throws {
        try forEachRow("""
            SELECT m.*, e.value_date, e.document_ref, e.reverses_entry_id, r.id AS reversed_by,
                   i.code AS item_code, i.name AS item_name, i.unit
            FROM equipment_movement m
            JOIN journal_entry e ON e.id = m.entry_id
            JOIN equipment_item i ON i.id = m.item_id
            LEFT JOIN journal_entry r ON r.reverses_entry_id = e.id
            WHERE m.kelompok_id IS NOT NULL AND ($1::bigint IS NULL OR m.kelompok_id = $1::bigint)
            ORDER BY m.kelompok_id, e.value_date, m.entry_id, m.id
            """, [PGValue(kelompokID)]) { row in
            try body(KelompokEquipmentRow(
                kelompokID: try row.int("kelompok_id"), entryID: try row.int("entry_id"), valueDate: try row.date("value_date"),
                documentRef: try row.optionalText("document_ref"), itemCode: try row.text("item_code"),
                itemName: try row.text("item_name"), unit: try row.text("unit"), stockQuantity: try row.int("quantity"),
                stockValue: Rupiah(try row.int("value")), reversesEntryID: try row.optionalInt("reverses_entry_id"),
                reversedByEntryID: try row.optionalInt("reversed_by")))
        }
    }

    func cohortAccountTotals(bookID: Int64, cohortIDs: [Int64]?) throws -> [CohortAccountTotal] {
        try all("""
            SELECT p.cohort_id, p.account_id, sum(p.amount)::bigint AS net
            FROM posting p JOIN account a ON a.id = p.account_id
            WHERE a.book_id = $1\(cohortIDs.map { " AND p.cohort_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? "")
            GROUP BY p.cohort_id, p.account_id
            ORDER BY p.cohort_id NULLS FIRST, p.account_id
            """, [.int(bookID)]).map { row in
            CohortAccountTotal(cohortID: try row.optionalInt("cohort_id"), accountID: try row.int("account_id"),
                               net: Rupiah(try row.int("net")))
        }
    }
}
