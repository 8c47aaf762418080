import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// The file's own failures, each one line and nothing written: a full disk, another writer
/// holding the lock, a damaged page; and a reading command that meets an older schema.
@Suite("The database file, in the store")
struct DatabaseFileStoreTests {
    let folder: URL
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func programme(_ name: String) throws -> String {
        let file = path(name)
        let f = try Fixture(store: try SQLiteStore(path: file))
        try f.receive(10_000_000, date: LocalDate(year: 2026, month: 11, day: 1))
        return file
    }

    @Test func aFullDiskIsOneLineAndNothingIsWritten() throws {
        let file = try programme("penuh.sqlite")
        let pages = try SQLiteStore(path: file).integerForTesting("PRAGMA page_count")
        // SQLite's own limit on the file's size: writing past it fails as a full disk does.
        let store = try SQLiteStore(path: file, access: .existing, busyTimeout: 1, prepare: { db in
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        })
        let before = try store.integerForTesting("SELECT count(*) FROM journal_entry")
        let failure = try #require(throws: StoreError.self) {
            try store.write { tx in
                for i in 1...2_000 {
                    _ = try Operations.recordAftercareExpense(AftercareExpense(amount: Rupiah(1_000), documentRef: "NOTA-\(i)",
                                                                               memo: String(repeating: "label merek ", count: 40),
                                                                               valueDate: LocalDate(year: 2026, month: 11, day: 2)),
                                                              context: Fixture.context, in: tx)
                }
            }
        }
        #expect(failure == .diskFull(path: file))
        #expect(failure.message == "The disk holding \(file) is full; nothing was written. Free some space (or move the database), then try again.")
        #expect(try store.integerForTesting("SELECT count(*) FROM journal_entry") == before)
    }

    @Test func anotherWriterHoldingTheFileIsOneLine() throws {
        let file = try programme("terkunci.sqlite")
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: file, configuration: config)
        try holder.inDatabase { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        defer { try? holder.inDatabase { db in try db.execute(sql: "ROLLBACK") } }
        let failure = try #require(throws: StoreError.self) {
            let store = try SQLiteStore(path: file, access: .existing, busyTimeout: 0.2, prepare: nil)
            _ = try Operations(store: store).receiveBudget(BudgetReceipt(amount: Rupiah(5_000), documentRef: "SP2D-2"), context: Fixture.context)
        }
        #expect(failure == .locked(path: file))
        #expect(!failure.message.contains("SQLite error") && !failure.message.contains("\n"))
    }

    @Test func aDamagedPageIsOneLine() throws {
        let file = try programme("rusak.sqlite")
        _ = try SQLiteStore(path: file).backup(to: path("salinan.sqlite"))   // a rollback-journal copy, no WAL to replay
        let copy = path("salinan.sqlite")
        let handle = try #require(FileHandle(forWritingAtPath: copy))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        let failure = try #require(throws: StoreError.self) {
            let store = try SQLiteStore(path: copy, access: .readOnly)
            _ = try store.read { tx in try Verification.run(on: tx) }
        }
        #expect(failure == .damaged(path: copy))
    }

    /// A reading command never migrates: an older file is refused with the way to upgrade it,
    /// and is left exactly as it was.
    @Test func aReadingCommandDoesNotUpgradeAnOlderFile() throws {
        let file = path("lama.sqlite")
        let queue = try DatabaseQueue(path: file)
        try Schema.migrator.migrate(queue, upTo: "v3-users")
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let failure = try #require(throws: StoreError.self) { _ = try SQLiteStore(path: file, access: .readOnly) }
        #expect(failure.message == "The database at \(file) has schema v3-users, older than this Bekal's \(SQLiteStore.schemaVersion); a reading command does not change it. Upgrade it once with `bekal upgrade --db \(file)` (back it up first), then try again.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        _ = try SQLiteStore(path: file, access: .existing)
        _ = try SQLiteStore(path: file, access: .readOnly)
    }

    /// An older backup is restored through a staging copy: the backup file is left as it was.
    @Test func anOlderBackupIsRestoredWithoutChangingIt() throws {
        let old = path("cadangan-lama.sqlite")
        let queue = try DatabaseQueue(path: old)
        try Schema.migrator.migrate(queue, upTo: "v3-users")
        try queue.write { db in try db.execute(sql: "INSERT INTO track (code, name) VALUES ('salon', 'Salon')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: old))
        let target = try SQLiteStore(path: path("kantor.sqlite"))
        try target.restore(from: old) { backup in
            let report = try backup.read { tx in try Verification.run(on: tx) }
            #expect(report.isValid)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: old)) == before)
        #expect(try target.integerForTesting("SELECT count(*) FROM track WHERE code = 'salon'") == 1)
        #expect(try target.integerForTesting("SELECT count(*) FROM grdb_migrations") == Schema.migrator.migrations.count)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".restore-") }
        #expect(left.isEmpty, "\(left)")
    }

    /// The schema's own rules still show, as one line that says what happened.
    @Test func aRuleOfTheSchemaIsOneLineToo() throws {
        let store = try SQLiteStore(path: try programme("aturan.sqlite"))
        let failure = try #require(throws: (any Error).self) {
            try store.write { tx in
                try (tx as! SQLiteTransaction).run("UPDATE journal_entry SET memo = 'diubah' WHERE id = 1")
            }
        }
        // A CHECK or trigger is the second line of defence: passed on as it is, for the tests that try to break the books.
        #expect(failure is DatabaseError)
        #expect(StoreError(failure as! DatabaseError, path: "x").message.hasPrefix("The database at x refused the change (journal_entry is append-only"))
    }
}
