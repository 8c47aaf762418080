import BekalCore
@testable import BekalPostgres
import BekalStore
import BekalTestSupport
import Foundation
import Testing

/// The ledger, savepoint, user and seal ports of ``PostgresTransaction``, on a real server.
@Suite("PostgreSQL store: ledger, users and seals")
struct PostgresLedgerPortTests {
    let store: PostgresStore

    init() throws {
        store = try PostgresStore(try ScratchPostgres.shared.get().newDatabase())
    }

    func write<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try store.withWriteTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    func read<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try store.withReadTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    static func day(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

    static func entry(_ id: Int64, book: Int64, kind: EntryKind = .budgetReceipt, date: String, documentRef: String? = "SP2D-1",
                      postings: [Posting], reverses: Int64? = nil, key: String? = nil) throws -> JournalEntry {
        JournalEntry(id: id, bookID: book, kind: kind, valueDate: try day(date), recordedAt: "2026-11-02T08:00:00Z", actor: "bendahara",
                     memo: "Penerimaan — APBD", documentRef: documentRef, idempotencyKey: key ?? "entry:\(id)", reversesEntryID: reverses,
                     linkedEntryID: nil, postings: postings, previousHash: id == 1 ? "" : String(repeating: "0", count: 64),
                     hash: String(repeating: "ab", count: 31) + String(format: "%02d", id))
    }

    /// The office book with its default chart: the book and its accounts by role.
    static func office(_ tx: some LedgerPort) throws -> (book: Book, accounts: [AccountRole: Account]) {
        let book = try tx.insertBook(code: "KANTOR", name: "Dinas Sosial", kind: .office)
        var accounts: [AccountRole: Account] = [:]
        for template in DefaultChart.office { accounts[template.role] = try tx.insertAccount(template, bookID: book.id) }
        return (book, accounts)
    }

    // MARK: - Ledger

    @Test func anEntryIsSavedWithItsPostingsAndMovesTheRunningTotals() throws {
        try write { tx in
            let (book, a) = try Self.office(tx)
            let cash = a[.cash]!.id, budget = a[.budgetTransfer]!.id, grants = a[.grantExpense]!.id
            #expect(try tx.book(id: book.id) == book)
            #expect(try tx.book(code: "KANTOR") == book)
            #expect(try tx.book(code: "X") == nil)
            #expect(try tx.account(id: cash) == a[.cash])
            #expect(try tx.account(bookID: book.id, role: .cash) == a[.cash])
            #expect(try tx.account(bookID: book.id, code: "4101") == a[.budgetTransfer])
            #expect(try tx.chainHead() == nil)
            #expect(try tx.latestValueDate(bookID: book.id) == nil)

            let receipt = try Self.entry(1, book: book.id, date: "2026-11-02",
                                         postings: [Posting(accountID: cash, amount: Rupiah(10_000_000)),
                                                    Posting(accountID: budget, amount: Rupiah(-10_000_000), dimensions: Dimensions(budgetYear: 2026))])
            try tx.insert(receipt)
            let grant = try Self.entry(2, book: book.id, kind: .grant, date: "2026-11-01", documentRef: nil,
                                       postings: [Posting(accountID: grants, amount: Rupiah(2_500_000)),
                                                  Posting(accountID: cash, amount: Rupiah(-1_000_000)),
                                                  Posting(accountID: cash, amount: Rupiah(-1_500_000))])
            try tx.insert(grant)
            #expect(try tx.entry(id: 1) == receipt)
            #expect(try tx.entry(id: 2) == grant)
            #expect(try tx.entry(id: 3) == nil)
            #expect(try tx.entry(idempotencyKey: "entry:2") == grant)
            #expect(try tx.entry(idempotencyKey: "none") == nil)
            #expect(try tx.balance(accountID: cash) == Rupiah(7_500_000))
            #expect(try tx.balance(accountID: budget) == Rupiah(-10_000_000))
            #expect(try tx.ledgerTotals(accountID: cash) == AccountTotals(debit: Rupiah(10_000_000), credit: Rupiah(2_500_000)))
            #expect(try tx.chainHead()?.id == 2)
            #expect(try tx.chainHead()?.hash == grant.hash)
            #expect(try tx.latestValueDate(bookID: book.id) == Self.day("2026-11-02"))

            var seen: [String] = []
            try tx.forEachPosting(accountID: cash, bookID: book.id, after: Self.day("2026-10-31")) { seen.append("\($0) \($1.amount)") }
            #expect(seen == ["2026-11-01 -1000000", "2026-11-01 -1500000", "2026-11-02 10000000"])
            seen = []
            try tx.forEachPosting(accountID: cash, bookID: book.id, after: Self.day("2026-11-01")) { seen.append("\($0) \($1.amount)") }
            #expect(seen == ["2026-11-02 10000000"])

            let all = try tx.entrySpan(bookID: book.id, from: nil, through: Self.day("2026-12-31"))
            #expect(all.count == 2)
            #expect(try all.first == Self.day("2026-11-01"))
            #expect(try all.last == Self.day("2026-11-02"))
            let some = try tx.entrySpan(bookID: book.id, from: Self.day("2026-11-02"), through: Self.day("2026-11-30"))
            #expect(some.count == 1)
            #expect(try some.first == Self.day("2026-11-02"))
            let none = try tx.entrySpan(bookID: book.id, from: nil, through: Self.day("2026-10-01"))
            #expect(none.count == 0)
            #expect(none.first == nil)
            #expect(none.last == nil)

            let reversal = try Self.entry(3, book: book.id, kind: .reversal, date: "2026-11-03",
                                          postings: grant.postings.map { Posting(accountID: $0.accountID, amount: Rupiah(-$0.amount.amount)) },
                                          reverses: 2)
            try tx.insert(reversal)
            #expect(try tx.reversalID(of: 2) == 3)
            #expect(try tx.reversalID(of: 1) == nil)
            #expect(try tx.balance(accountID: cash) == Rupiah(10_000_000))
            #expect(try tx.ledgerTotals(accountID: cash) == AccountTotals(debit: Rupiah(12_500_000), credit: Rupiah(2_500_000)))

            #expect(try tx.closedThrough(bookID: book.id) == nil)
            try tx.recordClosing(bookID: book.id, month: YearMonth.parse("2026-10"), actor: "bendahara", recordedAt: "2026-11-05T08:00:00Z")
            try tx.recordClosing(bookID: book.id, month: YearMonth.parse("2026-09"), actor: "bendahara", recordedAt: "2026-11-05T08:00:00Z")
            #expect(try tx.closedThrough(bookID: book.id) == YearMonth.parse("2026-10"))

            try tx.renameAccount(id: cash, code: "1101.01", name: "Kas Tunai")
            #expect(try tx.account(id: cash)?.code == "1101.01")
            #expect(try tx.account(bookID: book.id, code: "1101.01")?.name == "Kas Tunai")
        }
        // Committed: a new transaction sees it all.
        #expect(try read { tx in try tx.chainHead()?.id } == 3)
    }

    @Test func aTotalPast64BitsIsTheCoresRefusal() throws {
        try write { tx in
            let (book, a) = try Self.office(tx)
            let cash = a[.cash]!.id, budget = a[.budgetTransfer]!.id
            try tx.run("UPDATE account_balance SET debit = $1, balance = $1 WHERE account_id = $2", [.int(Int64.max - 5), .int(cash)])
            let entry = try Self.entry(1, book: book.id, date: "2026-11-02",
                                       postings: [Posting(accountID: cash, amount: Rupiah(10)), Posting(accountID: budget, amount: Rupiah(-10))])
            #expect(throws: LedgerRejection.amountOverflow) { try tx.savepoint { try tx.insert(entry) } }
            // The savepoint undid the entry; the transaction goes on.
            #expect(try tx.entry(id: 1) == nil)
            #expect(try tx.balance(accountID: budget) == Rupiah(0))
            #expect(try tx.balance(accountID: cash) == Rupiah(Int64.max - 5))
        }
    }

    @Test func aUsedIDOrKeyIsRefusedAndASavepointUndoesItsPartOnly() throws {
        try write { tx in
            let (book, a) = try Self.office(tx)
            let postings = [Posting(accountID: a[.cash]!.id, amount: Rupiah(5)), Posting(accountID: a[.budgetTransfer]!.id, amount: Rupiah(-5))]
            try tx.insert(try Self.entry(1, book: book.id, date: "2026-11-02", postings: postings))
            #expect { try tx.savepoint { try tx.insert(try Self.entry(1, book: book.id, date: "2026-11-02", postings: postings, key: "other")) } }
                throws: { ($0 as? PGError)?.isUniqueViolation == true }
            #expect { try tx.savepoint { try tx.insert(try Self.entry(2, book: book.id, date: "2026-11-02", postings: postings, key: "entry:1")) } }
                throws: { ($0 as? PGError)?.isUniqueViolation == true }
            let kept = try tx.savepoint { try tx.insertBook(code: "USAHA-1", name: "Warung", kind: .usaha) }
            #expect(try tx.book(code: "USAHA-1") == kept)
            #expect(try tx.chainHead()?.id == 1)
            #expect(try tx.balance(accountID: a[.cash]!.id) == Rupiah(5))
        }
    }

    @Test func anEntryOfAKindThisVersionDoesNotKnowIsARefusalNotACrash() throws {
        try write { tx in
            let (book, a) = try Self.office(tx)
            try tx.insert(try Self.entry(1, book: book.id, date: "2026-11-02",
                                         postings: [Posting(accountID: a[.cash]!.id, amount: Rupiah(5)),
                                                    Posting(accountID: a[.budgetTransfer]!.id, amount: Rupiah(-5))]))
        }
        let insider = try PGConnection(store.target, schema: store.schemaName)
        try insider.execute("ALTER TABLE journal_entry DISABLE TRIGGER journal_entry_append_only; ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_kind_check; UPDATE journal_entry SET kind = 'gift'")
        #expect(throws: PostgresReadError.unknownValue("kind", "gift")) { try read { tx in try tx.entry(id: 1) } }
    }

    // MARK: - Users

    @Test func usersAreSavedListedAndTheirSessionsEnded() throws {
        try write { tx in
            try tx.run("INSERT INTO worker (code, name) VALUES ('PSM-01', 'Pendamping Satu')")
            let worker = try #require(try tx.scalar("SELECT id FROM worker"))
            let admin = try tx.insertUser(UserDraft(username: "admin.satu", displayName: "Admin", role: .admin), workerID: nil,
                                          passwordHash: "h1", createdAt: "2026-11-02T08:00:00Z")
            let pendamping = try tx.insertUser(UserDraft(username: "ani", displayName: "Ani", role: .pendamping), workerID: worker,
                                               passwordHash: "h2", createdAt: "2026-11-02T08:00:00Z")
            let bendahara = try tx.insertUser(UserDraft(username: "Budi", displayName: "Budi", role: .bendahara), workerID: nil,
                                              passwordHash: "h3", createdAt: "2026-11-02T08:00:00Z")
            #expect(admin.active)
            #expect(admin.sessionEpoch == 0)
            #expect(pendamping.id > admin.id)
            #expect(try tx.user(id: admin.id) == admin)
            #expect(try tx.user(username: "ani") == pendamping)
            #expect(try tx.user(username: "nobody") == nil)
            #expect(try tx.users().map(\.username) == ["admin.satu", "Budi", "ani"])

            try tx.setPasswordHash(userID: admin.id, passwordHash: "h1b")
            #expect(try tx.user(id: admin.id)?.passwordHash == "h1b")
            #expect(try tx.user(id: admin.id)?.sessionEpoch == 1)
            try tx.setActive(userID: bendahara.id, active: false)
            #expect(try tx.user(id: bendahara.id)?.active == false)
            #expect(try tx.user(id: bendahara.id)?.sessionEpoch == 1)
            try tx.setActive(userID: bendahara.id, active: true)
            #expect(try tx.user(id: bendahara.id)?.active == true)
            #expect(try tx.user(id: bendahara.id)?.sessionEpoch == 2)
            #expect(try tx.nextSessionEpoch(userID: pendamping.id) == 1)
            #expect(try tx.nextSessionEpoch(userID: pendamping.id) == 2)
            #expect(try tx.nextSessionEpoch(userID: 999) == 0)
            #expect { try tx.savepoint { try tx.insertUser(UserDraft(username: "ani", displayName: "Ani", role: .mitra), workerID: nil,
                                                           passwordHash: "h", createdAt: "") } }
                throws: { ($0 as? PGError)?.isUniqueViolation == true }
            // The schema's second line: a pendamping needs her worker.
            #expect { try tx.savepoint { try tx.insertUser(UserDraft(username: "tanpa", displayName: "T", role: .pendamping), workerID: nil,
                                                           passwordHash: "h", createdAt: "") } }
                throws: { ($0 as? PGError)?.sqlState == "23514" }
        }
    }

    // MARK: - Seals

    /// The same rows, written through the ports (and a few by SQL) to either store.
    static let registrySQL = [
        "INSERT INTO track (code, name) VALUES ('JHT', 'Menjahit'), ('BOG', 'Tata Boga')",
        "INSERT INTO cohort (code, name, training_start, budget, budget_year) VALUES ('K-2026-1', 'Angkatan 1', '2026-03-01', 50000000, 2026)",
        "INSERT INTO beneficiary (external_ref, name, nik, birth_year, consent_share, name_key) VALUES ('DS-1', 'Siti Nurhaliza é', '3273010101900001', 1990, 1, 'siti'), (NULL, 'Ani; t3:x', NULL, NULL, 0, NULL)",
        "INSERT INTO enrolment (beneficiary_id, cohort_id, track_id, status) VALUES (1, 1, 2, 'completed'), (2, 1, 1, 'enrolled')",
        "INSERT INTO worker (code, name) VALUES ('PSM-01', 'Pendamping Satu')",
        "INSERT INTO equipment_item (code, name, unit) VALUES ('MJ-1', 'Mesin jahit', 'unit')",
        "INSERT INTO kelompok (name, cohort_id, track_id) VALUES ('Kelompok Mawar', 1, NULL)",
        "INSERT INTO kelompok_member (kelompok_id, beneficiary_id, joined_on) VALUES (1, 1, '2026-04-01')",
        "INSERT INTO usaha (owner_beneficiary_id, product, brand) VALUES (1, 'Kue', NULL)",
        "INSERT INTO visit (visit_date, worker_id, beneficiary_id, contact_mode, sales_amount, sales_start, sales_end, natural_key, recorded_at, actor) VALUES ('2026-06-01', 1, 1, 'phone', 150000, '2026-05-01', '2026-05-31', 'v1', '2026-06-01T09:00:00Z', 'psm')",
        "INSERT INTO visit_equipment (visit_id, item_id, condition) VALUES (1, 1, 'working')",
        "INSERT INTO outcome (beneficiary_id, as_of, returned, source, recorded_by, recorded_at) VALUES (1, '2026-06-01', 'no', 'self_report', 'psm', 'x')",
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ('2026-06-01T09:00:00Z', 'admin', 'user.add', 'ani', '')",
        // Corrections: the seal digests her row and the usaha's as first written (the views).
        "INSERT INTO registry_change (subject, subject_id, on_date, reason, actor, recorded_at) VALUES ('beneficiary', 1, '2026-06-02', 'salah ketik', 'admin', 'x'), ('usaha', 1, '2026-06-03', NULL, 'admin', 'y')",
        "INSERT INTO registry_change_field (change_id, field, old_value, new_value) VALUES (1, 'birth_year', '1989', '1990'), (1, 'external_ref', NULL, 'DS-1'), (2, 'product', 'Roti', 'Kue')",
        // A recipient list, approved: its payment names the entry `fill` writes.
        "INSERT INTO recipient_list (code, cohort_id, track_id, amount, amount_reason, supersedes_id, supersede_reason, drafted_by, drafted_at) VALUES ('DP-K-2026-1-1', 1, NULL, 1500000, NULL, NULL, NULL, 'admin', 'x')",
        "INSERT INTO recipient_list_line (list_id, number, beneficiary_id, amount) VALUES (1, 1, 1, 1500000), (1, 2, 2, 1500000)",
        "INSERT INTO recipient_list_equipment (list_id, number, kelompok_id, item_id, quantity) VALUES (1, 1, 1, 1, 2)",
        "INSERT INTO recipient_list_approval (list_id, approved_by, approved_at, decree_number, decree_date) VALUES (1, 'kepala', 'y', '460/1/2026', '2026-05-30')",
        // Her path: an intake by referral, a stage, and a closing with a reason of her own words.
        "INSERT INTO intake (enrolment_id, route, referring_office, letter_number, letter_date, category, consent_on, birth_date, actor, recorded_at) VALUES (1, 'referral', 'Dinsos Kab. é', '460/7', '2026-02-01', 'eks-wts', '2026-02-03', '1990-05-17', 'admin', 'x'), (2, 'self', NULL, NULL, NULL, 'rentan', '2026-02-04', NULL, 'admin', 'y')",
        "INSERT INTO case_stage (enrolment_id, stage, on_date, closes, reason_code, reason, actor, recorded_at) VALUES (1, 'asesmen', '2026-03-02', 0, NULL, NULL, 'admin', 'x'), (2, 'terminasi', '2026-04-01', 1, 'other', 'pindah ikut suami é', 'admin', 'y')",
        "INSERT INTO outcome (beneficiary_id, as_of, returned, source, recorded_by, recorded_at) VALUES (2, '2026-07-01', 'yes', 'community_report', 'psm', 'y')",
        "INSERT INTO outcome_factor (outcome_id, kind, code, text) VALUES (2, 'reason', 'family_needs_money', NULL), (2, 'reason', 'other', 'utang é'), (1, 'protective', 'family_support', NULL)",
        "INSERT INTO need (beneficiary_id, kelompok_id, kind, note, opened_on, visit_id, worker_id, actor, recorded_at) VALUES (1, NULL, 'marketing', 'label é', '2026-06-01', 1, 1, 'psm', 'x'), (NULL, 1, 'health', NULL, '2026-06-02', NULL, NULL, 'admin', 'y')",
        "INSERT INTO need_answer (need_id, closed_on, support, note, visit_id, actor, recorded_at) VALUES (1, '2026-06-20', 'branding', 'cetak label é', NULL, 'psm', 'z')",
        "INSERT INTO consent_event (beneficiary_id, kind, given, on_date, name, service, actor, recorded_at) VALUES (1, 'show_name', 1, '2026-06-03', 'Ibu Siti é', NULL, 'admin', 'x'), (1, 'referral', 1, '2026-06-04', NULL, 'PKM-01', 'admin', 'y'), (2, 'share_business', 0, '2026-06-05', NULL, NULL, 'admin', 'z')",
        "INSERT INTO service_partner (code, name, kind) VALUES ('PKM-01', 'Puskesmas Satu é', 'puskesmas')",
        "INSERT INTO referral (beneficiary_id, partner_id, service) VALUES (1, 1, 'pemeriksaan é')",
        "INSERT INTO referral_step (referral_id, number, status, on_date, note, actor, recorded_at) VALUES (1, 1, 'sent', '2026-06-05', NULL, 'psm', 'x'), (1, 2, 'done', '2026-06-09', 'diobati é', 'psm', 'y')",
        // A third record of the first woman, registered twice, merged into hers.
        "INSERT INTO beneficiary (name, name_key, birth_year, consent_share) VALUES ('Siti Ganda é', 'siti ganda e', 1990, 0)",
        "INSERT INTO person_merge (duplicate_id, kept_id, on_date, reason, actor, recorded_at) VALUES (3, 1, '2026-07-02', 'KTP yang sama é', 'admin', 'x')",
        // The year's budget: a line of the whole year, one of the cohort, and an exception.
        "INSERT INTO budget_line (year, source, code, name, purpose, cohort_id, ceiling, actor, recorded_at) VALUES (2026, 'apbd-kota', '5.1.06.01', 'Belanja Bantuan Sosial é', 'bantuan-modal', NULL, 45000000, 'admin', 'x'), (2026, 'apbn', '5.1.02.03', 'Belanja Barang', 'peralatan', 1, 9000000, 'admin', 'y')",
        "INSERT INTO budget_exception (line_id, amount, reason, actor, recorded_at) VALUES (1, 1500000, 'SK Kepala Dinas 12/2026 é', 'admin', 'x')",
        "INSERT INTO programme_target (year, cohort_id, indicator, value, actor, recorded_at) VALUES (2026, NULL, 'lulusan', 30, 'admin', 'x'), (2026, 1, 'tidak-kembali', 70, 'admin', 'y')",
        // A stock-take of the store room and of the kelompok.
        "INSERT INTO equipment_count (count_ref, counted_on, item_id, kelompok_id, expected, counted, note, actor, recorded_at) VALUES ('SO/2026/1', '2026-06-30', 1, NULL, 0, 0, NULL, 'admin', 'x'), ('SO/2026/1', '2026-06-30', 1, 1, 2, 1, 'satu hilang é', 'admin', 'y')",
        // A business's way to the market: a licence, a koperasi, a channel.
        "INSERT INTO usaha_licence (usaha_id, kind, number, issued_on, valid_until, actor, recorded_at) VALUES (1, 'nib', '1234567890123', '2026-05-01', NULL, 'admin', 'x'), (1, 'pirt', '206187101012324', '2026-05-02', '2031-05-02', 'admin', 'y')",
        "INSERT INTO usaha_affiliation (usaha_id, kind, name, on_date, joined, actor, recorded_at) VALUES (1, 'koperasi', 'Koperasi Wanita é', '2026-05-03', 1, 'admin', 'x')",
        "INSERT INTO usaha_channel (usaha_id, channel, on_date, active, actor, recorded_at) VALUES (1, 'online', '2026-05-04', 1, 'admin', 'x'), (1, 'online', '2026-06-04', 0, 'admin', 'y')",
        // The training months.
        "INSERT INTO instructor (code, name, expertise, actor, recorded_at) VALUES ('INS-01', 'Yuliana é', 'Tata boga', 'admin', 'x')",
        "INSERT INTO instructor_certificate (instructor_id, name, number, issued_on, valid_until, actor, recorded_at) VALUES (1, 'BNSP é', 'KOM-1', '2025-01-02', NULL, 'admin', 'x')",
        "INSERT INTO training_session (cohort_id, track_id, kind, topic, held_on, hours, instructor_id, actor, recorded_at) VALUES (1, 2, 'skills', 'Kue é', '2026-03-03', 4, 1, 'admin', 'x'), (1, NULL, 'mental', 'Diri', '2026-03-04', 2, NULL, 'admin', 'y')",
        "INSERT INTO training_attendance (session_id, enrolment_id, present) VALUES (1, 1, 1), (2, 1, 0), (2, 2, 1)",
        "INSERT INTO skills_evaluation (enrolment_id, evaluated_on, score, passed, evaluator, note, actor, recorded_at) VALUES (1, '2026-05-30', 81, 1, 'INS-01', 'rapi é', 'admin', 'x')",
        "INSERT INTO training_tool (cohort_id, track_id, name, quantity, counted_on, actor, recorded_at) VALUES (1, 1, 'Mesin jahit', 4, '2026-03-01', 'admin', 'x')",
    ]

    /// Rows that name the entry `fill` writes.
    static let afterFillSQL = [
        "INSERT INTO grant_exception (beneficiary_id, cohort_id, reason, actor, recorded_at) VALUES (1, 1, 'disetujui kepala dinas', 'admin', 'x')",
        "INSERT INTO grant_payment (beneficiary_id, cohort_id, entry_id, amount, exception_id, amount_reason) VALUES (1, 1, 1, 2500000, 1, 'usaha lebih besar')",
        "INSERT INTO equipment_movement (entry_id, item_id, kelompok_id, quantity, value) VALUES (1, 1, 1, -2, -3000000)",
        "INSERT INTO case_assignment (worker_id, kelompok_id, from_date) VALUES (1, 1, '2026-06-01')",
        "INSERT INTO recipient_payment (entry_id, list_id, beneficiary_id) VALUES (1, 1, 1)",
        "INSERT INTO purchase_document (entry_id, supplier, invoice_number, receipt_report) VALUES (1, 'CV Maju Jaya é', 'F-12', NULL)",
        "INSERT INTO market_event (kind, name, place, starts_on, ends_on, stand_entry_id, actor, recorded_at) VALUES ('pameran', 'Pameran HUT é', 'Lapangan Saburai', '2026-06-10', '2026-06-12', 1, 'admin', 'x')",
        "INSERT INTO market_participant (event_id, usaha_id) VALUES (1, 1)",
        "INSERT INTO market_sale (event_id, usaha_id, amount, actor, recorded_at) VALUES (1, 1, 850000, 'admin', 'x')",
        "INSERT INTO equipment_event (entry_id, kind, item_id, quantity, from_kelompok_id, to_kelompok_id, visit_id, reason) VALUES (1, 'repair', 1, 1, 1, NULL, 1, 'jarum patah é')",
    ]

    static func fill(_ tx: some LedgerPort & UserPort) throws {
        let (book, a) = try office(tx)
        try tx.insert(try entry(1, book: book.id, date: "2026-11-02",
                                postings: [Posting(accountID: a[.cash]!.id, amount: Rupiah(10_000_000)),
                                           Posting(accountID: a[.budgetTransfer]!.id, amount: Rupiah(-10_000_000),
                                                   dimensions: Dimensions(beneficiaryID: 1, cohortID: 1, budgetYear: 2026))]))
        try tx.recordClosing(bookID: book.id, month: YearMonth.parse("2026-10"), actor: "bendahara", recordedAt: "2026-11-05T08:00:00Z")
        _ = try tx.insertUser(UserDraft(username: "ani", displayName: "Ani", role: .pendamping), workerID: 1, passwordHash: "h",
                              createdAt: "2026-11-02T08:00:00Z")
    }

    @Test func theTableDigestsAreTheSQLiteStoresByteForByte() throws {
        let sqlite = try SQLiteStore()
        for statement in Self.registrySQL { try sqlite.unsafeExecuteForTesting(statement) }
        _ = try sqlite.write { tx in try Self.fill(tx) }
        for statement in Self.afterFillSQL { try sqlite.unsafeExecuteForTesting(statement) }
        try write { tx in
            for statement in Self.registrySQL { try tx.run(statement) }
            try Self.fill(tx)
            for statement in Self.afterFillSQL { try tx.run(statement) }
        }
        let expected = try sqlite.read { tx in try tx.tableDigests(through: nil) }
        #expect(expected.count == Seal.sealedTables.count)
        #expect(expected.filter { $0.rows == 0 }.map(\.table) == [])
        #expect(try read { tx in try tx.tableDigests(through: nil) } == expected)
        let limits = ["beneficiary": Int64(1), "visit_equipment": 1, "book": 0, "nothing": 3]
        let limited = try sqlite.read { tx in try tx.tableDigests(through: limits) }
        #expect(limited.count == 3)
        #expect(try read { tx in try tx.tableDigests(through: limits) } == limited)
        // A changed row changes its table's digest.
        _ = try write { tx in try tx.run("UPDATE beneficiary SET name = 'Siti N.' WHERE id = 2") }
        let now = try read { tx in try tx.tableDigests(through: nil) }
        #expect(now.filter { !expected.contains($0) }.map(\.table) == ["beneficiary"])
    }

    @Test func aSealIsSavedAndReadBackAndCannotBeChanged() throws {
        let key = SealKey.generate()
        let seal = try write { tx in
            for statement in Self.registrySQL { try tx.run(statement) }
            try Self.fill(tx)
            let seal = try Seal.make(number: 1, sealedAt: "2026-11-30T10:00:00Z", actor: "admin", reason: "month_close:2026-11",
                                     entryID: 1, entryHash: try #require(try tx.chainHead()).hash,
                                     tables: try tx.tableDigests(through: nil), key: key)
            try tx.insertSeal(seal)
            return seal
        }
        #expect(try read { tx in try tx.seals() } == [seal])
        #expect(seal.signatureIsValid)
        #expect { _ = try write { tx in try tx.run("UPDATE seal SET reason = 'manual'") } }
            throws: { ($0 as? PGError)?.message == "seal is append-only: seal again instead" }
    }

    @Test func aFreshDatabaseHasNoSchemaFindings() throws {
        let actual = try read { tx in try tx.schemaCatalog() }
        let findings = try read { tx in try tx.schemaFindings() }
        let literal = actual.sorted { $0.key < $1.key }
            .map { "        \"\($0.key)\": (\"\($0.value.type)\", \"\(PostgresTransaction.schemaFingerprint($0.value.definition))\")," }
            .joined(separator: "\n")
        #expect(findings == [], "PostgresTransaction.expectedSchema is out of date; it is now:\n\(literal)")
    }

    @Test func aDroppedOrDisabledAppendOnlyRuleOrAnAddedTableIsFound() throws {
        let insider = try PGConnection(store.target, schema: store.schemaName)
        try insider.execute("""
            DROP TRIGGER seal_append_only ON seal; ALTER TABLE posting DISABLE TRIGGER posting_append_only;
            ALTER TABLE outcome DROP CONSTRAINT outcome_returned_check; CREATE TABLE notes (id int);
            CREATE RULE keep_visits AS ON DELETE TO visit DO INSTEAD NOTHING
            """)
        #expect(try read { tx in try tx.schemaFindings() } == [
            "table outcome is not this version's (its definition was changed)",
            "trigger posting_append_only is not this version's (it was disabled)",
            "trigger seal_append_only is missing (an append-only rule was dropped)",
            "rule keep_visits is not part of this version's schema (added by hand?)",
            "table notes is not part of this version's schema (added by hand?)",
        ])
    }
}
