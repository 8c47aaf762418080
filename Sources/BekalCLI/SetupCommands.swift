import ArgumentParser
import BekalCore
import BekalPostgres
import BekalStore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the database with the office's book and default chart.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var keyFile: SealKeyOptions
    @Option(help: "The office's name, for reports and letters, e.g. \"Dinas Sosial Kota Pekanbaru\".") var name: String?

    func run() throws {
        // On a shared server, `--office KODE` that is not there yet is added, named by --name.
        if store.isPostgres, let code = store.officeCode, !(try PostgresStore.offices(store.path).contains { $0.code == code }) {
            guard let name else { throw OfficeRejection.noName(code: code) }
            try PostgresStore.addOffice(try Office(code: code, name: name), to: store.path)
        }
        let opened = try store.createStore()
        // A new office pays grants only against approved recipient lists; `bekal settings set
        // --grants-need-list no` turns it off for an office that does not work that way.
        let book = try Operations(store: opened).initialise(officeName: name, grantsNeedApprovedList: true)
        let office = (opened as? PostgresStore).map { "office \($0.office.code), " } ?? ""
        printLine("Database \(store.shownPath) is ready (\(office)book \(book.code)).")
        printLine(try store.ensureSealKey(in: opened, at: keyFile.path(store)))
    }
}

struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal the books now: the chain head and every sealed record, signed with the office's key.",
        discussion: """
            Prints the seal's short form: copy it onto paper (the month-closing report carries it) and \
            check it later with `bekal verify --expect "…"`. Every month closing seals the books too.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var keyFile: SealKeyOptions
    @Option(help: "Why, for the record (default: manual).") var reason: String = "manual"

    func run() throws {
        let opened = try store.openStore()
        let sealsExist = try !opened.read { tx in try tx.seals() }.isEmpty
        let (key, created) = try SealKeyFile.loadOrCreate(keyFile.path(store), sealsExist: sealsExist)
        if created { printLine(SealKeyFile.describe(key, at: keyFile.path(store), created: true)) }
        let seal = try Operations(store: opened).seal(reason: reason, key: key, context: store.context)
        printLine("Sealed: \(seal.shortForm)")
        printLine("Public key \(seal.publicKey).")
    }
}

extension StoreOptions {
    /// The office's seal key: created beside a new database when there is none, and said.
    public func ensureSealKey(in store: any BekalStore, at path: String) throws -> String {
        let sealsExist = try !store.read { tx in try tx.seals() }.isEmpty
        let (key, created) = try SealKeyFile.loadOrCreate(path, sealsExist: sealsExist)
        return SealKeyFile.describe(key, at: path, created: created)
    }
}

struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade", abstract: "Bring an existing database to this version's schema (reading commands never change it).")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let opened = try store.openStore()
        let version = opened is PostgresStore ? PostgresStore.schemaVersion : SQLiteStore.schemaVersion
        printLine("Database \(store.shownPath) has this version's schema (\(version)).")
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute the hash chain and every invariant of the books.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var keyFile: SealKeyOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "A seal's short form as copied on paper; it must be in the books as written.") var expect: String?
    @Option(name: .customLong("public-key"), help: "The office's public key (hex), from a copy kept away from the server; default: the seal key file's.")
    var publicKey: String?

    func run() throws {
        let expected = try parsed(expect) { try SealReference.parse($0) }
        let trusted = try publicKey.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? SealKeyFile.publicKey(keyFile.path(store))
        let (report, sealed) = try store.openForReading().read { tx in
            (try Verification.run(on: tx, trustedPublicKey: trusted, expect: expected), try !tx.seals().isEmpty)
        }
        if trusted == nil && sealed {
            FileHandle.standardError.write(Data("bekal: note: no seal key at \(keyFile.path(store)) and no --public-key: the seals were checked against the key they carry, not the office's.\n".utf8))
        }
        if output.format == .json {
            printLine(try Render.json(report))
        } else if report.isValid {
            let seals = report.seals == 0 ? "no seal yet (`bekal seal`)" : "\(report.seals) seal(s) and what they cover"
            printLine("OK: \(report.entries) entries, \(report.postings) postings; hash chain, balance, running balances, cash by value date, \(seals) and the schema verified.")
        } else {
            for problem in report.problems { printLine(problem) }
        }
        if !report.isValid {
            throw VerificationFailed(firstBadEntryID: report.firstBadEntryID, count: report.problems.count)
        }
    }
}

struct VerificationFailed: BekalFailure {
    let firstBadEntryID: Int64?
    let count: Int
    var code: String { "verification_failed" }
    var message: String {
        "Verification failed with \(count) problem(s)" + (firstBadEntryID.map { "; the first wrong entry is #\($0)" } ?? "") + "."
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database to a new file (SQLite online backup).")
    @OptionGroup var store: StoreOptions
    @Option(help: "The backup file to create; it must not exist.") var to: String

    func run() throws {
        try store.sqliteFile(.readOnly, for: "backup").backup(to: to)
        printLine("Backed up \(store.path) to \(to).")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Replace the database with a backup checked as thoroughly as `bekal verify`.",
        discussion: """
            The backup is never written to. It must verify (chain, balances, seals against the office's key, \
            schema and triggers), and it may not be older than the last seal of the database it replaces \
            unless --reason says why (recorded in the audit log).
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var keyFile: SealKeyOptions
    @Option(help: "The backup file to restore from.") var from: String
    @Option(help: "Why a backup older than the database's last seal is restored (at least 10 characters).") var reason: String?

    func run() throws {
        guard !store.isPostgres else { throw SQLiteOnly(command: "restore") }
        let liveSeal = FileManager.default.fileExists(atPath: store.path)
            ? try store.openForReading().read { tx in try tx.seals().last?.number } : nil
        let trusted = try SealKeyFile.publicKey(keyFile.path(store))
        let target = try store.sqliteFile(.create, for: "restore")
        var older: (backup: Int64, live: Int64)?
        try target.restore(from: from) { backup in
            let report = try backup.read { tx in try Verification.run(on: tx, trustedPublicKey: trusted) }
            if !report.isValid {
                for problem in report.problems { FileHandle.standardError.write(Data("bekal: \(from): \(problem)\n".utf8)) }
                throw VerificationFailed(firstBadEntryID: report.firstBadEntryID, count: report.problems.count)
            }
            let backupSeal = try backup.read { tx in try tx.seals().last?.number } ?? 0
            if let liveSeal, backupSeal < liveSeal {
                let stated = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if stated.count < 10 { throw RestoreRefusal.olderThanLastSeal(backupSeal: backupSeal, liveSeal: liveSeal) }
                older = (backupSeal, liveSeal)
            }
        }
        if let older {
            let context = store.context
            try target.write { tx in
                try tx.insertAudit(at: context.recordedAt, actor: context.actor, action: .restoreOlder, subject: from,
                                   detail: "backup sealed through #\(older.backup), the database replaced through #\(older.live): \(reason!)")
            }
        }
        printLine("Restored \(store.path) from \(from).")
    }
}

enum RestoreRefusal: BekalFailure {
    case olderThanLastSeal(backupSeal: Int64, liveSeal: Int64)
    var code: String { "backup_older_than_seal" }
    var message: String {
        switch self {
        case .olderThanLastSeal(let backup, let live):
            "The backup's last seal is #\(backup), older than the database's last seal #\(live): restoring it would undo sealed books. If that is intended, say why with --reason (at least 10 characters); nothing was changed."
        }
    }
}
