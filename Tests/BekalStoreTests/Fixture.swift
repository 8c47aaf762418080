import BekalCore
import BekalPostgres
import BekalTestSupport
@testable import BekalStore
import Foundation
import GRDB
import Testing

/// A small programme on an in-memory store: one office, two cohorts, graduates, a dropout,
/// two kelompok, usaha and equipment items. Dates are fixed: "today" is 2026-11-25 in Jakarta.
struct Fixture {
    static let now = Date(timeIntervalSince1970: 1_795_582_800) // 2026-11-25T05:00:00Z
    static let today = LocalDate(year: 2026, month: 11, day: 25)!
    static let context = OperationContext(actor: "bendahara", now: now)

    let store: SQLiteStore
    var ops: Operations { Operations(store: store) }

    /// Graduates of cohort 2026 (B-00001 … B-00006), a dropout (B-00007), one enrolled but
    /// not finished (B-00008), and one who completed both 2025 and 2026 (B-00009).
    static let graduates = ["B-00001", "B-00002", "B-00003", "B-00004", "B-00005", "B-00006"]
    static let dropout = "B-00007"
    static let stillTraining = "B-00008"
    static let twoCohorts = "B-00009"

    init(store: SQLiteStore? = nil) throws {
        self.store = try store ?? SQLiteStore()
        try Self.setUp(ops)
    }

    /// The programme every fixture starts with, on any store.
    static func setUp(_ ops: Operations) throws {
        try ops.initialise(officeName: "Dinas Sosial Kota Uji")
        _ = try ops.addTrack(code: "tata-boga", name: "Tata Boga")
        _ = try ops.addTrack(code: "jahit", name: "Jahit")
        _ = try ops.addCohort(CohortDraft(code: "2025", budgetYear: 2025))
        _ = try ops.addCohort(CohortDraft(code: "2026", budget: Rupiah(100_000_000), budgetYear: 2026))
        for i in 1...9 {
            let status: Enrolment.Status = i == 7 ? .droppedOut : (i == 8 ? .enrolled : .completed)
            _ = try ops.addBeneficiary(BeneficiaryDraft(name: "Peserta \(i)"), enrolIn: ("2026", i % 2 == 0 ? "jahit" : "tata-boga", status))
        }
        _ = try ops.enrol(EnrolmentRequest(beneficiary: Self.twoCohorts, cohort: "2025", track: "jahit", status: .completed))
        let joined = LocalDate(year: 2026, month: 6, day: 1)!
        _ = try ops.addKelompok(name: "Kue Mawar", cohort: "2026", track: "tata-boga", members: ["B-00001", "B-00003", "B-00005"], joinedOn: joined)
        _ = try ops.addKelompok(name: "Jahit Melati", cohort: "2026", track: "jahit", members: ["B-00002", "B-00004", "B-00006"], joinedOn: joined)
        _ = try ops.addUsaha(UsahaDraft(ownerKelompok: "K-0001", product: "kue basah", brand: "Mawar"))   // U-0001
        _ = try ops.addUsaha(UsahaDraft(ownerBeneficiary: "B-00002", product: "jahit baju"))              // U-0002
        _ = try ops.addEquipmentItem(code: "oven", name: "Oven gas", unit: "unit")
        _ = try ops.addEquipmentItem(code: "mesin-jahit", name: "Mesin jahit", unit: "unit")
    }

    // MARK: What a test compares before and after a refusal

    struct Snapshot: Equatable {
        /// Row counts of every table a refusal could touch.
        var rows: [String: Int]
        var balances: [Int64: AccountTotals]
        var stock: [Int64: EquipmentStock]
    }

    static let countedTables = ["journal_entry", "posting", "grant_payment", "grant_exception", "equipment_movement",
                                "period_closing", "book", "account", "track", "cohort", "beneficiary", "enrolment",
                                "kelompok", "kelompok_member", "usaha", "equipment_item"]

    func snapshot() throws -> Snapshot {
        try Self.snapshot(of: store)
    }

    /// What a refusal must leave as it was, on any store (row counts by SQL, see ``RawSQL``).
    static func snapshot(of store: any BekalStore) throws -> Snapshot {
        // One statement for all the counts: on PostgreSQL each statement is a round trip.
        let counts = try RawSQL.rows(store, "SELECT " + countedTables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: ", "))[0]
        var rows: [String: Int] = [:]
        for (table, count) in zip(countedTables, counts) { rows[table] = Int(count ?? 0) }
        return try store.read { tx in
            var balances: [Int64: AccountTotals] = [:]
            for book in try tx.books() {
                for account in try tx.accounts(bookID: book.id) { balances[account.id] = try tx.totals(accountID: account.id) }
            }
            var stock: [Int64: EquipmentStock] = [:]
            for code in ["oven", "mesin-jahit"] {
                if let item = try tx.equipmentItem(code: code) { stock[item.id] = try tx.stock(itemID: item.id) }
            }
            return Snapshot(rows: rows, balances: balances, stock: stock)
        }
    }

    func count(_ table: String) throws -> Int {
        try Self.count(table, in: store)
    }

    static func count(_ table: String, in store: SQLiteStore) throws -> Int {
        try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    func balance(_ role: AccountRole, book: String = Book.officeCode) throws -> Rupiah {
        try store.read { tx in
            let b = try #require(try tx.book(code: book))
            let a = try #require(try tx.account(bookID: b.id, role: role))
            return try tx.balance(accountID: a.id)
        }
    }

    func receive(_ amount: Int64, ref: String = "SP2D-001", date: LocalDate? = nil) throws {
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(amount), documentRef: ref, valueDate: date), context: Self.context)
    }

    /// Runs `body`, which must be refused with `code` and exactly `message`, and checks that
    /// nothing at all was written.
    func expectRefusal(_ code: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) throws {
        let before = try snapshot()
        do {
            try body()
            Issue.record("expected refusal \(code), but it succeeded", sourceLocation: sourceLocation)
        } catch let failure as any BekalFailure {
            #expect(failure.code == code, sourceLocation: sourceLocation)
            #expect(failure.message == message, sourceLocation: sourceLocation)
        }
        #expect(try snapshot() == before, "a refusal wrote something", sourceLocation: sourceLocation)
    }
}

/// Integer answers of plain SQL, straight from a store's database and around its ports: what
/// the invariant checks count and sum. The statements are written in the SQL both stores speak.
enum RawSQL {
    static func rows(_ store: any BekalStore, _ sql: String) throws -> [[Int64?]] {
        switch store {
        case let sqlite as SQLiteStore:
            return try sqlite.writer.read { db in
                try Row.fetchAll(db, sql: sql).map { row in (0..<row.count).map { row[$0] as Int64? } }
            }
        case let postgres as PostgresStore:
            return try postgres.withReadTransaction { db in
                let result = try db.query(sql)
                return (0..<result.count).map { r in (0..<result.columnCount).map { c in
                    result.text(r, c).flatMap { Int64($0) ?? Int64($0.split(separator: ".").first ?? "") }
                } }
            }
        default:
            throw TestSupport.Missing(description: "RawSQL knows no store \(type(of: store))")
        }
    }
}
