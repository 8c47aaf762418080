import ArgumentParser
import BekalCore
import BekalStore
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the database with the office's book and default chart.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The office's name, for reports.") var office: String?

    func run() throws {
        let book = try Operations(store: try store.createStore()).initialise(officeName: office)
        printLine("Database \(store.path) is ready (book \(book.code)).")
    }
}

struct UpgradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade", abstract: "Bring an existing database to this version's schema (reading commands never change it).")
    @OptionGroup var store: StoreOptions

    func run() throws {
        _ = try store.openStore()
        printLine("Database \(store.path) has this version's schema (\(SQLiteStore.schemaVersion)).")
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Recompute the hash chain and every invariant of the books.")
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let report = try store.openForReading().read { tx in try Verification.run(on: tx) }
        if output.format == .json {
            printLine(try Render.json(report))
        } else if report.isValid {
            printLine("OK: \(report.entries) entries, \(report.postings) postings; hash chain, balance, running balances and cash by value date verified.")
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
        try store.openForReading().backup(to: to)
        printLine("Backed up \(store.path) to \(to).")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Replace the database with a verified backup.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The backup file to restore from.") var from: String

    func run() throws {
        try store.createStore().restore(from: from) { backup in
            let report = try backup.read { tx in try Verification.run(on: tx) }
            if !report.isValid { throw VerificationFailed(firstBadEntryID: report.firstBadEntryID, count: report.problems.count) }
        }
        printLine("Restored \(store.path) from \(from).")
    }
}
