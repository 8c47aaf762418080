import BekalCore
import Foundation
import GRDB

/// The core's ports on one open GRDB transaction. Every statement is cached and prepared
/// once per connection; integers are bound as 64-bit values.
///
/// Rows that a bulk run reads once per operation (settings, the office book, its accounts by
/// role, cohorts, the chain head, closings, balances) are cached for the life of the transaction. That
/// is safe because every write of this transaction goes through this object, which updates
/// or drops the cached value as soon as its statement succeeds; a new transaction starts empty.
///
/// The running balances go one step further: each account's row is read once, moved here with
/// every entry (refusing a total past 64 bits at once, as the column would), and written back
/// by ``finish()`` before the transaction commits, or by any read of the totals before that.
final class SQLiteTransaction {
    let db: Database
    private var accountCache: [Int64: Account] = [:]
    private var accountByRoleCache: [AccountRoleKey: Account] = [:]
    private var bookByIDCache: [Int64: Book] = [:]
    private var bookByCodeCache: [String: Book] = [:]
    private var chainHeadCache: (id: Int64, hash: String)??
    private var closedThroughCache: [Int64: YearMonth?] = [:]
    private var latestValueDateCache: [Int64: LocalDate?] = [:]
    private var totalsCache: [Int64: RunningTotals] = [:]
    /// The last entry this transaction inserted, and the last beneficiary whose enrolments it
    /// read (dropped when one of hers is written): what a grant's case summary needs.
    var lastInsertedEntry: (id: Int64, valueDate: String)?
    var enrolmentsCache: (beneficiaryID: Int64, enrolments: [Enrolment])?
    /// The beneficiary last read by id, when no grant was ever paid to her (dropped when one is).
    var neverPaidCache: Int64?
    var settingsCache: ProgrammeSettings?
    var cohortCache: [Int64: Cohort] = [:]
    /// The reversal of each entry a listing read (nil: none yet); ``insert(_:)`` records a new one.
    var reversalCache: [Int64: Int64?] = [:]

    /// An `account_balance` row as this transaction has moved it.
    private struct RunningTotals {
        var debit: Int64
        var credit: Int64
        var balance: Int64
        var moved = false
    }

    private struct AccountRoleKey: Hashable {
        let bookID: Int64
        let role: AccountRole
    }

    /// Statements by the address of their SQL text (a literal in this module). A list searched
    /// by address: a transaction uses a dozen or two, and comparing addresses is cheaper than
    /// hashing them.
    private var statements: [(sql: UnsafeRawPointer, statement: Statement)] = []

    init(db: Database) { self.db = db }

    /// The prepared statement for `sql`, from GRDB's per-connection cache the first time in this
    /// transaction and from `statements` after that: GRDB's cache hashes the whole SQL text on
    /// every call, about 2.5 % of the bulk grant path over its dozen statements.
    func statement(_ sql: StaticString) throws -> Statement {
        guard sql.hasPointerRepresentation else { return try db.cachedStatement(sql: sql.description) }
        let key = UnsafeRawPointer(sql.utf8Start)
        for known in statements where known.sql == key { return known.statement }
        let statement = try db.cachedStatement(sql: sql.description)
        statements.append((key, statement))
        return statement
    }

    func one(_ sql: StaticString, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(statement(sql), arguments: arguments)
    }

    func all(_ sql: StaticString, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(statement(sql), arguments: arguments)
    }

    func run(_ sql: StaticString, _ arguments: StatementArguments = []) throws {
        try statement(sql).execute(arguments: arguments)
    }

    /// The same for SQL put together at run time (report filters), through GRDB's cache.
    func one(built sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func all(built sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func date(_ row: Row, _ column: String) -> LocalDate? {
        (row[column] as String?).flatMap(Self.storedDate)
    }

    /// The schema holds dates as `YYYY-MM-DD`, which ``LocalDate/parse(_:field:)`` reads from
    /// its bytes; nil for a text that is no date.
    static func storedDate(_ text: String) -> LocalDate? {
        try? LocalDate.parse(text)
    }
}

// MARK: - Ledger

extension SQLiteTransaction: LedgerPort {
    static func book(_ row: Row) -> Book {
        Book(id: row["id"], code: row["code"], name: row["name"], kind: Book.Kind(rawValue: row["kind"])!)
    }

    static func account(_ row: Row) -> Account {
        Account(id: row["id"], bookID: row["book_id"], code: row["code"], name: row["name"],
                type: AccountType(rawValue: row["type"])!, noNegative: row["no_negative"],
                role: (row["role"] as String?).flatMap(AccountRole.init(rawValue:)))
    }

    func book(id: Int64) throws -> Book? {
        if let cached = bookByIDCache[id] { return cached }
        let book = try one("SELECT * FROM book WHERE id = ?", [id]).map(Self.book)
        bookByIDCache[id] = book
        return book
    }

    func book(code: String) throws -> Book? {
        if let cached = bookByCodeCache[code] { return cached }
        let book = try one("SELECT * FROM book WHERE code = ?", [code]).map(Self.book)
        bookByCodeCache[code] = book
        return book
    }

    func account(id: Int64) throws -> Account? {
        if let cached = accountCache[id] { return cached }
        let account = try one("SELECT * FROM account WHERE id = ?", [id]).map(Self.account)
        accountCache[id] = account
        return account
    }

    func account(bookID: Int64, role: AccountRole) throws -> Account? {
        let key = AccountRoleKey(bookID: bookID, role: role)
        if let cached = accountByRoleCache[key] { return cached }
        let account = try one("SELECT * FROM account WHERE book_id = ? AND role = ?", [bookID, role.rawValue]).map(Self.account)
        accountByRoleCache[key] = account
        return account
    }

    func account(bookID: Int64, code: String) throws -> Account? {
        try one("SELECT * FROM account WHERE book_id = ? AND code = ?", [bookID, code]).map(Self.account)
    }

    func balance(accountID: Int64) throws -> Rupiah {
        Rupiah(try runningTotals(accountID).balance)
    }

    private func runningTotals(_ accountID: Int64) throws -> RunningTotals {
        if let cached = totalsCache[accountID] { return cached }
        let row = try one("SELECT debit, credit, balance FROM account_balance WHERE account_id = ?", [accountID])
        let totals = RunningTotals(debit: row?[0] ?? 0, credit: row?[1] ?? 0, balance: row?[2] ?? 0)
        totalsCache[accountID] = totals
        return totals
    }

    /// Writes the running balances this transaction moved back to `account_balance`, where the
    /// schema checks them again. Called before commit, and before any read of that table.
    func finish() throws {
        for (accountID, totals) in totalsCache where totals.moved {
            try run("UPDATE account_balance SET debit = ?, credit = ?, balance = ? WHERE account_id = ?",
                    [totals.debit, totals.credit, totals.balance, accountID])
            totalsCache[accountID]?.moved = false
        }
    }

    /// Forgets every row cached for this transaction, as after a rolled-back savepoint. Moved
    /// totals must have been written back first (``finish()``), so that nothing is lost.
    private func forgetCachedRows() {
        accountCache = [:]; accountByRoleCache = [:]; bookByIDCache = [:]; bookByCodeCache = [:]
        chainHeadCache = nil; closedThroughCache = [:]; latestValueDateCache = [:]; totalsCache = [:]
        lastInsertedEntry = nil; enrolmentsCache = nil; neverPaidCache = nil; settingsCache = nil; cohortCache = [:]
    }

    func latestValueDate(bookID: Int64) throws -> LocalDate? {
        if let cached = latestValueDateCache[bookID] { return cached }
        // The last key of the (book_id, value_date, id) index: one step down the b-tree.
        let date = try String.fetchOne(statement("SELECT max(value_date) FROM journal_entry WHERE book_id = ?"),
                                       arguments: [bookID]).flatMap(Self.storedDate)
        latestValueDateCache[bookID] = .some(date)
        return date
    }

    func forEachPosting(accountID: Int64, bookID: Int64, after date: LocalDate,
                        _ body: (LocalDate, Rupiah) throws -> Void) throws {
        let rows = try Row.fetchCursor(statement("""
            SELECT e.value_date, p.amount FROM journal_entry e JOIN posting p ON p.entry_id = e.id
            WHERE e.book_id = ?1 AND e.value_date > ?2 AND p.account_id = ?3
            ORDER BY e.value_date, e.id, p.line
            """), arguments: [bookID, date.description, accountID])
        while let row = try rows.next() {
            guard let day = Self.storedDate(row[0]) else { continue }
            try body(day, Rupiah(row[1] as Int64))
        }
    }

    func entry(id: Int64) throws -> JournalEntry? {
        guard let row = try one("SELECT * FROM journal_entry WHERE id = ?", [id]) else { return nil }
        return try entry(row)
    }

    func entry(idempotencyKey: String) throws -> JournalEntry? {
        // Nearly every key is new: answer that with one integer column, not a row.
        var found: Int64?
        try query("SELECT id FROM journal_entry WHERE idempotency_key = ?1 -- raw", { $0.text(idempotencyKey) }) { found = $0.int(0) }
        guard let found else { return nil }
        return try entry(id: found)
    }

    func entry(_ row: Row) throws -> JournalEntry {
        let id: Int64 = row["id"]
        let postings = try all("SELECT * FROM posting WHERE entry_id = ? ORDER BY line", [id]).map(Self.posting)
        return try Self.entry(row, postings: postings)
    }

    /// The entries of `rows` (`journal_entry` rows), in their order, with the postings of all
    /// of them read by one query instead of one per entry. With `readingReversals`, the id of
    /// each one's reversal is read by one more query and kept in ``reversalCache`` for
    /// ``reversalID(of:)``, which a listing asks for every entry it shows.
    func entries(_ rows: [Row], readingReversals: Bool = false) throws -> [JournalEntry] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = rows.map { $0["id"] }
        var postings: [Int64: [Posting]] = [:]
        var reversals: [Int64: Int64] = [:]
        for chunk in Self.idLists(ids) {
            for row in try all(built: """
                SELECT entry_id, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year, budget_line_id
                FROM posting WHERE entry_id IN (\(chunk.placeholders)) ORDER BY entry_id, line
                """, chunk.arguments) {
                postings[row[0], default: []].append(Posting(
                    accountID: row[1], amount: Rupiah(row[2] as Int64),
                    dimensions: Dimensions(beneficiaryID: row[3], kelompokID: row[4], usahaID: row[5], cohortID: row[6], budgetYear: row[7],
                                           budgetLineID: row[8])))
            }
            if readingReversals {
                for row in try all(built: "SELECT reverses_entry_id, id FROM journal_entry WHERE reverses_entry_id IN (\(chunk.placeholders))",
                                   chunk.arguments) {
                    reversals[row[0]] = row[1]
                }
            }
        }
        if readingReversals { for id in ids { reversalCache[id] = .some(reversals[id]) } }
        return try rows.map { row in try Self.entry(row, postings: postings[row["id"]] ?? []) }
    }

    /// `ids` in lists of at most 64 for `IN (…)`, each padded with its last id to a power of two
    /// so that a handful of statement texts serve every length (a repeated id changes no `IN`).
    static func idLists(_ ids: [Int64]) -> [(placeholders: String, arguments: StatementArguments)] {
        stride(from: 0, to: ids.count, by: 64).map { start in
            var chunk = Array(ids[start..<min(start + 64, ids.count)])
            var size = 1
            while size < chunk.count { size *= 2 }
            chunk += repeatElement(chunk[chunk.count - 1], count: size - chunk.count)
            return (repeatElement("?", count: size).joined(separator: ","), StatementArguments(chunk))
        }
    }

    /// An entry as stored. A kind or date that this version cannot read (a hand-edited file)
    /// is a refusal naming the row, never a crash.
    static func entry(_ row: Row, postings: [Posting]) throws -> JournalEntry {
        let id: Int64 = row["id"]
        guard let kind = EntryKind(rawValue: row["kind"]) else {
            throw StoreError.undecodable(table: "journal_entry", id: id, column: "kind")
        }
        guard let valueDate = (row["value_date"] as String?).flatMap(storedDate) else {
            throw StoreError.undecodable(table: "journal_entry", id: id, column: "value_date")
        }
        return JournalEntry(id: id, bookID: row["book_id"], kind: kind, valueDate: valueDate, recordedAt: row["recorded_at"],
                     actor: row["actor"], memo: row["memo"], documentRef: row["document_ref"],
                     idempotencyKey: row["idempotency_key"], reversesEntryID: row["reverses_entry_id"],
                     linkedEntryID: row["linked_entry_id"], postings: postings,
                     previousHash: row["previous_hash"], hash: row["hash"])
    }

    static func posting(_ row: Row) -> Posting {
        Posting(accountID: row["account_id"], amount: Rupiah(row["amount"]),
                dimensions: Dimensions(beneficiaryID: row["beneficiary_id"], kelompokID: row["kelompok_id"],
                                       usahaID: row["usaha_id"], cohortID: row["cohort_id"], budgetYear: row["budget_year"],
                                       budgetLineID: row["budget_line_id"]))
    }

    func reversalID(of entryID: Int64) throws -> Int64? {
        if let cached = reversalCache[entryID] { return cached }
        return try Int64.fetchOne(statement("SELECT id FROM journal_entry WHERE reverses_entry_id = ?"), arguments: [entryID])
    }

    func closedThrough(bookID: Int64) throws -> YearMonth? {
        if let cached = closedThroughCache[bookID] { return cached }
        let month = try (String.fetchOne(statement("SELECT max(month) FROM period_closing WHERE book_id = ?"),
                                         arguments: [bookID]))
            .flatMap { try? YearMonth.parse($0) }
        closedThroughCache[bookID] = .some(month)
        return month
    }

    func chainHead() throws -> (id: Int64, hash: String)? {
        if let cached = chainHeadCache { return cached }
        let head: (id: Int64, hash: String)? = try one("SELECT id, hash FROM journal_entry ORDER BY id DESC LIMIT 1")
            .map { ($0["id"], $0["hash"]) }
        chainHeadCache = .some(head)
        return head
    }

    func insert(_ entry: JournalEntry) throws {
        try execute("""
            INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, document_ref,
              idempotency_key, reverses_entry_id, linked_entry_id, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """) { b in
            b.int(entry.id); b.int(entry.bookID); b.text(entry.kind.rawValue); b.text(entry.valueDate.description)
            b.text(entry.recordedAt); b.text(entry.actor); b.text(entry.memo); b.text(entry.documentRef); b.text(entry.idempotencyKey)
            b.int(entry.reversesEntryID); b.int(entry.linkedEntryID); b.text(entry.previousHash); b.text(entry.hash)
        }
        chainHeadCache = .some((entry.id, entry.hash))
        if let reversed = entry.reversesEntryID { reversalCache[reversed] = .some(entry.id) }
        if let cached = latestValueDateCache[entry.bookID] {
            latestValueDateCache[entry.bookID] = .some(max(cached ?? entry.valueDate, entry.valueDate))
        }
        lastInsertedEntry = (entry.id, entry.valueDate.description)
        // Per account, in order of first use: a handful of postings, so a list, not a dictionary.
        var moves: [(accountID: Int64, debit: Int64, credit: Int64)] = []
        for (line, p) in entry.postings.enumerated() {
            let d = p.dimensions
            try execute("""
                INSERT INTO posting (entry_id, line, account_id, amount, beneficiary_id, kelompok_id, usaha_id, cohort_id, budget_year,
                  budget_line_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """) { b in
                b.int(entry.id); b.int(line); b.int(p.accountID); b.int(p.amount.amount); b.int(d.beneficiaryID); b.int(d.kelompokID)
                b.int(d.usahaID); b.int(d.cohortID); b.int(d.budgetYear); b.int(d.budgetLineID)
            }
            let k = moves.firstIndex { $0.accountID == p.accountID } ?? { moves.append((p.accountID, 0, 0)); return moves.count - 1 }()
            if p.amount.amount > 0 { moves[k].debit += p.amount.amount } else { moves[k].credit -= p.amount.amount }
        }
        var moved: [(Int64, RunningTotals)] = []
        for (accountID, debit, credit) in moves {
            let move = (debit: debit, credit: credit)
            let totals = try runningTotals(accountID)
            // The core's rule refuses a total past 64 bits (which SQLite would turn into a float).
            let next = try AccountTotals(debit: Rupiah(totals.debit), credit: Rupiah(totals.credit))
                .moved(debit: move.debit, credit: move.credit)
            moved.append((accountID, RunningTotals(debit: next.debit.amount, credit: next.credit.amount,
                                                   balance: next.balance.amount, moved: true)))
        }
        for (accountID, totals) in moved { totalsCache[accountID] = totals }
        if let reversed = entry.reversesEntryID { try refreshCaseAfterReversal(of: reversed) }
    }

    func entrySpan(bookID: Int64, from: LocalDate?, through to: LocalDate) throws -> (count: Int, first: LocalDate?, last: LocalDate?) {
        let row = try one("""
            SELECT count(*), min(value_date), max(value_date) FROM journal_entry
            WHERE book_id = ?1 AND (?2 IS NULL OR value_date >= ?2) AND value_date <= ?3
            """, [bookID, from?.description, to.description])
        return (row?[0] ?? 0, (row?[1] as String?).flatMap(Self.storedDate), (row?[2] as String?).flatMap(Self.storedDate))
    }

    func recordClosing(bookID: Int64, month: YearMonth, actor: String, recordedAt: String) throws {
        try run("INSERT INTO period_closing (book_id, month, closed_at, actor) VALUES (?, ?, ?, ?)",
                [bookID, month.description, recordedAt, actor])
        closedThroughCache[bookID] = nil
    }

    func insertBook(code: String, name: String, kind: Book.Kind) throws -> Book {
        try run("INSERT INTO book (code, name, kind) VALUES (?, ?, ?)", [code, name, kind.rawValue])
        return Book(id: db.lastInsertedRowID, code: code, name: name, kind: kind)
    }

    func insertAccount(_ t: AccountTemplate, bookID: Int64) throws -> Account {
        try run("INSERT INTO account (book_id, code, name, type, no_negative, role) VALUES (?, ?, ?, ?, ?, ?)",
                [bookID, t.code, t.name, t.type.rawValue, t.noNegative, t.role.rawValue])
        let id = db.lastInsertedRowID
        try run("INSERT INTO account_balance (account_id) VALUES (?)", [id])
        return Account(id: id, bookID: bookID, code: t.code, name: t.name, type: t.type, noNegative: t.noNegative, role: t.role)
    }

    func renameAccount(id: Int64, code: String, name: String) throws {
        try run("UPDATE account SET code = ?, name = ? WHERE id = ?", [code, name, id])
        accountCache[id] = nil
        accountByRoleCache = accountByRoleCache.filter { $0.value.id != id }
    }
}

// MARK: - Savepoints

extension SQLiteTransaction: TransactionPort {
    /// An SQLite savepoint. The running totals are written back before it begins, so that
    /// rolling it back undoes exactly what `body` moved; after a rollback every cached row is
    /// dropped and read again from the database.
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try finish()
        var result: Result<T, any Error>?
        do {
            try db.inSavepoint {
                do {
                    result = .success(try body())
                    return .commit
                } catch {
                    result = .failure(error)
                    return .rollback
                }
            }
        } catch {
            forgetCachedRows()
            throw error
        }
        if case .failure = result { forgetCachedRows() }
        return try result!.get()
    }
}

