import BekalCore
@testable import BekalPostgres
import BekalTestSupport
import Foundation
import Testing

/// The PostgreSQL store's registry, listings and report reads, on a real server (``ScratchPostgres``).
/// Entries and postings are seeded by plain SQL, as the ledger's port is not under test here.
@Suite("PostgreSQL store: registry, listings and reports")
struct PostgresRegistryPortTests {
    let store: PostgresStore

    init() throws {
        store = try PostgresStore(try ScratchPostgres.shared.get().newDatabase())
    }

    func write<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try store.withWriteTransaction { db in try body(PostgresTransaction(db: db)) }
    }

    /// A book `KANTOR` (id 1) with accounts KAS (1, asset) and HIBAH (2, expense).
    func seedBook(_ tx: PostgresTransaction) throws {
        try tx.run("INSERT INTO book (code, name, kind) VALUES ('KANTOR', 'Dinas Sosial', 'office')")
        try tx.run("INSERT INTO account (book_id, code, name, type, no_negative, role) VALUES (1, 'KAS', 'Kas', 'asset', 1, 'cash')")
        try tx.run("INSERT INTO account (book_id, code, name, type, no_negative) VALUES (1, 'HIBAH', 'Hibah', 'expense', 0)")
        try tx.run("INSERT INTO account_balance (account_id, debit, credit, balance) VALUES (1, 500, 200, 300), (2, 0, 0, 0)")
    }

    /// An entry with two postings (cash out, expense in), of `amount`, on `date`.
    func seedEntry(_ tx: PostgresTransaction, id: Int64, date: String, kind: String = "grant", amount: Int64 = 100,
                   reverses: Int64? = nil, cohortID: Int64? = nil, beneficiaryID: Int64? = nil) throws {
        try tx.run("""
            INSERT INTO journal_entry (id, book_id, kind, value_date, recorded_at, actor, memo, idempotency_key,
              reverses_entry_id, previous_hash, hash)
            VALUES ($1, 1, $2, $3, '2026-11-02T08:00:00Z', 'bendahara', 'memo', $5, $4, '', $6)
            """, [.int(id), .text(kind), .text(date), PGValue(reverses), .text("key-\(id)"),
                  .text(String(repeating: "0", count: 64 - String(id).count) + String(id))])
        let sign: Int64 = reverses == nil ? 1 : -1
        try tx.run("""
            INSERT INTO posting (entry_id, line, account_id, amount, beneficiary_id, cohort_id) VALUES
              ($1, 0, 2, $2, $3, $4), ($1, 1, 1, $5, $3, $4)
            """, [.int(id), .int(sign * amount), PGValue(beneficiaryID), PGValue(cohortID), .int(-sign * amount)])
    }

    @Test func settingsTracksCohortsAndBeneficiariesRoundTrip() throws {
        try write { tx in
            #expect(throws: ProgrammeRejection.notInitialised) { try tx.settings() }
            let settings = ProgrammeSettings(officeName: "Dinsos Kota")
            try tx.saveSettings(settings)
            try tx.saveSettings(settings)
            #expect(try tx.settings() == settings)

            let track = try tx.insertTrack(code: "JAHIT", name: "Menjahit")
            #expect(try tx.track(id: track.id) == track)
            #expect(try tx.track(code: "JAHIT") == track)
            #expect(try tx.track(code: "none") == nil)

            let cohort = try tx.insertCohort(code: "2026-A", name: "Angkatan A", trainingStart: LocalDate(year: 2026, month: 2, day: 1)!,
                                             trainingEnd: nil, budget: Rupiah(9_000_000), budgetYear: 2026, grantAmount: nil)
            #expect(try tx.cohort(id: cohort.id) == cohort)
            #expect(try tx.cohort(code: "2026-A") == cohort)

            let nik = try NIK.parse("3201234567890001")
            let siti = try tx.insertBeneficiary(BeneficiaryDraft(externalRef: "S-1", name: "Siti Aminah", nik: nik, birthYear: 1990,
                                                                 consentShare: true, differentFrom: ["B00009"]))
            #expect(try tx.beneficiary(id: siti.id) == siti)
            #expect(try tx.beneficiary(externalRef: "S-1") == siti)
            #expect(try tx.beneficiaryID(nik: nik) == siti.id)
            #expect(try tx.beneficiaries(nameKey: LikelyDuplicate.nameKey("siti  AMINAH"), birthYear: 1990) == [siti])
            #expect(try tx.beneficiaries(nameKey: LikelyDuplicate.nameKey("Siti Aminah"), birthYear: 1991) == [])
            #expect(try tx.one("SELECT distinct_from FROM beneficiary")?.optionalText("distinct_from") == "B00009")

            let enrolment = try tx.insertEnrolment(beneficiaryID: siti.id, cohortID: cohort.id, trackID: track.id, status: .enrolled,
                                                   statusDate: nil)
            #expect(try tx.enrolments(beneficiaryID: siti.id) == [enrolment])
            #expect(try tx.scalar("SELECT track_id FROM case_summary WHERE beneficiary_id = $1", [.int(siti.id)]) == track.id)
            let done = LocalDate(year: 2026, month: 3, day: 1)!
            try tx.updateEnrolment(id: enrolment.id, status: .completed, statusDate: done)
            #expect(try tx.enrolments(beneficiaryID: siti.id).map(\.status) == [.completed])
            #expect(try tx.enrolments(beneficiaryID: siti.id).map(\.statusDate) == [done])
        }
    }

    @Test func kelompokMembershipUsahaAndEquipment() throws {
        try write { tx in
            try seedBook(tx)
            let track = try tx.insertTrack(code: "KUE", name: "Kue")
            let cohort = try tx.insertCohort(code: "C1", name: "C1", trainingStart: nil, trainingEnd: nil, budget: Rupiah(0),
                                             budgetYear: nil, grantAmount: Rupiah(1_500_000))
            let siti = try tx.insertBeneficiary(BeneficiaryDraft(name: "Siti"))
            let group = try tx.insertKelompok(name: "Mawar", cohortID: cohort.id, trackID: nil)
            #expect(try tx.kelompok(id: group.id) == group)
            let later = try tx.insertMembership(kelompokID: group.id, beneficiaryID: siti.id, joinedOn: LocalDate(year: 2026, month: 5, day: 1)!)
            #expect(try tx.scalar("SELECT kelompok_id FROM case_summary WHERE beneficiary_id = $1", [.int(siti.id)]) == group.id)
            let other = try tx.insertBeneficiary(BeneficiaryDraft(name: "Ani"))
            let earlier = try tx.insertMembership(kelompokID: group.id, beneficiaryID: other.id, joinedOn: LocalDate(year: 2026, month: 4, day: 1)!)
            try tx.endMembership(id: later.id, leftOn: LocalDate(year: 2026, month: 6, day: 1)!)
            let members = try tx.memberships(kelompokID: group.id)
            #expect(members.map(\.id) == [earlier.id, later.id])
            #expect(members.last?.leftOn == LocalDate(year: 2026, month: 6, day: 1)!)
            _ = track

            let own = try tx.insertUsaha(owner: .beneficiary(siti.id), product: "Kue", brand: nil, location: "Pasar", kelurahan: nil)
            let shared = try tx.insertUsaha(owner: .kelompok(group.id), product: "Jahit", brand: "Mawar", location: nil, kelurahan: "K")
            #expect(try tx.usaha(id: own.id) == own)
            #expect(try tx.usaha(id: shared.id) == shared)

            let oven = try tx.insertEquipmentItem(code: "OVEN", name: "Oven", unit: "unit")
            #expect(try tx.equipmentItem(id: oven.id) == oven)
            #expect(try tx.equipmentItem(code: "OVEN") == oven)
            #expect(try tx.stock(itemID: oven.id) == EquipmentStock(quantity: 0, value: Rupiah(0)))
            try seedEntry(tx, id: 1, date: "2026-05-02", kind: "equipment_purchase")
            try seedEntry(tx, id: 2, date: "2026-05-03", kind: "equipment_issue")
            try tx.insertEquipmentMovement(entryID: 1, itemID: oven.id, kelompokID: nil, quantity: 3, value: Rupiah(300))
            try tx.insertEquipmentMovement(entryID: 2, itemID: oven.id, kelompokID: group.id, quantity: -1, value: Rupiah(-100))
            #expect(try tx.stock(itemID: oven.id) == EquipmentStock(quantity: 2, value: Rupiah(200)))
            #expect(try tx.equipmentMovements(entryID: 2)
                    == [EquipmentMovement(entryID: 2, itemID: oven.id, kelompokID: group.id, quantity: -1, value: Rupiah(-100))])

            var rows: [KelompokEquipmentRow] = []
            try tx.forEachKelompokEquipment(kelompokID: nil) { rows.append($0) }
            #expect(rows.map(\.entryID) == [2])
            #expect(rows.first?.stockQuantity == -1 && rows.first?.itemCode == "OVEN")
            rows = []
            try tx.forEachKelompokEquipment(kelompokID: group.id + 1) { rows.append($0) }
            #expect(rows.isEmpty)
        }
    }

    @Test func grantsExceptionsCandidatesAndTheCaseSummary() throws {
        try write { tx in
            try seedBook(tx)
            let track = try tx.insertTrack(code: "KUE", name: "Kue")
            let c1 = try tx.insertCohort(code: "b", name: "b", trainingStart: nil, trainingEnd: nil, budget: Rupiah(0), budgetYear: nil, grantAmount: nil)
            let c2 = try tx.insertCohort(code: "B", name: "B", trainingStart: nil, trainingEnd: nil, budget: Rupiah(0), budgetYear: nil, grantAmount: nil)
            let siti = try tx.insertBeneficiary(BeneficiaryDraft(externalRef: "R2", name: "Siti"))
            let ani = try tx.insertBeneficiary(BeneficiaryDraft(name: "Ani"))
            let dewi = try tx.insertBeneficiary(BeneficiaryDraft(externalRef: "R1", name: "Dewi"))
            for person in [siti, ani, dewi] {
                _ = try tx.insertEnrolment(beneficiaryID: person.id, cohortID: c1.id, trackID: track.id, status: .completed, statusDate: nil)
            }
            _ = try tx.insertEnrolment(beneficiaryID: siti.id, cohortID: c2.id, trackID: track.id, status: .completed, statusDate: nil)
            // "B" sorts before "b" (byte order), and a missing register number before any.
            #expect(try tx.grantCandidates(limit: 10).map { "\($0.cohortCode):\($0.name)" } == ["B:Siti", "b:Ani", "b:Dewi", "b:Siti"])
            #expect(try tx.grantCandidates(limit: 2).count == 2)
            #expect(try tx.grantCandidates(limit: -1).count == 4)

            #expect(try tx.grants(beneficiaryID: siti.id) == [])
            #expect(try tx.unusedGrantException(beneficiaryID: siti.id, cohortID: c1.id) == nil)
            let exception = try tx.insertGrantException(beneficiaryID: siti.id, cohortID: c1.id, reason: "a second grant, approved",
                                                        actor: "kepala", recordedAt: "2026-11-02T08:00:00Z")
            #expect(try tx.unusedGrantException(beneficiaryID: siti.id, cohortID: c1.id) == exception)

            try seedEntry(tx, id: 1, date: "2026-06-01", cohortID: c1.id, beneficiaryID: siti.id)
            let grant = try tx.insertGrant(beneficiaryID: siti.id, cohortID: c1.id, entryID: 1, usahaEntryID: nil, usahaID: nil,
                                           amount: Rupiah(100), exceptionID: exception.id, amountReason: nil)
            #expect(try tx.grants(beneficiaryID: siti.id) == [grant])
            #expect(try tx.unusedGrantException(beneficiaryID: siti.id, cohortID: c1.id) == nil)
            #expect(try tx.scalar("SELECT grant_id FROM case_summary WHERE beneficiary_id = $1", [.int(siti.id)]) == grant.id)
            #expect(try tx.grantCandidates(limit: 10).map { "\($0.cohortCode):\($0.name)" } == ["B:Siti", "b:Ani", "b:Dewi"])

            try seedEntry(tx, id: 2, date: "2026-06-02", kind: "reversal", reverses: 1, cohortID: c1.id, beneficiaryID: siti.id)
            try tx.refreshCaseAfterReversal(of: 1)
            #expect(try tx.grants(beneficiaryID: siti.id).map(\.reversedByEntryID) == [2])
            #expect(try tx.scalar("SELECT grant_id FROM case_summary WHERE beneficiary_id = $1", [.int(siti.id)]) == nil)
            #expect(try tx.grantCandidates(limit: 10).count == 4)

            var rows: [GrantRow] = []
            try tx.forEachGrant(cohortID: nil) { rows.append($0) }
            #expect(rows.map(\.grant.id) == [grant.id])
            #expect(rows.first?.trackCode == "KUE" && rows.first?.cohortCode == "b" && rows.first?.grant.reversedByEntryID == 2)
            rows = []
            try tx.forEachGrant(cohortID: c2.id) { rows.append($0) }
            #expect(rows.isEmpty)
        }
    }

    @Test func listingsAndReportReads() throws {
        try write { tx in
            try seedBook(tx)
            _ = try tx.insertTrack(code: "jahit", name: "Menjahit")
            _ = try tx.insertTrack(code: "KUE", name: "Kue")
            #expect(try tx.tracks().map(\.code) == ["KUE", "jahit"])
            _ = try tx.insertEquipmentItem(code: "oven", name: "Oven", unit: "unit")
            _ = try tx.insertEquipmentItem(code: "MIXER", name: "Mixer", unit: "unit")
            #expect(try tx.equipmentItems().map(\.code) == ["MIXER", "oven"])
            let cohort = try tx.insertCohort(code: "z", name: "z", trainingStart: nil, trainingEnd: nil, budget: Rupiah(0), budgetYear: nil, grantAmount: nil)
            _ = try tx.insertCohort(code: "Y", name: "Y", trainingStart: nil, trainingEnd: nil, budget: Rupiah(0), budgetYear: nil, grantAmount: nil)
            #expect(try tx.cohorts().map(\.code) == ["Y", "z"])

            #expect(try tx.books().map(\.code) == ["KANTOR"])
            #expect(try tx.accounts(bookID: 1).map(\.code) == ["HIBAH", "KAS"])
            #expect(try tx.accounts(bookID: 1).last?.role == .cash)
            #expect(try tx.totals(accountID: 1) == AccountTotals(debit: Rupiah(500), credit: Rupiah(200)))
            #expect(try tx.totals(accountID: 99) == AccountTotals(debit: Rupiah(0), credit: Rupiah(0)))

            // More entries than one cursor batch, recorded out of value-date order.
            let count = PostgresTransaction.cursorBatch + 7
            for id in 1...Int64(count) {
                let day = 28 - Int(id % 28)
                try seedEntry(tx, id: id, date: String(format: "2026-03-%02d", day), amount: id,
                              cohortID: id % 3 == 0 ? cohort.id : nil)
            }
            #expect(try tx.entryCount() == count)
            var chain: [JournalEntry] = []
            try tx.forEachEntry { chain.append($0) }
            #expect(chain.map(\.id) == Array(1...Int64(count)))
            #expect(chain.allSatisfy { $0.postings.count == 2 && $0.postings[0].amount.amount == $0.id })
            var dated: [JournalEntry] = []
            try tx.forEachEntryByValueDate(bookID: 1) { dated.append($0) }
            let expected = chain.sorted { ($0.valueDate, $0.id) < ($1.valueDate, $1.id) }
            #expect(dated == expected)
            var all: [JournalEntry] = []
            try tx.forEachEntryByValueDate(bookID: nil) { all.append($0) }
            #expect(all == expected)
            var none = 0
            try tx.forEachEntryByValueDate(bookID: 2) { _ in none += 1 }
            #expect(none == 0)

            let recent = try tx.recentEntries(bookID: 1, limit: 3)
            #expect(recent.map(\.id) == [Int64(count), Int64(count - 1), Int64(count - 2)])
            #expect(recent == Array(chain.suffix(3).reversed()))
            #expect(try tx.recentEntries(bookID: 1, limit: -1).count == count)
            #expect(try tx.recentEntries(bookID: 2, limit: 5) == [])

            let march10 = LocalDate(year: 2026, month: 3, day: 10)!
            let query = PostingQuery(accountID: 2, from: march10, to: march10)
            var postings: [PostingRow] = []
            try tx.forEachPosting(query) { postings.append($0) }
            let onTheTenth = chain.filter { $0.valueDate == march10 }
            #expect(postings.map(\.entryID) == onTheTenth.map(\.id))
            #expect(try tx.postingTotals(query) == PostingTotals(count: onTheTenth.count,
                                                                  debit: Rupiah(onTheTenth.map(\.id).reduce(0, +)), credit: Rupiah(0)))
            var cohortQuery = PostingQuery(accountID: 1)
            cohortQuery.dimensions.cohortID = cohort.id
            let inCohort = chain.filter { $0.id % 3 == 0 }
            #expect(try tx.postingTotals(cohortQuery) == PostingTotals(count: inCohort.count, debit: Rupiah(0),
                                                                        credit: Rupiah(inCohort.map(\.id).reduce(0, +))))

            let totals = try tx.cohortAccountTotals(bookID: 1)
            let sum = chain.map(\.id).reduce(0, +), cohortSum = inCohort.map(\.id).reduce(0, +)
            #expect(totals == [
                CohortAccountTotal(cohortID: nil, accountID: 1, net: Rupiah(-(sum - cohortSum))),
                CohortAccountTotal(cohortID: nil, accountID: 2, net: Rupiah(sum - cohortSum)),
                CohortAccountTotal(cohortID: cohort.id, accountID: 1, net: Rupiah(-cohortSum)),
                CohortAccountTotal(cohortID: cohort.id, accountID: 2, net: Rupiah(cohortSum)),
            ])

            // A walk whose body throws leaves the transaction usable.
            struct Stop: Error {}
            #expect(throws: Stop.self) { try tx.forEachEntry { _ in throw Stop() } }
            var again = 0
            try tx.forEachEntry { _ in again += 1 }
            #expect(again == count)
        }
    }

    @Test func aReadOnlySnapshotReadsTheReports() throws {
        try write { tx in try seedBook(tx); try seedEntry(tx, id: 1, date: "2026-01-05") }
        let ids = try store.withReadTransaction { db in
            let tx = PostgresTransaction(db: db)
            var ids: [Int64] = []
            try tx.forEachEntryByValueDate(bookID: nil) { ids.append($0.id) }
            try tx.forEachEntry { ids.append($0.id) }
            // Walks nest, each on a cursor of its own.
            try tx.forEachEntry { outer in
                try tx.forEachEntry { inner in
                    try tx.forEachPosting(PostingQuery(accountID: 1)) { ids.append(outer.id * 100 + inner.id * 10 + $0.entryID) }
                }
            }
            return ids
        }
        #expect(ids == [1, 1, 111])
    }
}
