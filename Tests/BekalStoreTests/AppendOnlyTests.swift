import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// The books are append-only in the schema itself, and any edit that gets past the schema
/// is found by `Verification.run`, which names the first entry that is wrong.
@Suite("Append-only books and tamper evidence")
struct AppendOnlyTests {
    /// Entries: #1 budget, #2 grant B-00001, #3 grant B-00002 with its capital #4 in U-0002,
    /// #5 aftercare, #6 reversal of #5; October closed.
    static func booksWithHistory(_ f: Fixture) throws {
        let ctx = Fixture.context
        try f.receive(20_000_000)
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00001", documentRef: "KW-001"), context: ctx)
        _ = try f.ops.disburseGrant(GrantRequest(beneficiary: "B-00002", documentRef: "KW-002", usaha: "U-0002"), context: ctx)
        _ = try f.ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(350_000), documentRef: "NOTA-7", memo: "Cetak label merek"), context: ctx)
        _ = try f.ops.reverse(entryID: 5, reason: "nota ganda", context: ctx)
        try f.ops.closeMonth(YearMonth(year: 2026, month: 10)!, context: ctx)
    }

    func verify(_ store: SQLiteStore) throws -> VerificationReport {
        try store.read { tx in try Verification.run(on: tx) }
    }

    @Test("UPDATE and DELETE are refused by triggers", arguments: [
        "UPDATE journal_entry SET memo = 'diubah' WHERE id = 2",
        "UPDATE journal_entry SET value_date = '2026-01-01'",
        "DELETE FROM journal_entry WHERE id = 6",
        "UPDATE posting SET amount = amount + 1 WHERE entry_id = 2 AND line = 0",
        "DELETE FROM posting WHERE entry_id = 2",
        "UPDATE grant_payment SET amount = 1",
        "DELETE FROM grant_payment",
        "DELETE FROM period_closing",
    ])
    func triggersRefuseEdits(sql: String) throws {
        let f = try Fixture()
        try Self.booksWithHistory(f)
        let before = try f.snapshot()
        let table = sql.split(separator: " ").first { ["journal_entry", "posting", "grant_payment", "period_closing"].contains(String($0)) }!
        #expect {
            try f.store.unsafeExecuteForTesting(sql)
        } throws: { error in
            "\(error)".contains("\(table) is append-only: correct it with a reversal entry")
        }
        #expect(try f.snapshot() == before)
        #expect(try verify(f.store).isValid)
    }

    @Test func anUntouchedHistoryVerifies() throws {
        let f = try Fixture()
        try Self.booksWithHistory(f)
        let report = try verify(f.store)
        #expect(report.isValid, "\(report.problems)")
        #expect(report.entries == 6 && report.postings == 12 && report.firstBadEntryID == nil)
    }

    func tampered(_ sql: String) throws -> VerificationReport {
        let f = try Fixture()
        try Self.booksWithHistory(f)
        try f.store.unsafeExecuteForTesting("""
            DROP TRIGGER journal_entry_no_update; DROP TRIGGER journal_entry_no_delete;
            DROP TRIGGER posting_no_update; DROP TRIGGER posting_no_delete;
            """)
        try f.store.unsafeExecuteForTesting(sql)
        return try verify(f.store)
    }

    @Test func editedMemoIsNamed() throws {
        let report = try tampered("UPDATE journal_entry SET memo = 'Bantuan modal kerja B-00009 angkatan 2026' WHERE id = 3")
        #expect(!report.isValid)
        #expect(report.firstBadEntryID == 3)
        #expect(report.problems.first == "entry #3: content does not match its hash (altered after recording)")
    }

    @Test func editedAmountIsNamed() throws {
        // Both sides edited so the entry still balances: only the hash and running balances catch it.
        let report = try tampered("""
            UPDATE posting SET amount = 15000000 WHERE entry_id = 2 AND line = 0;
            UPDATE posting SET amount = -15000000 WHERE entry_id = 2 AND line = 1;
            """)
        #expect(report.firstBadEntryID == 2)
        #expect(report.problems.first == "entry #2: content does not match its hash (altered after recording)")
        #expect(report.problems.contains { $0.hasPrefix("account 5101 (book #1): running balance") })
    }

    @Test func cashTakenBelowZeroByAnEditIsNamed() throws {
        let report = try tampered("""
            UPDATE posting SET amount = 25000000 WHERE entry_id = 2 AND line = 0;
            UPDATE posting SET amount = -25000000 WHERE entry_id = 2 AND line = 1;
            """)
        #expect(report.problems.prefix(2) == ["entry #2: content does not match its hash (altered after recording)",
                                              "entry #2: account 1101 goes below zero"])
    }

    /// An edit to extreme amounts must be reported, not crash `bekal verify`.
    @Test func extremeAmountsAreReportedNotACrash() throws {
        let report = try tampered("""
            UPDATE posting SET amount = -9223372036854775808 WHERE entry_id = 2 AND line = 1;
            UPDATE posting SET amount = 9223372036854775807 WHERE entry_id = 3 AND line = 0;
            UPDATE posting SET amount = 9223372036854775807 WHERE entry_id = 4 AND line = 0;
            """)
        #expect(report.firstBadEntryID == 2)
        #expect(report.problems.prefix(2) == ["entry #2: content does not match its hash (altered after recording)",
                                              "entry #2: postings overflow 64 bits"])
        let renumbered = try tampered("PRAGMA foreign_keys = OFF; UPDATE journal_entry SET id = 9223372036854775807 WHERE id = 6")
        #expect(renumbered.firstBadEntryID == 9_223_372_036_854_775_807)
        #expect(renumbered.problems.first == "entry #9223372036854775807: expected entry #6 here; an entry is missing")
    }

    @Test func oneSidedAmountEditIsUnbalanced() throws {
        let report = try tampered("UPDATE posting SET amount = amount + 1 WHERE entry_id = 2 AND line = 0")
        #expect(report.firstBadEntryID == 2)
        #expect(report.problems.contains("entry #2: does not balance (off by Rp1)"))
    }

    @Test func deletedEntryIsNamed() throws {
        // Entry #6 (the reversal) points at #5, so foreign keys must be off to delete it.
        let report = try tampered("PRAGMA foreign_keys = OFF; DELETE FROM posting WHERE entry_id = 5; DELETE FROM journal_entry WHERE id = 5")
        #expect(report.firstBadEntryID == 6)
        #expect(report.problems.first == "entry #6: expected entry #5 here; an entry is missing")
        #expect(report.problems.contains("entry #6: previous hash does not match entry #5"))
    }

    /// Cutting off the newest entry leaves the chain whole; the running balances still show it.
    @Test func deletedLastEntryShowsInTheRunningBalances() throws {
        let report = try tampered("DELETE FROM posting WHERE entry_id = 6; DELETE FROM journal_entry WHERE id = 6")
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.hasPrefix("account 1101 (book #1): running balance Rp20.350.000/Rp3.350.000 differs") })
    }

    @Test func aRecomputedHashBreaksTheNextLink() throws {
        let f = try Fixture()
        try Self.booksWithHistory(f)
        let entry = try #require(try f.store.read { tx in try tx.entry(id: 3) })
        let forged = EntryHash.sha256Hex(EntryHash.canonical(
            id: entry.id, bookID: entry.bookID, kind: entry.kind, valueDate: entry.valueDate, recordedAt: entry.recordedAt,
            actor: entry.actor, memo: "dipalsukan", documentRef: entry.documentRef, idempotencyKey: entry.idempotencyKey,
            reversesEntryID: entry.reversesEntryID, linkedEntryID: entry.linkedEntryID, postings: entry.postings,
            previousHash: entry.previousHash))
        try f.store.unsafeExecuteForTesting("""
            DROP TRIGGER journal_entry_no_update;
            UPDATE journal_entry SET memo = 'dipalsukan', hash = '\(forged)' WHERE id = 3;
            """)
        let report = try verify(f.store)
        #expect(report.firstBadEntryID == 4)
        #expect(report.problems.first == "entry #4: previous hash does not match entry #3")
    }

    @Test func editedRunningBalanceIsFound() throws {
        let f = try Fixture()
        try Self.booksWithHistory(f)
        try f.store.unsafeExecuteForTesting("""
            UPDATE account_balance SET debit = debit + 1000000, balance = balance + 1000000
            WHERE account_id = (SELECT id FROM account WHERE code = '1101' AND book_id = 1)
            """)
        let report = try verify(f.store)
        #expect(!report.isValid && report.firstBadEntryID == nil)
        #expect(report.problems == ["account 1101 (book #1): running balance Rp21.350.000/Rp3.350.000 differs from the postings' Rp20.350.000/Rp3.350.000"])
    }

    // MARK: The file

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    @Test func databaseFileIsOwnerOnly() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bekal.sqlite").path
        let f = try Fixture(store: try SQLiteStore(path: path))
        try f.receive(1_000_000)
        #expect(try Self.mode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try Self.mode(path + suffix) == 0o600, "\(suffix)")
        }
    }

    /// Restore checks the backup as `bekal restore` does: the hash chain must verify.
    func restore(_ target: SQLiteStore, from path: String) throws {
        try target.restore(from: path) { backup in
            let report = try backup.read { tx in try Verification.run(on: tx) }
            if !report.isValid { throw TamperedBackup(firstBadEntryID: report.firstBadEntryID) }
        }
    }

    struct TamperedBackup: Error, Equatable { let firstBadEntryID: Int64? }

    @Test func backupAndRestoreRoundTrip() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try Fixture(store: try SQLiteStore(path: dir.appendingPathComponent("kantor.sqlite").path))
        try Self.booksWithHistory(original)
        let backupPath = dir.appendingPathComponent("cadangan.sqlite").path
        try original.store.backup(to: backupPath)
        #expect(try Self.mode(backupPath) == 0o600)
        #expect(throws: StoreError.destinationExists(path: backupPath)) { try original.store.backup(to: backupPath) }
        #expect(StoreError.destinationExists(path: "/x/b.sqlite").message == "/x/b.sqlite already exists; a backup never overwrites a file. Choose a new name.")

        // More happens after the backup; restoring brings the books back to the backup.
        let atBackup = try original.snapshot()
        let trialAtBackup = try original.store.read { tx in try TrialBalance.build(from: tx) }
        try original.receive(5_000_000, ref: "SP2D-002")
        #expect(try original.snapshot() != atBackup)
        try restore(original.store, from: backupPath)
        #expect(try original.snapshot() == atBackup)
        #expect(try original.store.read { tx in try TrialBalance.build(from: tx) } == trialAtBackup)
        #expect(try verify(original.store).isValid)

        // Into a fresh, empty database too.
        let fresh = try SQLiteStore(path: dir.appendingPathComponent("baru.sqlite").path)
        try restore(fresh, from: backupPath)
        #expect(try Fixture.count("journal_entry", in: fresh) == 6)
        #expect(try fresh.read { tx in try TrialBalance.build(from: tx) } == trialAtBackup)
    }

    @Test func restoreRefusesATamperedBackup() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try Fixture(store: try SQLiteStore(path: dir.appendingPathComponent("kantor.sqlite").path))
        try Self.booksWithHistory(original)
        let backupPath = dir.appendingPathComponent("cadangan.sqlite").path
        try original.store.backup(to: backupPath)
        do {
            let backup = try SQLiteStore(path: backupPath)
            try backup.unsafeExecuteForTesting("""
                DROP TRIGGER posting_no_update;
                UPDATE posting SET amount = 1000000 WHERE entry_id = 2 AND line = 0;
                UPDATE posting SET amount = -1000000 WHERE entry_id = 2 AND line = 1;
                """)
        }
        try original.receive(5_000_000, ref: "SP2D-002")
        let before = try original.snapshot()
        #expect(throws: TamperedBackup(firstBadEntryID: 2)) { try restore(original.store, from: backupPath) }
        #expect(try original.snapshot() == before)
        #expect(throws: StoreError.cannotOpen(path: dir.appendingPathComponent("tidak-ada.sqlite").path, reason: "no such file")) {
            try restore(original.store, from: dir.appendingPathComponent("tidak-ada.sqlite").path)
        }
    }
}

@Suite("Verification agrees with the ledger")
struct VerificationAgreementTests {
    /// The ledger lets a no-negative account dip inside an entry as long as it does not end
    /// below zero; verification must judge by the same rule, not posting by posting.
    @Test func aDipInsideOneEntryIsNotAProblem() throws {
        let f = try Fixture()
        try f.receive(100)
        let (book, cash, budget) = try f.store.read { tx in
            let book = try #require(try tx.book(code: Book.officeCode))
            return (book, try #require(try tx.account(bookID: book.id, role: .cash)), try #require(try tx.account(bookID: book.id, role: .budgetTransfer)))
        }
        let draft = EntryDraft(bookID: book.id, kind: .budgetReceipt, valueDate: Fixture.today, memo: "koreksi kas", documentRef: "M-1",
                               idempotencyKey: "manual:dip", postings: [
                                   Posting(accountID: cash.id, amount: Rupiah(-150)), Posting(accountID: cash.id, amount: Rupiah(100)),
                                   Posting(accountID: budget.id, amount: Rupiah(50)),
                               ])
        try f.store.write { tx in _ = try Ledger.post(draft, context: Fixture.context, today: Fixture.today, in: tx) }
        #expect(try f.balance(.cash) == Rupiah(50))
        let report = try f.store.read { tx in try Verification.run(on: tx) }
        #expect(report.isValid, "\(report.problems)")
    }
}

/// The schema holds what the core assumes: an entry kind Bekal does not write is refused.
@Suite struct SchemaHoldsTests {
    @Test func anEntryOfAnUnknownKindIsRefusedByTheSchema() throws {
        let f = try Fixture()
        #expect(throws: (any Error).self) {
            try f.store.unsafeExecuteForTesting("""
                INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, idempotency_key, previous_hash, hash)
                VALUES (1, 1, 'gift', '2026-11-01', '2026-11-01T00:00:00Z', 'x', 'x', 'k', '', '\\(String(repeating: "a", count: 64))')
                """)
        }
        // Every kind the core has is one the schema takes.
        let sql = try #require(try SQLiteTransaction.expectedSchema()["journal_entry"]).sql
        for kind in EntryKind.allCases { #expect(sql.contains("'\(kind.rawValue)'"), "\(kind)") }
    }
}
