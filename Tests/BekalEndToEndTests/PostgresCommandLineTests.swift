import BekalTestSupport
import Foundation
import Testing

/// The `bekal` executable on a PostgreSQL database: `--db postgres://…` (or `BEKAL_DB`) picks
/// the shared server, a path keeps the SQLite file.
@Suite("bekal on PostgreSQL")
struct PostgresCommandLineTests {
    @Test func theOfficersDayWorksOnASharedServer() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let url = try ScratchPostgres.shared.get().newDatabase()
        func ok(_ arguments: String...) throws -> String {
            let run = try bekal.run(arguments: arguments + ["--db", url])
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
            return run.stdout
        }
        #expect(try ok("init", "--name", "Dinas Sosial Kota Uji").contains("is ready (office utama, book KANTOR)"))
        // The seal key is kept outside the database, in the folder the command ran in.
        let database = url.split(separator: "?")[0].split(separator: "/").last!
        #expect(FileManager.default.fileExists(atPath: bekal.directory.appendingPathComponent("\(database).seal-key").path))
        _ = try ok("track", "add", "--code", "tata-boga", "--name", "Tata Boga")
        _ = try ok("cohort", "add", "--code", "2026", "--training-start", "2026-01-05", "--training-end", "2026-04-03")
        _ = try ok("beneficiary", "add", "--name", "Siti Rahayu")
        _ = try ok("enrol", "--beneficiary", "B-00001", "--cohort", "2026", "--track", "tata-boga", "--status", "completed")
        _ = try ok("budget", "receive", "--amount", "10.000.000", "--ref", "SP2D-1", "--date", "2026-11-02")
        // A new office pays grants only against an approved list: the admin drafts, the head approves.
        #expect(try bekal.run(arguments: ["grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-1", "--date", "2026-11-03", "--db", url])
            .stderr.contains("on no approved recipient list"))
        _ = try ok("list", "draft", "--cohort", "2026", "--actor", "admin")
        _ = try ok("list", "approve", "DP-2026-1", "--sk", "460/1/2026", "--sk-date", "2026-11-02", "--actor", "kepala")
        _ = try ok("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-1", "--date", "2026-11-03")
        #expect(try ok("grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-1", "--date", "2026-11-03").contains("Already recorded"))
        let trial = try ok("report", "trial-balance", "--format", "csv")
        #expect(trial.contains("8.500.000") || trial.contains("8500000"), "\(trial)")
        #expect(try ok("verify").contains("OK"))

        // Refusals are the same sentences as on SQLite, and change nothing.
        let second = try bekal.run(arguments: ["grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-2", "--db", url])
        #expect(second.status == 1 && second.stderr.contains("already"), "\(second.stderr)")
        let backup = try bekal.run(arguments: ["backup", "--to", "copy.sqlite", "--db", url])
        #expect(backup.status == 1 && backup.stderr.contains("pg_dump"))
    }

    @Test func theDemoOnPostgreSQLVerifiesAndHasTheSameBooksAsOnSQLite() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let url = try ScratchPostgres.shared.get().newDatabase()
        for db in [url, "demo.sqlite"] {
            let loaded = try bekal.run("demo", "--db", db, "--seal-key", db == url ? "pg.seal-key" : "sqlite.seal-key")
            #expect(loaded.status == 0, "\(loaded.stderr)")
            let verified = try bekal.run("verify", "--db", db, "--seal-key", db == url ? "pg.seal-key" : "sqlite.seal-key")
            #expect(verified.status == 0 && verified.stdout.hasPrefix("OK: 322 entries"), "\(verified.stdout)\(verified.stderr)")
        }
        for report in [["report", "trial-balance"], ["report", "grants"], ["report", "budget-use"], ["report", "outcomes", "--as-of", "2012-12-31"]] {
            let onPostgres = try bekal.run(arguments: report + ["--format", "csv", "--db", url])
            let onSQLite = try bekal.run(arguments: report + ["--format", "csv", "--db", "demo.sqlite"])
            #expect(onPostgres.status == 0 && !onPostgres.stdout.isEmpty, "\(report): \(onPostgres.stderr)")
            #expect(onPostgres.stdout == onSQLite.stdout, "\(report.joined(separator: " ")) differs between the stores")
        }
    }

    @Test func aServerThatIsNotThereIsOneLineWithoutThePassword() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let folder = try ScratchPostgres.shared.get().folder.path
        let run = try bekal.run("report", "trial-balance", environment: ["BEKAL_DB": "postgres://bendahara:rahasia@/bekal?host=\(folder)&port=1"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("bekal: Cannot reach the PostgreSQL database postgres://bendahara:***@/bekal"), "\(run.stderr)")
        #expect(!run.stderr.contains("rahasia"))
    }
}
