import BekalStore
import BekalTestSupport
import Foundation
import Testing

/// `bekal migrate --from FILE --to postgres://…`: the demo's SQLite books moved into a new
/// PostgreSQL database, verified there, and refused where the copy would not be the books.
@Suite("bekal migrate")
struct MigrateCommandTests {
    static let reports = [["report", "trial-balance"], ["report", "grants"], ["report", "budget-use"],
                          ["report", "outcomes", "--as-of", "2012-12-31"]]

    /// The demo (which seals its books) in `demo.sqlite`, its key beside it.
    func demoFile(_ bekal: Bekal) throws -> String {
        let loaded = try bekal.run("demo", "--db", "demo.sqlite")
        try #require(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("Sealed:"))
        return bekal.directory.appendingPathComponent("demo.sqlite").path
    }

    func databaseName(_ url: String) -> String { String(url.split(separator: "?")[0].split(separator: "/").last!) }

    @Test func theDemoMovesToPostgreSQLAndVerifiesThereWithTheSameReports() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        _ = try demoFile(bekal)
        let url = try ScratchPostgres.shared.get().newDatabase()

        let migrated = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url)
        try #require(migrated.status == 0, "\(migrated.stdout)\(migrated.stderr)")
        #expect(migrated.stdout.contains("322 journal entries, chain head #322 "), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("Verified:"), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("  beneficiary"), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("  journal_entry"), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("1 seal(s) checked") || migrated.stdout.contains("seal(s) checked"), "\(migrated.stdout)")
        // Never a row's values: no demo name, no NIK-like digits.
        #expect(!migrated.stdout.contains("BL-2007-001"))
        #expect(migrated.stdout.firstMatch(of: /[0-9]{16}/) == nil)

        // The key went beside the target, owner-only, the same key as the file's.
        let keyPath = bekal.directory.appendingPathComponent("\(databaseName(url)).seal-key").path
        let sourceKey = try String(contentsOfFile: bekal.directory.appendingPathComponent("demo.sqlite.seal-key").path, encoding: .utf8)
        #expect(try String(contentsOfFile: keyPath, encoding: .utf8) == sourceKey)
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // `bekal verify` on PostgreSQL passes, the seals checked against the copied key.
        let verified = try bekal.run("verify", "--db", url)
        #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 322 entries"), "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("seal(s) and what they cover"), "\(verified.stdout)")
        #expect(!verified.stderr.contains("no seal key"), "\(verified.stderr)")
        for report in Self.reports {
            let onPostgres = try bekal.run(arguments: report + ["--format", "csv", "--db", url])
            let onSQLite = try bekal.run(arguments: report + ["--format", "csv", "--db", "demo.sqlite"])
            #expect(onPostgres.status == 0 && !onPostgres.stdout.isEmpty, "\(report): \(onPostgres.stderr)")
            #expect(onPostgres.stdout == onSQLite.stdout, "\(report.joined(separator: " ")) differs after the migration")
        }
    }

    @Test func aSecondMigrationIntoTheFilledDatabaseIsRefusedAndChangesNothing() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        _ = try demoFile(bekal)
        let url = try ScratchPostgres.shared.get().newDatabase()
        let first = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url)
        try #require(first.status == 0, "\(first.stderr)")
        let before = try bekal.run("report", "trial-balance", "--format", "csv", "--db", url)

        let again = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("bekal: The PostgreSQL database "), "\(again.stderr)")
        #expect(again.stderr.contains("already holds rows"), "\(again.stderr)")
        #expect(again.stderr.contains("was not changed"), "\(again.stderr)")
        #expect(again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        #expect(again.stdout.isEmpty)

        let verified = try bekal.run("verify", "--db", url)
        #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 322 entries"), "\(verified.stdout)\(verified.stderr)")
        #expect(try bekal.run("report", "trial-balance", "--format", "csv", "--db", url).stdout == before.stdout)
    }

    @Test func afterTheMigrationNewRowsGetNewIdsAndTheChainGoesOn() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        _ = try demoFile(bekal)
        let url = try ScratchPostgres.shared.get().newDatabase()
        let migrated = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url)
        try #require(migrated.status == 0, "\(migrated.stderr)")
        let head = try #require(migrated.stdout.firstMatch(of: /chain head #322 ([0-9a-f]{64})/)).1

        func ok(_ arguments: String...) throws -> String {
            let run = try bekal.run(arguments: arguments + ["--db", url])
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
            return run.stdout
        }
        // A new beneficiary, enrolment, budget receipt and grant: rows in tables whose ids the
        // server gives (identity columns), after the copied ones.
        let added = try ok("beneficiary", "add", "--name", "Peserta Baru Uji")
        let code = try #require(added.firstMatch(of: /B-[0-9]{5}/)).0
        #expect(code == "B-00169", "\(added)")
        _ = try ok("cohort", "add", "--code", "2013", "--training-start", "2013-01-07", "--training-end", "2013-03-29",
                   "--grant-amount", "1.500.000")
        _ = try ok("enrol", "--beneficiary", String(code), "--cohort", "2013", "--track", "tata-boga", "--status", "completed")
        _ = try ok("list", "draft", "--cohort", "2013", "--actor", "admin")
        _ = try ok("list", "approve", "DP-2013-1", "--sk", "460/1/2013", "--sk-date", "2013-04-01", "--actor", "kepala")
        _ = try ok("budget", "receive", "--amount", "5.000.000", "--ref", "SP2D-2013-1", "--date", "2013-04-01")
        let granted = try ok("grant", "disburse", "--beneficiary", String(code), "--ref", "KW-2013-1", "--date", "2013-04-02")
        #expect(granted.contains("#324"), "\(granted)")
        _ = try ok("seal")

        let verified = try bekal.run("verify", "--db", url)
        #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 324 entries"), "\(verified.stdout)\(verified.stderr)")
        // The chain continues from the copied head: entry 323 names it as its previous hash.
        let journal = try ok("entry", "show", "323", "--format", "json")
        #expect(journal.contains(String(head)), "\(journal)")
    }

    @Test func aTamperedFileIsRefusedBeforeAnythingIsCopied() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let path = try demoFile(bekal)
        do {
            let file = try SQLiteStore(path: path)
            try file.unsafeExecuteForTesting("""
                DROP TRIGGER journal_entry_no_update;
                UPDATE journal_entry SET memo = memo || ' (diubah)' WHERE id = 5;
                CREATE TRIGGER journal_entry_no_update BEFORE UPDATE ON journal_entry
                BEGIN SELECT RAISE(ABORT, 'journal_entry is append-only: correct it with a reversal entry'); END
                """)
        }
        let url = try ScratchPostgres.shared.get().newDatabase()
        let run = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("entry #5"), "\(run.stderr)")
        #expect(run.stderr.contains("does not verify") && run.stderr.contains("was not changed"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bekal.directory.appendingPathComponent("\(databaseName(url)).seal-key").path))
        // The target was never opened: an empty database, which `demo` can still fill.
        let demo = try bekal.run("demo", "--db", url, "--seal-key", "pg.seal-key")
        #expect(demo.status == 0 && demo.stdout.contains("Loaded the demo"), "\(demo.stdout)\(demo.stderr)")
    }

    @Test func aFileAtAnOlderSchemaIsToldToUpgradeFirst() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let path = try demoFile(bekal)
        // The file as the version before the last migration left it (as far as Bekal can tell).
        try SQLiteStore(path: path).unsafeExecuteForTesting("""
            DELETE FROM grdb_migrations WHERE identifier = (SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1)
            """)
        let url = try ScratchPostgres.shared.get().newDatabase()
        let run = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("bekal upgrade --db demo.sqlite"), "\(run.stderr)")
        #expect(run.stderr.contains("older than") && run.stderr.contains("was not changed"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test func badInputsAreOneLineEachAndChangeNothing() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let server = try ScratchPostgres.shared.get()
        let url = try server.newDatabase()
        func refused(_ arguments: String..., saying text: String) throws {
            let run = try bekal.run(arguments: ["migrate"] + arguments)
            #expect(run.status == 1, "\(arguments): \(run.stdout)")
            #expect(run.stderr.hasPrefix("bekal: ") && run.stderr.contains(text), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
        }
        try refused("--from", "missing.sqlite", "--to", url, saying: "No Bekal database at missing.sqlite (--from)")
        try Data("not a database at all, just some text\n".utf8).write(to: bekal.directory.appendingPathComponent("notes.sqlite"))
        try refused("--from", "notes.sqlite", "--to", url, saying: "is not a Bekal database")
        _ = try demoFile(bekal)
        try refused("--from", "demo.sqlite", "--to", "other.sqlite", saying: "is not a PostgreSQL database")
        try refused("--from", "demo.sqlite", "--to", "postgres://\(server.user)@/bekal?host=\(server.folder.path)&port=1",
                    saying: "Cannot reach the PostgreSQL database")
        // Another key already where the target's key goes: refused before copying.
        let other = try bekal.run("init", "--db", "other.sqlite", "--seal-key", "\(databaseName(url)).seal-key")
        try #require(other.status == 0, "\(other.stderr)")
        try refused("--from", "demo.sqlite", "--to", url, saying: "is not the one at")

        // Nothing of the above reached the database: a migration with the right key goes through.
        let good = try bekal.run("migrate", "--from", "demo.sqlite", "--to", url, "--to-seal-key", "right.seal-key")
        #expect(good.status == 0 && good.stdout.contains("Verified:"), "\(good.stdout)\(good.stderr)")
    }
}

extension MigrateCommandTests {
    @Test func twoOfficesFilesBecomeTwoOfficesOfOneDatabaseAndRollUp() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        _ = try demoFile(bekal)
        let small = try bekal.run("init", "--db", "baru.sqlite", "--name", "Dinas Sosial Kabupaten Baru")
        try #require(small.status == 0, "\(small.stderr)")
        let url = try ScratchPostgres.shared.get().newDatabase()
        for (file, office) in [("demo.sqlite", "lampung"), ("baru.sqlite", "baru")] {
            let migrated = try bekal.run("migrate", "--from", file, "--to", url, "--office", office)
            #expect(migrated.status == 0, "\(office): \(migrated.stdout)\(migrated.stderr)")
        }
        let offices = try bekal.run("office", "list", "--db", url)
        #expect(offices.stdout == "baru\tDinas Sosial Kabupaten Baru\nlampung\tDinas Sosial Kota Bandar Lampung\n", "\(offices.stdout)")
        // Each office's key beside it, named after the office; each verifies on its own.
        let verified = try bekal.run("verify", "--db", url, "--office", "lampung")
        #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 322 entries"), "\(verified.stdout)\(verified.stderr)")
        #expect(FileManager.default.fileExists(atPath: bekal.directory.appendingPathComponent("\(databaseName(url)).lampung.seal-key").path))
        // The roll-up of the database equals the roll-up of the two files.
        let fromPostgres = try bekal.run("report", "rollup", "--accounts", "--format", "csv", "--db", url)
        let fromFiles = try bekal.run("report", "rollup", "--accounts", "--format", "csv", "--db", "baru.sqlite", "--file", "demo.sqlite")
        #expect(fromPostgres.status == 0 && fromFiles.status == 0, "\(fromPostgres.stderr)\(fromFiles.stderr)")
        #expect(fromPostgres.stdout.contains("1101,Kas di Bendahara Pengeluaran,asset,2,"), "\(fromPostgres.stdout)")
        #expect(fromPostgres.stdout == fromFiles.stdout)
    }
}
