#if canImport(Glibc)
import Glibc
#endif

/// The statements of the grant path, the same text for both clients, `$n` parameters bound by
/// the extended protocol. They follow what Bekal's SQLite store runs for one grant
/// (Sources/BekalStore/SQLiteTransaction*.swift); `chain_head ... FOR UPDATE` is new: it
/// serializes writers, which SQLite's single write lock did for free.
public enum SQL: Int, CaseIterable, Sendable {
    case lockHead, setHead, book, beneficiary, grants, cohort, accountByRole, accountByID, entryByKey, closedThrough
    case balance, setBalance, latestDate, postingsAfter, insertEntry, insertPosting, insertGrant, noteGrant, insertCase

    public var text: String {
        switch self {
        case .lockHead: "SELECT entry_id, hash FROM chain_head WHERE id = 1 FOR UPDATE"
        case .setHead: "UPDATE chain_head SET entry_id = $1, hash = $2 WHERE id = 1"
        case .book: "SELECT id FROM book WHERE code = $1"
        case .beneficiary: """
            SELECT b.id, b.name, b.nik, e.cohort_id, e.status, e.status_date::text,
              EXISTS (SELECT 1 FROM grant_payment g WHERE g.beneficiary_id = b.id)
            FROM beneficiary b LEFT JOIN enrolment e ON e.beneficiary_id = b.id WHERE b.id = $1 ORDER BY e.id
            """
        case .grants: "SELECT id, cohort_id, entry_id FROM grant_payment WHERE beneficiary_id = $1 ORDER BY id"
        case .cohort: "SELECT id, code, grant_amount, training_end::text, budget_year::bigint FROM cohort WHERE id = $1"
        case .accountByRole: "SELECT id, book_id, code, no_negative FROM account WHERE book_id = $1 AND role = $2"
        case .accountByID: "SELECT id, book_id, code, no_negative FROM account WHERE id = $1"
        case .entryByKey: "SELECT id FROM journal_entry WHERE idempotency_key = $1"
        case .closedThrough: "SELECT max(month) FROM period_closing WHERE book_id = $1"
        case .balance: "SELECT balance FROM account WHERE id = $1"
        case .setBalance: "UPDATE account SET balance = $2 WHERE id = $1"
        case .latestDate: "SELECT max(value_date)::text FROM journal_entry WHERE book_id = $1"
        case .postingsAfter: """
            SELECT e.value_date::text, p.amount FROM journal_entry e JOIN posting p ON p.entry_id = e.id
            WHERE e.book_id = $1 AND e.value_date > $2::date AND p.account_id = $3
            ORDER BY e.value_date, e.id, p.line
            """
        case .insertEntry: """
            INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, document_ref, idempotency_key,
              previous_hash, hash)
            VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10, $11)
            """
        case .insertPosting: """
            INSERT INTO posting (entry_id, line, account_id, amount, beneficiary_id, cohort_id, budget_year)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """
        case .insertGrant: "INSERT INTO grant_payment (beneficiary_id, cohort_id, entry_id, amount) VALUES ($1, $2, $3, $4) RETURNING id"
        case .noteGrant: """
            UPDATE case_summary SET grant_id = $2, grant_entry_id = $3, grant_amount = $4, grant_date = $5::date
            WHERE beneficiary_id = $1 AND (grant_date IS NULL OR grant_date <= $5::date)
            """
        case .insertCase: """
            INSERT INTO case_summary (beneficiary_id, grant_id, grant_entry_id, grant_amount, grant_date)
            VALUES ($1, $2, $3, $4, $5::date) ON CONFLICT (beneficiary_id) DO NOTHING
            """
        }
    }

    /// The name it is prepared under on each connection.
    public var name: String { "s\(rawValue)" }
}

/// Where the scratch server listens: run.sh sets these.
public struct ConnectionSettings: Sendable {
    public var socketDirectory: String
    public var port: Int
    public var user: String
    public var database: String

    public static func fromEnvironment() -> ConnectionSettings {
        func env(_ name: String, _ fallback: String) -> String { getenv(name).map { String(cString: $0) } ?? fallback }
        return ConnectionSettings(socketDirectory: env("PGHOST", "/tmp"), port: Int(env("PGPORT", "54329")) ?? 54329,
                                  user: env("PGUSER", "postgres"), database: env("PGDATABASE", "spike"))
    }

    /// The server's Unix socket.
    public var socketPath: String { "\(socketDirectory)/.s.PGSQL.\(port)" }
}
