import BekalPostgres
import BekalTestSupport
import Foundation
import Testing

/// The libpq connection against a real PostgreSQL server (``ScratchPostgres``).
@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    let url: String

    init() throws {
        url = try ScratchPostgres.shared.get().newDatabase()
    }

    @Test func parametersGoAndValuesComeBackAsTheyWere() throws {
        let db = try PGConnection(url)
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, name text, ok boolean)")
        let name = "Siti Rahayu — 'kue' \\ \"Lampung\""
        try db.query("INSERT INTO t VALUES ($1, $2, $3)", [.int(Int64.max), .text(name), .bool(true)])
        try db.query("INSERT INTO t VALUES ($1, $2, $3)", [.int(Int64.min), .null, .bool(false)])
        let rows = try db.query("SELECT id, name, ok FROM t ORDER BY id DESC")
        #expect(rows.count == 2)
        #expect(rows.int(0, 0) == Int64.max && rows.text(0, 1) == name && rows.bool(0, 2) == true)
        #expect(rows.int(1, 0) == Int64.min && rows.text(1, 1) == nil && rows.isNull(1, 1) && rows.bool(1, 2) == false)
        #expect(rows.column("ok") == 2 && rows.column("nope") == nil)
    }

    @Test func aUniqueViolationNamesItsStateAndConstraint() throws {
        let db = try PGConnection(url)
        try db.execute("CREATE TABLE entry (id bigint PRIMARY KEY, key text CONSTRAINT entry_key UNIQUE)")
        try db.query("INSERT INTO entry VALUES (1, $1)", ["grant:KW-1"])
        #expect {
            try db.query("INSERT INTO entry VALUES (2, $1)", ["grant:KW-1"])
        } throws: { error in
            guard let failure = error as? PGError else { return false }
            return failure.isUniqueViolation && failure.constraint == "entry_key" && !failure.isRetryable
        }
        // The statement is prepared once and works again after the refusal.
        try db.query("INSERT INTO entry VALUES (2, $1)", ["grant:KW-2"])
        #expect(try db.query("SELECT count(*) FROM entry").int(0, 0) == 2)
    }

    @Test func aFailedStatementAbortsItsTransactionUntilRolledBack() throws {
        let db = try PGConnection(url)
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
        try db.execute("BEGIN")
        try db.query("INSERT INTO t VALUES (1)")
        #expect(throws: PGError.self) { try db.query("INSERT INTO t VALUES (1)") }
        // PostgreSQL refuses everything after a failure inside a transaction (SQLSTATE 25P02):
        // the reason the store contract has savepoints.
        #expect { try db.query("SELECT 1") } throws: { ($0 as? PGError)?.sqlState == "25P02" }
        #expect(db.inTransaction)
        try db.execute("ROLLBACK")
        #expect(!db.inTransaction)
        #expect(try db.query("SELECT count(*) FROM t").int(0, 0) == 0)
    }

    @Test func aLostSerializableTransactionIsRetryable() throws {
        let setup = try PGConnection(url)
        try setup.execute("CREATE TABLE head (id int PRIMARY KEY, n bigint); INSERT INTO head VALUES (1, 0)")
        let a = try PGConnection(url), b = try PGConnection(url)
        #expect(a.backendPID != b.backendPID)
        try a.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        try b.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        #expect(try a.query("SELECT n FROM head WHERE id = 1").int(0, 0) == 0)
        #expect(try b.query("SELECT n FROM head WHERE id = 1").int(0, 0) == 0)
        try a.query("UPDATE head SET n = n + 1 WHERE id = 1")
        try a.execute("COMMIT")
        #expect {
            try b.query("UPDATE head SET n = n + 1 WHERE id = 1")
        } throws: { ($0 as? PGError)?.isRetryable == true }
        try b.execute("ROLLBACK")
        #expect(try setup.query("SELECT n FROM head").int(0, 0) == 1)
    }

    @Test func aServerThatIsNotThereIsSaidPlainly() throws {
        let folder = try ScratchPostgres.shared.get().folder.path
        #expect {
            _ = try PGConnection("postgres://nobody@/none?host=\(folder)&port=1")
        } throws: { error in
            guard let failure = error as? PGError else { return false }
            return failure.isConnectionFailure && failure.message.contains("connection to server")
        }
    }
}
