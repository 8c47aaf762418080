import BekalCore

/// The ledger's port, and savepoints: `SQLiteTransaction`'s Ledger section in PostgreSQL's words.
///
/// No rows are cached: every read asks the server, which already holds what this transaction
/// wrote. The running totals are moved as the SQLite store moves them, through the core's
/// ``AccountTotals/moved(debit:credit:)`` from the `account_balance` row as it stands, so that a
/// total past 64 bits is the core's refusal (``LedgerRejection/amountOverflow``), not the
/// server's numeric overflow.
extension PostgresTransaction: LedgerPort {
    static func ledgerBook(_ row: PGRow) throws -> Book {
        Book(id: try row.int("id"), code: try row.text("code"), name: try row.text("name"), kind: try row.value("kind"))
    }

    static func ledgerAccount(_ row: PGRow) throws -> Account {
        Account(id: try row.int("id"), bookID: try row.int("book_id"), code: try row.text("code"), name: try row.text("name"),
                type: try row.value("type"), noNegative: try row.flag("no_negative"),
                role: try row.optionalValue("role"))
    }

    /// A posting as stored (`SELECT * FROM posting`).
    static func ledgerPosting(_ row: PGRow) throws -> Posting {
        Posting(accountID: try row.int("account_id"), amount: Rupiah(try row.int("amount")),
                dimensions: Dimensions(beneficiaryID: try row.optionalInt("beneficiary_id"),
                                       kelompokID: try row.optionalInt("kelompok_id"),
                                       usahaID: try row.optionalInt("usaha_id"), cohortID: try row.optionalInt("cohort_id"),
                                       budgetYear: try row.optionalInt("budget_year").map { Int($0) },
                                       budgetLineID: try row.optionalInt("budget_line_id")))
    }

    /// An entry as stored (`SELECT * FROM journal_entry`) with its postings. A kind or date this
    /// version cannot read (a hand-edited row) is a refusal naming the column, never a crash.
    static func ledgerEntry(_ row: PGRow, postings: [Posting]) throws -> JournalEntry {
        JournalEntry(id: try row.int("id"), bookID: try row.int("book_id"), kind: try row.value("kind", as: EntryKind.self),
                     valueDate: try row.date("value_date"), recordedAt: try row.text("recorded_at"),
                     actor: try row.text("actor"), memo: try row.text("memo"), documentRef: try row.optionalText("document_ref"),
                     idempotencyKey: try row.text("idempotency_key"), reversesEntryID: try row.optionalInt("reverses_entry_id"),
                     linkedEntryID: try row.optionalInt("linked_entry_id"), postings: postings,
                     previousHash: try row.text("previous_hash"), hash: try row.text("hash"))
    }

    /// An entry row with its postings, read by line.
    func ledgerEntry(_ row: PGRow) throws -> JournalEntry {
        let id = try row.int("id")
        let postings = try all("SELECT * FROM posting WHERE entry_id = $1 ORDER BY line", [.int(id)]).map(Self.ledgerPosting)
        return try Self.ledgerEntry(row, postings: postings)
    }

    func book(id: Int64) throws -> Book? {
        if let book = cache.booksByID[id] { return book }
        let book = try one("SELECT * FROM book WHERE id = $1", [.int(id)]).map(Self.ledgerBook)
        if let book { cache.booksByID[id] = book }
        return book
    }

    func book(code: String) throws -> Book? {
        if let book = cache.booksByCode[code] { return book }
        let book = try one("SELECT * FROM book WHERE code = $1", [.text(code)]).map(Self.ledgerBook)
        if let book { cache.booksByCode[code] = book }
        return book
    }

    func account(id: Int64) throws -> Account? {
        if let account = cache.accounts[id] { return account }
        let account = try one("SELECT * FROM account WHERE id = $1", [.int(id)]).map(Self.ledgerAccount)
        if let account { cache.accounts[id] = account }
        return account
    }

    func account(bookID: Int64, role: AccountRole) throws -> Account? {
        let key = AccountRoleKey(bookID: bookID, role: role)
        if let account = cache.accountsByRole[key] { return account }
        let account = try one("SELECT * FROM account WHERE book_id = $1 AND role = $2", [.int(bookID), .text(role.rawValue)])
            .map(Self.ledgerAccount)
        if let account { cache.accountsByRole[key] = account }
        return account
    }

    func account(bookID: Int64, code: String) throws -> Account? {
        try one("SELECT * FROM account WHERE book_id = $1 AND code = $2", [.int(bookID), .text(code)]).map(Self.ledgerAccount)
    }

    /// The `account_balance` row, zeros when there is none (as the SQLite store reads it).
    func ledgerTotals(accountID: Int64) throws -> AccountTotals {
        if let totals = cache.totals[accountID] { return totals }
        let row = try one("SELECT debit, credit FROM account_balance WHERE account_id = $1", [.int(accountID)])
        let totals = AccountTotals(debit: Rupiah(row?.optionalInt(0) ?? 0), credit: Rupiah(row?.optionalInt(1) ?? 0))
        if row != nil { cache.totals[accountID] = totals }
        return totals
    }

    func balance(accountID: Int64) throws -> Rupiah {
        if let totals = cache.totals[accountID] { return totals.balance }
        return Rupiah(try scalar("SELECT balance FROM account_balance WHERE account_id = $1", [.int(accountID)]) ?? 0)
    }

    func latestValueDate(bookID: Int64) throws -> LocalDate? {
        if let date = cache.latestValueDate[bookID] { return date }
        let date = try one("SELECT max(value_date) AS d FROM journal_entry WHERE book_id = $1", [.int(bookID)])?.optionalDate("d")
        cache.latestValueDate[bookID] = .some(date)
        return date
    }

    func forEachPosting(accountID: Int64, bookID: Int64, after date: LocalDate,
                        _ body: (LocalDate, Rupiah) throws -> Void) throws {
        let rows = try all("""
            SELECT e.value_date, p.amount FROM journal_entry e JOIN posting p ON p.entry_id = e.id
            WHERE e.book_id = $1 AND e.value_date > $2 AND p.account_id = $3
            ORDER BY e.value_date, e.id, p.line
            """, [.int(bookID), .date(date), .int(accountID)])
        for row in rows {
            // As the SQLite store: a date it cannot read is passed over.
            guard let day = try? row.optionalDate(0) else { continue }
            try body(day, Rupiah(try row.int(1)))
        }
    }

    func entry(id: Int64) throws -> JournalEntry? {
        guard let row = try one("SELECT * FROM journal_entry WHERE id = $1", [.int(id)]) else { return nil }
        return try ledgerEntry(row)
    }

    func entry(idempotencyKey: String) throws -> JournalEntry? {
        guard let id = try scalar("SELECT id FROM journal_entry WHERE idempotency_key = $1", [.text(idempotencyKey)]) else {
            return nil
        }
        return try entry(id: id)
    }

    func reversalID(of entryID: Int64) throws -> Int64? {
        try scalar("SELECT id FROM journal_entry WHERE reverses_entry_id = $1", [.int(entryID)])
    }

    func closedThrough(bookID: Int64) throws -> YearMonth? {
        if let month = cache.closedThrough[bookID] { return month }
        let month = try one("SELECT max(month) AS m FROM period_closing WHERE book_id = $1", [.int(bookID)])?
            .optionalText("m").flatMap { try? YearMonth.parse($0) }
        cache.closedThrough[bookID] = .some(month)
        return month
    }

    func chainHead() throws -> (id: Int64, hash: String)? {
        if let head = cache.chainHead { return head }
        let row = try one("SELECT id, hash FROM journal_entry ORDER BY id DESC LIMIT 1")
        let head = try row.map { (try $0.int("id"), try $0.text("hash")) }
        cache.chainHead = .some(head)
        return head
    }

    /// The entry, its postings and its accounts' running totals in one statement (a round trip
    /// is most of what a bulk run costs): the postings and the totals go as arrays, unnested on
    /// the server. The foreign keys are checked at the statement's end, when the entry is there.
    func insert(_ entry: JournalEntry) throws {
        // Per account, in order of first use, as the SQLite store moves them.
        var moves: [(accountID: Int64, debit: Int64, credit: Int64)] = []
        for p in entry.postings {
            let k = moves.firstIndex { $0.accountID == p.accountID } ?? { moves.append((p.accountID, 0, 0)); return moves.count - 1 }()
            if p.amount.amount > 0 { moves[k].debit += p.amount.amount } else { moves[k].credit -= p.amount.amount }
        }
        // Every account's next totals first (the core's rule refuses a total past 64 bits), then written.
        var moved: [(accountID: Int64, totals: AccountTotals)] = []
        for (accountID, debit, credit) in moves {
            moved.append((accountID, try ledgerTotals(accountID: accountID).moved(debit: debit, credit: credit)))
        }
        let postings = entry.postings
        let updated = try all("""
            WITH entry AS (
              INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, document_ref,
                idempotency_key, reverses_entry_id, linked_entry_id, previous_hash, hash)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ), lines AS (
              INSERT INTO posting (entry_id, line, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year,
                budget_line_id)
              SELECT $1, t.line, t.account_id, t.amount, t.beneficiary_id, t.kelompok_id, t.usaha_id, t.cohort_id, t.budget_year,
                t.budget_line_id
              FROM unnest($14::integer[], $15::bigint[], $16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[], $20::bigint[],
                          $21::bigint[], $22::bigint[])
                AS t(line, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year, budget_line_id)
            )
            UPDATE account_balance SET debit = m.debit, credit = m.credit, balance = m.balance
            FROM unnest($23::bigint[], $24::bigint[], $25::bigint[], $26::bigint[]) AS m(account_id, debit, credit, balance)
            WHERE account_balance.account_id = m.account_id
            RETURNING account_balance.account_id
            """, [.int(entry.id), .int(entry.bookID), .text(entry.kind.rawValue), .date(entry.valueDate), .text(entry.recordedAt),
                  .text(entry.actor), .text(entry.memo), PGValue(entry.documentRef), .text(entry.idempotencyKey),
                  PGValue(entry.reversesEntryID), PGValue(entry.linkedEntryID), .text(entry.previousHash), .text(entry.hash),
                  .array(postings.indices.map { Int64($0) }), .array(postings.map(\.accountID)), .array(postings.map(\.amount.amount)),
                  .array(postings.map(\.dimensions.beneficiaryID)), .array(postings.map(\.dimensions.kelompokID)),
                  .array(postings.map(\.dimensions.usahaID)), .array(postings.map(\.dimensions.cohortID)),
                  .array(postings.map(\.dimensions.budgetYear)), .array(postings.map(\.dimensions.budgetLineID)),
                  .array(moved.map(\.accountID)), .array(moved.map(\.totals.debit.amount)), .array(moved.map(\.totals.credit.amount)),
                  .array(moved.map(\.totals.balance.amount))])
        cache.chainHead = .some((entry.id, entry.hash))
        if case .some(let latest) = cache.latestValueDate[entry.bookID] {
            cache.latestValueDate[entry.bookID] = .some(latest.map { max($0, entry.valueDate) } ?? entry.valueDate)
        }
        // An account without its totals row moved nothing: the next read finds that out again,
        // as the SQLite store does.
        let written = Set(try updated.map { try $0.int(0) })
        for (accountID, totals) in moved { cache.totals[accountID] = written.contains(accountID) ? totals : nil }
        if let reversed = entry.reversesEntryID { try refreshCaseAfterReversal(of: reversed) }
    }

    func entrySpan(bookID: Int64, from: LocalDate?, through to: LocalDate) throws -> (count: Int, first: LocalDate?, last: LocalDate?) {
        let row = try one("""
            SELECT count(*) AS n, min(value_date) AS first, max(value_date) AS last FROM journal_entry
            WHERE book_id = $1 AND ($2::text IS NULL OR value_date >= $2::text) AND value_date <= $3
            """, [.int(bookID), .date(from), .date(to)])
        return (Int(row?.optionalInt(0) ?? 0), try row?.optionalDate(1), try row?.optionalDate(2))
    }

    func recordClosing(bookID: Int64, month: YearMonth, actor: String, recordedAt: String) throws {
        try run("INSERT INTO period_closing (book_id, month, closed_at, actor) VALUES ($1, $2, $3, $4)",
                [.int(bookID), .text(month.description), .text(recordedAt), .text(actor)])
        cache.closedThrough[bookID] = nil
    }

    func insertBook(code: String, name: String, kind: Book.Kind) throws -> Book {
        let id = try insertReturningID("INSERT INTO book (code, name, kind) VALUES ($1, $2, $3) RETURNING id",
                                       [.text(code), .text(name), .text(kind.rawValue)])
        return Book(id: id, code: code, name: name, kind: kind)
    }

    func insertAccount(_ t: AccountTemplate, bookID: Int64) throws -> Account {
        let id = try insertReturningID("""
            INSERT INTO account (book_id, code, name, type, no_negative, role) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """, [.int(bookID), .text(t.code), .text(t.name), .text(t.type.rawValue), .flag(t.noNegative), .text(t.role.rawValue)])
        try run("INSERT INTO account_balance (account_id) VALUES ($1)", [.int(id)])
        return Account(id: id, bookID: bookID, code: t.code, name: t.name, type: t.type, noNegative: t.noNegative, role: t.role)
    }

    func renameAccount(id: Int64, code: String, name: String) throws {
        try run("UPDATE account SET code = $1, name = $2 WHERE id = $3", [.text(code), .text(name), .int(id)])
        cache.accounts[id] = nil
        cache.accountsByRole = cache.accountsByRole.filter { $0.value.id != id }
    }
}

// MARK: - Savepoints

extension PostgresTransaction: TransactionPort {
    /// A PostgreSQL savepoint: when `body` throws, what it wrote is undone and the transaction,
    /// which the server would otherwise refuse to go on with, goes on; the cached rows, some of
    /// which `body` may have moved, are forgotten and read again.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        do {
            return try PostgresStore.savepoint(db, body)
        } catch {
            cache = Cache()
            throw error
        }
    }
}
