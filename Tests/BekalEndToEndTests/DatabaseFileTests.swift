import BekalCore
import BekalStore
import Foundation
import Testing

/// What `bekal` does with the database file itself: a missing, foreign, newer, exposed or
/// damaged file is refused in one line (or made private, and said), and a reading command
/// never changes the file it reads.
@Suite("The database file")
struct DatabaseFileTests {
    func expectRefused(_ run: Bekal.Run, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(run.stderr == "bekal: \(message)\n", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    @Test func aMissingFileIsRefusedByEveryCommandButInitDemoAndRestore() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        for arguments in [["verify"], ["report", "trial-balance"], ["backup", "--to", "b.sqlite"], ["export", "journal"],
                          ["grant", "disburse", "--beneficiary", "B-00001", "--ref", "KW-1"], ["user", "list"], ["upgrade"]] {
            let run = try bekal.run(arguments: arguments)
            #expect(run.status == 1 && run.stderr.hasPrefix("bekal: No Bekal database at bekal.sqlite; create one with `bekal init"),
                    "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: bekal.databasePath), "\(arguments) created the file")
        }
        // An empty file (what older versions left behind) is no database either.
        _ = FileManager.default.createFile(atPath: bekal.databasePath, contents: Data())
        #expect(try bekal.run("verify").stderr.hasPrefix("bekal: No Bekal database at bekal.sqlite"))
        #expect(try bekal.run("init").status == 0)
    }

    @Test func aFileWrittenByANewerBekalOrNotByBekalIsRefused() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init").status == 0)
        try SQLiteStore(path: bekal.databasePath).unsafeExecuteForTesting("INSERT INTO grdb_migrations (identifier) VALUES ('v9-offices')")
        for arguments in [["verify"], ["budget", "receive", "--amount", "1000", "--ref", "X"]] {
            expectRefused(try bekal.run(arguments: arguments),
                          "The database at bekal.sqlite was written by a newer Bekal (schema v9-offices, unknown to this version); use that version or a later one. Nothing was changed.")
        }
        let other = bekal.directory.appendingPathComponent("lain.sqlite").path
        try SQLiteStore(path: other).unsafeExecuteForTesting("DROP TABLE grdb_migrations")
        expectRefused(try bekal.run("report", "trial-balance", "--db", other),
                      "\(other) is an SQLite file but not a Bekal database; give the path of your Bekal file with --db, or create one elsewhere with `bekal init`.")
        let garbage = bekal.directory.appendingPathComponent("rusak.sqlite").path
        _ = FileManager.default.createFile(atPath: garbage, contents: Data(repeating: 0x5A, count: 8192))
        expectRefused(try bekal.run("verify", "--db", garbage),
                      "The database at \(garbage) is damaged or not a database file; nothing was written. Restore the latest backup with `bekal restore --from BACKUP`.")
    }

    @Test func aFileOthersCanReadIsMadePrivateAndSaidSo() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init").status == 0)
        chmod(bekal.databasePath, 0o644)
        let run = try bekal.run("report", "trial-balance")
        #expect(run.status == 0)
        #expect(run.stderr == "bekal: note: bekal.sqlite was readable by others (mode 644); it is now readable by its owner only (0600).\n")
        #expect(try mode(bekal.databasePath) == 0o600)
        #expect(try bekal.run("report", "trial-balance").stderr.isEmpty)
    }

    /// A backup is verified without a byte of it changing: no migration, no WAL files, no
    /// write; and a writing command on it is refused as read-only when the file is.
    @Test func readingCommandsLeaveTheFileAsItWas() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("demo").status == 0)
        let backup = bekal.directory.appendingPathComponent("cadangan.sqlite").path
        #expect(try bekal.run("backup", "--to", backup).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: backup))
        let stamp = try FileManager.default.attributesOfItem(atPath: backup)[.modificationDate] as? Date
        chmod(backup, 0o400)
        for arguments in [["verify"], ["report", "trial-balance"], ["report", "cash-book"], ["export", "journal", "--out", "j.journal"],
                          ["followup", "due"], ["report", "usaha"]] {
            let run = try bekal.run(arguments: arguments + ["--db", backup])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.modificationDate] as? Date == stamp)
        for sidecar in ["-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: backup + sidecar), "\(sidecar) was created")
        }
    }
}

