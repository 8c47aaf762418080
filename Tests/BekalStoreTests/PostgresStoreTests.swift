@testable import BekalPostgres
import BekalTestSupport
import Foundation
import Testing

/// The PostgreSQL store's schema and transactions, on a real server (``ScratchPostgres``).
@Suite("PostgreSQL store: schema and transactions")
struct PostgresStoreTests {
    let url: String

    init() throws {
        url = try ScratchPostgres.shared.get().newDatabase()
    }

    /// An entry as the ledger would insert it, by SQL (as an insider would).
    func insertEntry(_ db: PGConnection, id: Int64, kind: String = "budget_receipt", date: String = "2026-11-02") throws {
        try db.query("""
            INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, idempotency_key, previous_hash, hash)
            VALUES ($1, 1, $2, $3, '2026-11-02T08:00:00Z', 'bendahara', 'APBD', $4, '', $5)
            """, [.int(id), .text(kind), .text(date), .text("receipt:SP2D-\(id)"), .text(String(repeating: "a", count: 63) + String(id))])
    }

    @Test func anEmptyDatabaseGetsTheSchemaOnceAndAForeignOneIsRefused() throws {
        _ = try PostgresStore(url)
        let again = try PostgresStore(url)
        let applied = try again.withReadTransaction { db in try db.query("SELECT count(*) FROM bekal_migration").int(0, 0) }
        #expect(applied == Int64(PostgresSchema.migrations.count))

        let other = try ScratchPostgres.shared.get().newDatabase()
        try PGConnection(other).execute("CREATE TABLE invoices (id int)")
        #expect(throws: PostgresStoreError.notBekal(target: other)) { try PostgresStore(other) }

        try PGConnection(url, schema: "kantor_utama").query("INSERT INTO bekal_migration (identifier) VALUES ('pg9-from-the-future')")
        #expect { try PostgresStore(url) } throws: { error in
            guard case PostgresStoreError.newerSchema(_, let unknown) = error else { return false }
            return unknown == ["pg9-from-the-future"] && (error as? PostgresStoreError)?.message.contains("newer Bekal") == true
        }
    }

    @Test func twoServersStartingOnAnEmptyDatabaseAtOnceBothOpenIt() throws {
        let results = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            let opened = Result { try PostgresStore(url) }
            results.withLock { $0.append((try? opened.get()).map { $0.office.code } ?? "\(opened)") }
        }
        #expect(results.withLock { $0 } == ["utama", "utama", "utama"])
    }

    @Test func theBooksRefuseUpdateDeleteAndTruncateEvenFromAnInsider() throws {
        let store = try PostgresStore(url)
        try store.withWriteTransaction { db in
            try db.query("INSERT INTO book (code, name, kind) VALUES ('KANTOR', 'Dinas Sosial', 'office')")
            try insertEntry(db, id: 1)
        }
        // An insider with a connection of her own, outside the store.
        let insider = try PGConnection(url, schema: "kantor_utama")
        for statement in ["UPDATE journal_entry SET memo = 'diubah' WHERE id = 1", "DELETE FROM journal_entry WHERE id = 1",
                          "TRUNCATE journal_entry CASCADE"] {
            #expect(Comment(rawValue: statement)) {
                try insider.execute(statement)
            } throws: { error in
                (error as? PGError)?.message == "journal_entry is append-only: correct it with a reversal entry"
            }
        }
        #expect(try insider.query("SELECT memo FROM journal_entry WHERE id = 1").text(0, 0) == "APBD")
    }

    @Test func theSchemaRefusesWhatTheCoreWouldNeverWrite() throws {
        let store = try PostgresStore(url)
        try store.withWriteTransaction { db in
            try db.query("INSERT INTO book (code, name, kind) VALUES ('KANTOR', 'Dinas Sosial', 'office')")
        }
        let db = try PGConnection(url, schema: "kantor_utama")
        #expect { try insertEntry(db, id: 1, kind: "gift") } throws: { ($0 as? PGError)?.sqlState == "23514" }
        #expect { try insertEntry(db, id: 2, date: "2/11/2026") } throws: { ($0 as? PGError)?.sqlState == "23514" }
        #expect { try insertEntry(db, id: 0) } throws: { ($0 as? PGError)?.sqlState == "23514" }
        #expect {
            try db.query("INSERT INTO beneficiary (name, nik) VALUES ('Siti', '12345678901234AB')")
        } throws: { ($0 as? PGError)?.sqlState == "23514" }
        try insertEntry(db, id: 3)
        #expect {
            try db.query("""
                INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, idempotency_key, previous_hash, hash)
                VALUES (4, 1, 'grant', '2026-11-03', 'x', 'x', 'x', 'receipt:SP2D-3', '', $1)
                """, [.text(String(repeating: "b", count: 64))])
        } throws: { ($0 as? PGError)?.isUniqueViolation == true }
    }

    @Test func writersTakeTurnsAcrossConnections() throws {
        let store = try PostgresStore(url, connections: 4)
        try store.withWriteTransaction { db in try db.execute("CREATE TABLE counter (n bigint); INSERT INTO counter VALUES (0)") }
        // Read, then write what was read plus one: without one writer at a time, two writers
        // read the same value and one increment is lost.
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<25 {
                try? store.withWriteTransaction { db in
                    let n = try db.query("SELECT n FROM counter").int(0, 0)!
                    try db.query("UPDATE counter SET n = $1", [.int(n + 1)])
                }
            }
        }
        #expect(try store.withReadTransaction { db in try db.query("SELECT n FROM counter").int(0, 0) } == 100)
    }

    @Test func aThrowingWriteKeepsNothingAndAReadCannotWrite() throws {
        struct Interrupted: Error {}
        let store = try PostgresStore(url)
        #expect(throws: Interrupted.self) {
            try store.withWriteTransaction { db in
                try db.query("INSERT INTO track (code, name) VALUES ('tata-boga', 'Tata Boga')")
                throw Interrupted()
            }
        }
        #expect(try store.withReadTransaction { db in try db.query("SELECT count(*) FROM track").int(0, 0) } == 0)
        #expect {
            try store.withReadTransaction { db in try db.query("INSERT INTO track (code, name) VALUES ('jahit', 'Menjahit')") }
        } throws: { ($0 as? PGError)?.sqlState == "25006" }
        // The connection that refused is handed out again, clean.
        try store.withWriteTransaction { db in try db.query("INSERT INTO track (code, name) VALUES ('jahit', 'Menjahit')") }
        #expect(try store.withReadTransaction { db in try db.query("SELECT count(*) FROM track").int(0, 0) } == 1)
    }

    @Test func aWriteThatLostToAnotherRunsAgainAndIsKeptOnce() throws {
        let store = try PostgresStore(url)
        var attempts = 0
        let kept = try store.withWriteTransaction { db -> Int in
            attempts += 1
            try db.query("INSERT INTO track (code, name) VALUES ('tata-boga', 'Tata Boga')")
            if attempts == 1 { throw PGError(sqlState: "40001", message: "could not serialize access due to concurrent update") }
            return attempts
        }
        #expect(kept == 2)
        #expect(try store.withReadTransaction { db in try db.query("SELECT count(*) FROM track").int(0, 0) } == 1)
        // Past the attempts, or any other failure, the error is the caller's, and nothing is kept.
        attempts = 0
        #expect { try store.withWriteTransaction { _ in attempts += 1; throw PGError(sqlState: "40P01", message: "deadlock detected") } }
            throws: { ($0 as? PGError)?.sqlState == "40P01" }
        #expect(attempts == PostgresStore.writeAttempts)
        attempts = 0
        #expect(throws: PGError.self) { try store.withWriteTransaction { _ in attempts += 1; throw PGError(sqlState: "23505", message: "duplicate") } }
        #expect(attempts == 1)
    }

    @Test func aSavepointUndoesItsPartAndTheTransactionGoesOn() throws {
        struct Refused: Error {}
        let store = try PostgresStore(url)
        try store.withWriteTransaction { db in
            try db.query("INSERT INTO track (code, name) VALUES ('tata-boga', 'Tata Boga')")
            #expect(throws: PGError.self) {
                try PostgresStore.savepoint(db) { try db.query("INSERT INTO track (code, name) VALUES ('tata-boga', 'Lagi')") }
            }
            #expect(throws: Refused.self) {
                try PostgresStore.savepoint(db) {
                    try db.query("INSERT INTO track (code, name) VALUES ('jahit', 'Menjahit')")
                    throw Refused()
                }
            }
            try db.query("INSERT INTO track (code, name) VALUES ('salon', 'Tata Rias')")
        }
        let codes = try store.withReadTransaction { db in
            let rows = try db.query("SELECT code FROM track ORDER BY code")
            return (0..<rows.count).compactMap { rows.text($0, 0) }
        }
        #expect(codes == ["salon", "tata-boga"])
    }

    @Test func aServerThatIsNotThereIsSaidWithoutThePassword() throws {
        let folder = try ScratchPostgres.shared.get().folder.path
        let target = "postgres://bendahara:rahasia@/bekal?host=\(folder)&port=1"
        #expect { try PostgresStore(target) } throws: { error in
            guard let failure = error as? PostgresStoreError, case .cannotConnect(let shown, _) = failure else { return false }
            return shown.contains("bendahara:***@") && !failure.message.contains("rahasia") && failure.message.contains("--db or BEKAL_DB")
        }
        #expect(PostgresStore.withoutPassword("host=db user=bekal password=rahasia dbname=bekal") == "host=db user=bekal password=*** dbname=bekal")
    }
}
