import BekalCore
@testable import BekalPostgres
import BekalTestSupport
import Foundation
import Testing

/// Offices on one PostgreSQL database: each its own schema and books, chosen by code, and a
/// writer of one office never waits for a writer of another.
@Suite("PostgreSQL store: offices")
struct PostgresOfficeTests {
    let url: String

    init() throws {
        url = try ScratchPostgres.shared.get().newDatabase()
    }

    func addBook(_ store: PostgresStore, _ name: String) throws {
        try store.withWriteTransaction { db in
            try db.query("INSERT INTO book (code, name, kind) VALUES ('KANTOR', $1, 'office')", [.text(name)])
        }
    }

    func bookNames(_ store: PostgresStore) throws -> [String] {
        try store.withReadTransaction { db in
            let rows = try db.query("SELECT name FROM book ORDER BY id")
            return (0..<rows.count).compactMap { rows.text($0, 0) }
        }
    }

    @Test func eachOfficeKeepsItsOwnRowsAndIsChosenByCode() throws {
        try PostgresStore.addOffice(try Office(code: "barat", name: "Dinas Sosial Barat"), to: url)
        try PostgresStore.addOffice(try Office(code: "timur", name: "Dinas Sosial Timur"), to: url)
        let barat = try PostgresStore(url, office: "barat"), timur = try PostgresStore(url, office: "timur")
        #expect(barat.office.name == "Dinas Sosial Barat" && barat.schemaName == "kantor_barat")
        try addBook(barat, "Barat")
        #expect(try bookNames(barat) == ["Barat"])
        #expect(try bookNames(timur) == [])
        // Its ids are its own: the next office's first book is 1 too.
        try addBook(timur, "Timur")
        let ids = try [barat, timur].map { store in try store.withReadTransaction { db in try db.query("SELECT id FROM book").int(0, 0) } }
        #expect(ids == [1, 1])
        #expect(try PostgresStore.offices(url).map(\.code) == ["barat", "timur"])

        #expect(throws: OfficeRejection.chooseOne(known: ["barat", "timur"])) { try PostgresStore(url) }
        #expect(throws: OfficeRejection.unknown(code: "utara", known: ["barat", "timur"])) { try PostgresStore(url, office: "utara") }
        #expect(throws: OfficeRejection.notACode("Barat; DROP SCHEMA")) { try PostgresStore(url, office: "Barat; DROP SCHEMA") }
        #expect(throws: OfficeRejection.duplicate(code: "barat")) {
            try PostgresStore.addOffice(try Office(code: "barat", name: "Lagi"), to: url)
        }
        #expect(try PostgresStore.offices(url).count == 2)
    }

    @Test func anEmptyDatabaseGetsTheDefaultOfficeOnlyWhenWritten() throws {
        #expect(throws: OfficeRejection.noOffices) { try PostgresStore(url, migrate: false) }
        #expect(try PostgresStore.offices(url).isEmpty)
        let store = try PostgresStore(url)
        #expect(store.office.code == Office.defaultCode && store.schemaName == "kantor_utama")
        #expect(try PostgresStore(url, migrate: false).office == store.office)
    }

    @Test func theListOfOfficesRefusesAnInsidersRenameOrRemoval() throws {
        _ = try PostgresStore(url)
        let insider = try PGConnection(url)
        for statement in ["UPDATE bekal.office SET code = 'lain'", "DELETE FROM bekal.office", "TRUNCATE bekal.office"] {
            #expect(Comment(rawValue: statement)) { try insider.execute(statement) } throws: { ($0 as? PGError)?.sqlState == "23001" }
        }
        try insider.execute("UPDATE bekal.office SET name = 'Dinas Sosial Kota Uji'")
        #expect(try PostgresStore.offices(url).map(\.name) == ["Dinas Sosial Kota Uji"])
    }

    /// Whether some connection is waiting for an advisory lock now.
    func someoneWaitsForTheLock(_ db: PGConnection) throws -> Bool {
        try db.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").int(0, 0) ?? 0 > 0
    }

    @Test func aWriterWaitsForTheWriterOfItsOwnOfficeOnly() throws {
        try PostgresStore.addOffice(try Office(code: "barat", name: "Barat"), to: url)
        try PostgresStore.addOffice(try Office(code: "timur", name: "Timur"), to: url)
        let barat = try PostgresStore(url, office: "barat"), timur = try PostgresStore(url, office: "timur")
        let baratAgain = try PostgresStore(url, office: "barat")
        let watcher = try PGConnection(url)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let firstDone = DispatchSemaphore(value: 0), secondDone = DispatchSemaphore(value: 0)
        let order = Locked<[String]>([])
        DispatchQueue.global().async {
            try? barat.withWriteTransaction { db in
                try db.query("INSERT INTO book (code, name, kind) VALUES ('KANTOR', 'first', 'office')")
                holding.signal()
                release.wait()
            }
            order.withLock { $0.append("first barat committed") }
            firstDone.signal()
        }
        holding.wait()
        // Another office's writer goes ahead while barat's is open.
        try addBook(timur, "Timur")
        order.withLock { $0.append("timur committed") }
        #expect(try !someoneWaitsForTheLock(watcher))
        // A second writer of barat waits for the first.
        DispatchQueue.global().async {
            _ = try? baratAgain.withWriteTransaction { db in
                try db.query("INSERT INTO book (code, name, kind) VALUES ('U-0001', 'second', 'usaha')")
            }
            order.withLock { $0.append("second barat committed") }
            secondDone.signal()
        }
        var waited = false
        for _ in 0..<2_500 where !waited {
            waited = try someoneWaitsForTheLock(watcher)
            if !waited { usleep(2_000) }
        }
        #expect(waited, "the second writer of the same office never waited for the lock")
        #expect(order.withLock { $0 } == ["timur committed"])
        release.signal()
        // Both threads note their commit after it returns, so either may note it first; wait for both.
        firstDone.wait()
        secondDone.wait()
        #expect(order.withLock { $0 }.first == "timur committed")
        #expect(Set(order.withLock { $0 }) == ["timur committed", "first barat committed", "second barat committed"])
        #expect(try bookNames(barat) == ["first", "second"])
    }
}

extension PostgresOfficeTests {
    @Test func aMonitorIsAUserAndTheSchemaKnowsNoOtherNewRole() throws {
        let store = try PostgresStore(url)
        let operations = Operations(store: store)
        _ = try operations.initialise(officeName: "Dinas Sosial Provinsi")
        let user = try operations.addUser(UserDraft(username: "provinsi", displayName: "Pemantau", role: .pemantau), password: "kata-sandi-uji-123",
                                          hash: { "hash:" + $0 }, context: OperationContext(actor: "setup"))
        #expect(user.role == .pemantau && !user.may(.viewOutcomes) && user.may(.viewRollup))
        let insider = try PGConnection(url, schema: store.schemaName)
        #expect {
            try insider.execute("INSERT INTO app_user (username, display_name, role, password_hash, created_at) VALUES ('dewa', 'x', 'superuser', 'h', 'now')")
        } throws: { ($0 as? PGError)?.sqlState == "23514" }
    }
}
