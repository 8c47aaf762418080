import BekalCore
import BekalStore
import Foundation
import Testing

/// `bekal seal`, `verify --expect` and `restore` as an office would run them, and as an insider
/// with a copy of the file would try to get past them.
@Suite("Seals on the command line")
struct SealCommandTests {
    func python(_ script: String, _ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 with sqlite3 is needed to tamper with the file")
    }

    @Test func sealVerifyAndThePaperCopy() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let initialised = try bekal.run("init")
        #expect(initialised.stdout.contains("Seal key created at bekal.sqlite.seal-key (readable by its owner only)."))
        let mode = (try FileManager.default.attributesOfItem(atPath: bekal.databasePath + ".seal-key")[.posixPermissions] as! NSNumber).intValue
        #expect(mode & 0o777 == 0o600)
        #expect(try bekal.run("budget", "receive", "--amount", "5.000.000", "--ref", "SP2D-1").status == 0)
        let sealed = try bekal.run("seal")
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let line = try #require(sealed.stdout.split(separator: "\n").first { $0.hasPrefix("Sealed: ") })
        let paper = String(line.dropFirst("Sealed: ".count))
        #expect(paper.hasPrefix("seal 1 · entry 1 · "))
        let ok = try bekal.run("verify", "--expect", paper.lowercased().replacingOccurrences(of: "·", with: " "))
        #expect(ok.status == 0 && ok.stdout.contains("1 seal(s) and what they cover"), "\(ok.stdout)\(ok.stderr)")
        // A wrong paper copy is named; a garbled one is refused as input.
        let wrong = try bekal.run("verify", "--expect", paper.replacingOccurrences(of: "entry 1", with: "entry 2"))
        #expect(wrong.status == 1 && wrong.stdout.hasPrefix("seal #1 in the books is not the one on paper"))
        #expect(try bekal.run("verify", "--expect", "segel satu").stderr.hasPrefix("bekal: --expect \"segel satu\" is not a seal's short form"))
        // Without the key file, verify says what it could not check.
        try FileManager.default.moveItem(atPath: bekal.databasePath + ".seal-key", toPath: bekal.directory.appendingPathComponent("kunci").path)
        let keyless = try bekal.run("verify")
        #expect(keyless.status == 0 && keyless.stderr.hasPrefix("bekal: note: no seal key at bekal.sqlite.seal-key"))
        // A lost key is never replaced silently.
        #expect(try bekal.run("seal").stderr.hasPrefix("bekal: No seal key at bekal.sqlite.seal-key, but the books are already sealed"))
        #expect(try bekal.run("seal", "--seal-key", "kunci").status == 0)
    }

    @Test func restoreRefusesADoctoredBackupAndOneOlderThanTheLastSeal() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("demo").status == 0)
        #expect(try bekal.run("backup", "--to", "cadangan.sqlite").status == 0)
        #expect(try bekal.run("backup", "--to", "diubah.sqlite").status == 0)
        try python("""
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER outcome_no_update")
            db.execute("UPDATE outcome SET returned = 'no' WHERE returned = 'yes'")
            db.execute("CREATE TRIGGER outcome_no_update BEFORE UPDATE ON outcome BEGIN SELECT RAISE(ABORT, 'outcome is append-only: record a new one instead'); END")
            db.commit()
            """, bekal.directory.appendingPathComponent("diubah.sqlite").path)
        let doctored = try bekal.run("restore", "--from", "diubah.sqlite")
        #expect(doctored.status == 1)
        #expect(doctored.stderr.contains("bekal: diubah.sqlite: table outcome: a row sealed by seal #1"), "\(doctored.stderr)")
        // Sealed again since the backup: restoring it would undo a seal.
        #expect(try bekal.run("seal").status == 0)
        let older = try bekal.run("restore", "--from", "cadangan.sqlite")
        #expect(older.stderr == "bekal: The backup's last seal is #1, older than the database's last seal #2: restoring it would undo sealed books. If that is intended, say why with --reason (at least 10 characters); nothing was changed.\n")
        let restored = try bekal.run("restore", "--from", "cadangan.sqlite", "--reason", "server rusak, data sesudah segel #1 dimasukkan ulang")
        #expect(restored.status == 0, "\(restored.stderr)")
        let audit = try bekal.run("audit", "--action", "restore.older")
        #expect(audit.stdout.contains("restore.older"), "\(audit.stdout)")
        #expect(try bekal.run("verify").status == 0)
    }
}
