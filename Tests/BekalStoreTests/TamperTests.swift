import BekalCore
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// An insider with the database file (and Bekal's own source) tries to change the books
/// unseen; the seals, signed with a key she does not have, show every attempt.
@Suite("Tampering, as an insider with the file")
struct TamperTests {
    let f: Fixture
    let key = SealKey.generate()
    var ctx: OperationContext { Fixture.context }

    init() throws {
        f = try Fixture()
        try f.receive(20_000_000, date: LocalDate(year: 2026, month: 11, day: 1))
        for (i, who) in ["B-00001", "B-00002", "B-00003"].enumerated() {
            _ = try f.ops.disburseGrant(GrantRequest(beneficiary: who, documentRef: "KW-00\(i + 1)",
                                                     valueDate: LocalDate(year: 2026, month: 11, day: 2)), context: Fixture.context)
        }
        _ = try f.ops.addWorker(code: "PSM-01", name: "Bu Rina")
        _ = try f.ops.recordOutcome(beneficiary: "B-00001", asOf: LocalDate(year: 2026, month: 11, day: 20)!, returned: .no,
                                    source: .selfReport, context: Fixture.context)
        _ = try f.ops.addUser(UserDraft(username: "pendamping", displayName: "Bu Rina", role: .pendamping, worker: "PSM-01"),
                              password: "kata-sandi-panjang", hash: { "hash:\($0)" }, context: Fixture.context)
        _ = try f.ops.seal(key: key, context: Fixture.context)
    }

    func verify(expect: SealReference? = nil) throws -> [String] {
        try f.store.read { tx in try Verification.run(on: tx, trustedPublicKey: key.publicKeyHex, expect: expect) }.problems
    }

    /// SQL outside Bekal's rules, the triggers dropped first and put back after, as she would.
    func edit(_ statements: String...) throws {
        try f.store.unsafeExecuteForTesting("DROP TRIGGER journal_entry_no_update; DROP TRIGGER journal_entry_no_delete; " +
                                            "DROP TRIGGER posting_no_update; DROP TRIGGER posting_no_delete; " +
                                            "DROP TRIGGER grant_payment_no_delete; DROP TRIGGER outcome_no_update")
        for statement in statements { try f.store.unsafeExecuteForTesting(statement) }
        try f.store.write { tx in
            let sqlite = tx as! SQLiteTransaction
            let expected = try SQLiteTransaction.expectedSchema()
            for name in ["journal_entry_no_update", "journal_entry_no_delete", "posting_no_update", "posting_no_delete",
                         "grant_payment_no_delete", "outcome_no_update"] {
                try sqlite.db.execute(sql: try #require(expected[name]).sql)
            }
        }
    }

    @Test func untouchedBooksVerify() throws {
        #expect(try verify() == [])
        let seal = try #require(try f.store.read { tx in try tx.seals() }.first)
        #expect(try verify(expect: try SealReference.parse(seal.shortForm)) == [])
        #expect(seal.signatureIsValid && seal.entryID == 4)
    }

    /// She changes a grant's amount, recomputes every hash after it and fixes the running
    /// balances: the chain and the balances agree again, the seal does not.
    @Test func aRewrittenChainIsFound() throws {
        try edit("UPDATE posting SET amount = 1400000 WHERE entry_id = 3 AND amount = 1500000",
                 "UPDATE posting SET amount = -1400000 WHERE entry_id = 3 AND amount = -1500000")
        try f.store.write { tx in
            let sqlite = tx as! SQLiteTransaction
            var previous = ""
            var entries: [JournalEntry] = []
            try tx.forEachEntry { entries.append($0) }
            for e in entries {
                let hash = EntryHash.hash(id: e.id, bookID: e.bookID, kind: e.kind, valueDate: e.valueDate, recordedAt: e.recordedAt,
                                          actor: e.actor, memo: e.memo, documentRef: e.documentRef, idempotencyKey: e.idempotencyKey,
                                          reversesEntryID: e.reversesEntryID, linkedEntryID: e.linkedEntryID, postings: e.postings,
                                          previousHash: previous)
                try sqlite.db.execute(sql: "DROP TRIGGER IF EXISTS journal_entry_no_update")
                try sqlite.db.execute(sql: "UPDATE journal_entry SET previous_hash = ?, hash = ? WHERE id = ?", arguments: [previous, hash, e.id])
                previous = hash
            }
            try sqlite.db.execute(sql: """
                UPDATE account_balance SET (debit, credit, balance) = (
                  SELECT coalesce(sum(CASE WHEN amount > 0 THEN amount END), 0), coalesce(sum(CASE WHEN amount < 0 THEN -amount END), 0),
                         coalesce(sum(amount), 0)
                  FROM posting WHERE account_id = account_balance.account_id)
                """)
            try sqlite.db.execute(sql: try #require(try SQLiteTransaction.expectedSchema()["journal_entry_no_update"]).sql)
        }
        let problems = try verify()
        #expect(problems.contains("seal #1: entry #4 is not the entry sealed (the chain was rewritten up to it)"), "\(problems)")
        // Nothing else gave her away: the chain and the balances agree with each other.
        #expect(!problems.contains { $0.hasPrefix("entry #") || $0.hasPrefix("account ") }, "\(problems)")
    }

    @Test func aCutTailIsFound() throws {
        try edit("DELETE FROM case_summary WHERE grant_entry_id = 4", "DELETE FROM grant_payment WHERE entry_id = 4",
                 "DELETE FROM posting WHERE entry_id = 4", "DELETE FROM journal_entry WHERE id = 4",
                 "UPDATE account_balance SET credit = credit - 1500000, balance = balance + 1500000 WHERE account_id = (SELECT id FROM account WHERE role = 'cash' AND book_id = 1)",
                 "UPDATE account_balance SET debit = debit - 1500000, balance = balance - 1500000 WHERE account_id = (SELECT id FROM account WHERE role = 'grant_expense' AND book_id = 1)")
        let problems = try verify()
        #expect(problems.contains("seal #1 covers the books through entry #4, but they end at #3: entries were cut"), "\(problems)")
        #expect(problems.contains("table grant_payment: seal #1 covers 3 rows up to #3; 2 are there now (rows deleted or added below the seal)"))
    }

    @Test func droppedTriggersAreFound() throws {
        try f.store.unsafeExecuteForTesting("DROP TRIGGER outcome_no_update; DROP TRIGGER audit_log_no_delete")
        #expect(try verify() == ["schema: trigger audit_log_no_delete is missing (an append-only rule was dropped)",
                                 "schema: trigger outcome_no_update is missing (an append-only rule was dropped)"])
        try f.store.unsafeExecuteForTesting("CREATE TRIGGER outcome_no_update BEFORE UPDATE ON outcome BEGIN SELECT 1; END")
        #expect(try verify().contains("schema: trigger outcome_no_update is not this version's (its definition was changed)"))
    }

    @Test func aFlippedOutcomeIsFound() throws {
        try edit("UPDATE outcome SET returned = 'yes' WHERE beneficiary_id = 1")
        #expect(try verify() == ["table outcome: a row sealed by seal #1 (up to #1) was changed"])
    }

    @Test func aPromotedUserIsFound() throws {
        try f.store.unsafeExecuteForTesting("UPDATE app_user SET role = 'admin', worker_id = NULL WHERE username = 'pendamping'")
        #expect(try verify() == ["table app_user: a row sealed by seal #1 (up to #1) was changed"])
    }

    /// She cannot sign: a seal she makes with her own key, or edits, is named.
    @Test func aForgedOrEditedSealIsFound() throws {
        let hers = SealKey.generate()
        _ = try f.ops.seal(reason: "manual", key: hers, context: ctx)
        let fingerprint = SealKey.fingerprint(publicKeyHex: hers.publicKeyHex)
        let office = SealKey.fingerprint(publicKeyHex: key.publicKeyHex)
        #expect(try verify() == ["seal #2: signed by key \(fingerprint), not the office's key \(office)"])
        try f.store.unsafeExecuteForTesting("DROP TRIGGER seal_no_update; UPDATE seal SET entry_id = 3 WHERE id = 1")
        #expect(try verify().contains("seal #1: its signature does not match its content (altered after sealing, or not signed by Bekal)"))
    }

    /// The last seal deleted leaves the books consistent, but the seal on paper is missing.
    @Test func aSealOnPaperThatIsGoneIsFound() throws {
        let paper = try #require(try f.store.read { tx in try tx.seals() }.first).shortForm
        try f.store.unsafeExecuteForTesting("DROP TRIGGER seal_no_delete; DELETE FROM seal")
        let problems = try verify(expect: try SealReference.parse(paper))
        #expect(problems.contains("seal #1, on paper, is not in the books (they hold 0 seal(s)): seals were removed"))
        #expect(problems.contains("schema: trigger seal_no_delete is missing (an append-only rule was dropped)"))
        #expect(throws: InputError.self) { try SealReference.parse("segel 1") }
    }

    /// A value this version cannot read is a finding, never a crash.
    @Test func anUndecodableRowIsAFinding() throws {
        try edit("UPDATE journal_entry SET value_date = '2026-02-30' WHERE id = 2")
        let problems = try verify()
        #expect(problems.first == "entry after #1: journal_entry #2 has a value_date this version cannot read; the file was changed outside Bekal. Restore the latest verified backup.")
    }
}
