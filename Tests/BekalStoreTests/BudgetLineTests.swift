import BekalCore
import BekalStore
import Foundation
import Testing

/// Funding sources and budget lines (issue 16), on every store: tried as the careless officer
/// (a cost with no line for it, a line named for the wrong purpose or cohort, two lines that
/// both fit, a grant past the ceiling), as the admin who overrides a refusal by a named
/// exception, and as the insider with the database (a line's ceiling raised, an exception or a
/// posting's line rewritten). Each refusal writes nothing; the report's figures are computed
/// here by hand.
@Suite("Funding sources and budget lines")
struct BudgetLineTests {
    static let admin = CasePathTests.admin
    static let context = Programme.context

    /// The programme with the 2026 DPA: grants from the city's APBD (Rp3.000.000, two grants),
    /// equipment from the province's, aftercare from the city's; and Rp5.000.000 received for
    /// grants. The Rp10.000.000 the programme received before the lines were entered stays unlined.
    static func programme(_ underTest: StoreUnderTest) throws -> Programme {
        let programme = try Programme(underTest)
        let ops = programme.ops
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2026, source: .apbdKota, code: "5.1.06.01", name: "Belanja Bantuan Sosial kepada Individu",
                                                  purpose: .grants, ceiling: Rupiah(3_000_000)), context: admin)
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2026, source: .apbdProvinsi, code: "5.1.02.03", name: "Belanja Barang untuk Diserahkan",
                                                  purpose: .equipment, ceiling: Rupiah(4_000_000)), context: admin)
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2026, source: .apbdKota, code: "5.1.02.01", name: "Belanja Pendampingan Usaha",
                                                  purpose: .aftercare, ceiling: Rupiah(1_000_000)), context: admin)
        _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(2_500_000), documentRef: "SP2D-G1", budget: BudgetChoice(line: "5.1.06.01")),
                                  context: context)
        return programme
    }

    struct State: Equatable {
        var books: Programme.State
        var lines: Int
        var exceptions: Int
    }

    static func state(_ programme: Programme) throws -> State {
        State(books: try programme.state(),
              lines: try programme.store.read { tx in try tx.budgetLines(year: nil).count },
              exceptions: try programme.store.read { tx in try tx.budgetExceptions(lineID: nil).count })
    }

    @Test("every careless booking and line is refused with what to do, and writes nothing", arguments: StoreUnderTest.all)
    func refusals(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        let before = try Self.state(programme)
        func line(_ code: String, year: Int = 2026, source: FundingSource = .apbdKota, name: String = "Belanja",
                  purpose: BudgetPurpose = .grants, cohort: String? = nil, ceiling: Int64 = 1_000_000) throws {
            _ = try ops.addBudgetLine(BudgetLineDraft(year: year, source: source, code: code, name: name, purpose: purpose, cohort: cohort,
                                                      ceiling: Rupiah(ceiling)), context: Self.admin)
        }
        #expect(throws: BudgetRejection.lineExists(line: "2026 apbd-kota 5.1.06.01")) { try line(" 5.1.06.01 ") }
        #expect(throws: BudgetRejection.codeNotUsable("5 1 06")) { try line("5 1 06") }
        #expect(throws: BudgetRejection.nameEmpty) { try line("5.1.09", name: " \n ") }
        #expect(throws: BudgetRejection.ceilingNotPositive(.zero)) { try line("5.1.09", ceiling: 0) }
        #expect(throws: BudgetRejection.yearOutOfRange(26)) { try line("5.1.09", year: 26) }
        #expect(throws: BudgetRejection.cohortOfAnotherYear(cohort: "2026", cohortYear: 2026, lineYear: 2027)) {
            try line("5.1.09", year: 2027, cohort: "2026")
        }
        // Costs: a line that does not exist, is for something else, or a cost past the ceiling.
        func grant(_ who: String, ref: String, line: String? = nil, source: FundingSource? = nil) throws {
            var request = Programme.grant(who, ref: ref)
            request.budget = BudgetChoice(line: line, source: source)
            _ = try ops.disburseGrant(request, context: Self.context)
        }
        #expect(throws: BudgetRejection.unknownLine(code: "5.1.99", year: 2026, source: nil)) { try grant("B-00001", ref: "KW-1", line: "5.1.99") }
        #expect(throws: BudgetRejection.unknownLine(code: "5.1.06.01", year: 2026, source: .apbn)) {
            try grant("B-00001", ref: "KW-1", line: "5.1.06.01", source: .apbn)
        }
        #expect(throws: BudgetRejection.wrongPurpose(line: "2026 apbd-kota 5.1.02.01", purpose: .aftercare, cost: .grants)) {
            try grant("B-00001", ref: "KW-1", line: "5.1.02.01")
        }
        _ = try grant("B-00001", ref: "KW-1")
        _ = try grant("B-00002", ref: "KW-2")
        let paid = try Self.state(programme)
        #expect(throws: BudgetRejection.overCeiling(line: "2026 apbd-kota 5.1.06.01", ceiling: Rupiah(3_000_000), allowed: Rupiah(3_000_000),
                                                    realised: Rupiah(3_000_000), amount: Rupiah(1_500_000))) {
            try grant("B-00003", ref: "KW-3")
        }
        #expect(throws: BudgetRejection.receivedOverCeiling(line: "2026 apbd-kota 5.1.06.01", ceiling: Rupiah(3_000_000),
                                                            received: Rupiah(2_500_000), amount: Rupiah(600_000))) {
            _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(600_000), documentRef: "SP2D-G2", budget: BudgetChoice(line: "5.1.06.01")),
                                      context: Self.context)
        }
        // A receipt that names no line, when the year has three.
        #expect(throws: BudgetRejection.ambiguousLine(purpose: nil, year: 2026, candidates: [
            "2026 apbd-kota 5.1.02.01", "2026 apbd-kota 5.1.06.01", "2026 apbd-provinsi 5.1.02.03"])) {
            _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(600_000), documentRef: "SP2D-X"), context: Self.context)
        }
        // The exception: named, with a reason; a short reason or nothing allowed is refused.
        #expect(throws: BudgetRejection.exceptionReasonTooShort(minimumCharacters: 15)) {
            _ = try ops.recordBudgetException(line: "5.1.06.01", year: 2026, amount: Rupiah(1_500_000), reason: "perlu", context: Self.admin)
        }
        #expect(throws: BudgetRejection.exceptionNotPositive(.zero)) {
            _ = try ops.recordBudgetException(line: "5.1.06.01", year: 2026, amount: .zero, reason: "SK Kepala Dinas 12/2026", context: Self.admin)
        }
        #expect(throws: BudgetRejection.unknownLine(code: "5.1.06.01", year: 2025, source: nil)) {
            _ = try ops.recordBudgetException(line: "5.1.06.01", year: 2025, amount: Rupiah(1), reason: "SK Kepala Dinas 12/2026", context: Self.admin)
        }
        #expect(try Self.state(programme) == paid)
        #expect(paid.lines == before.lines && paid.books.grants == before.books.grants + 2)
        _ = try ops.recordBudgetException(line: "5.1.06.01", year: 2026, amount: Rupiah(1_500_000),
                                          reason: "SK Kepala Dinas 12/2026: satu lulusan tambahan", context: Self.admin)
        _ = try grant("B-00003", ref: "KW-3")
        #expect(try programme.verify().isValid)
    }

    @Test("once a year has lines, a cost with none for it is refused; a year without lines books as before", arguments: StoreUnderTest.all)
    func costsNeedALine(_ underTest: StoreUnderTest) throws {
        let programme = try Programme(underTest)
        let ops = programme.ops
        let expense = AftercareExpense(amount: Rupiah(200_000), documentRef: "N-1", memo: "Label merek", beneficiary: "B-00001")
        #expect(try ops.recordAftercareExpense(expense, context: Self.context).entry.postings.allSatisfy { $0.dimensions.budgetLineID == nil })
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2026, source: .apbn, code: "5.1.06.01", name: "Bantuan Sosial",
                                                  purpose: .grants, ceiling: Rupiah(3_000_000)), context: Self.admin)
        let before = try Self.state(programme)
        #expect(throws: BudgetRejection.noLine(purpose: .aftercare, year: 2026, cohort: "2026")) {
            var again = expense
            again.documentRef = "N-2"
            _ = try ops.recordAftercareExpense(again, context: Self.context)
        }
        #expect(throws: BudgetRejection.noLine(purpose: .equipment, year: 2026, cohort: nil)) {
            _ = try ops.addEquipmentItem(code: "oven", name: "Oven", unit: "unit")
            _ = try ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 1, unitCost: Rupiah(900_000))], documentRef: "F-1"),
                                     context: Self.context)
        }
        // The first cost replays as it was, though its year now has lines.
        #expect(try ops.recordAftercareExpense(expense, context: Self.context).isReplay)
        #expect(try Self.state(programme).books == before.books)
        // A line for one cohort comes before the line of the whole year; two of the whole year are for the officer to choose.
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2026, source: .apbdKota, code: "5.1.06.01", name: "Bantuan Sosial Angkatan 2026",
                                                  purpose: .grants, cohort: "2026", ceiling: Rupiah(1_500_000)), context: Self.admin)
        let first = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.context)
        let own = try programme.store.read { tx in try tx.budgetLines(year: 2026).first { $0.cohortID != nil }! }
        #expect(first.entry.postings.allSatisfy { $0.dimensions.budgetLineID == own.id })
        var named = Programme.grant("B-00002", ref: "KW-2")
        named.budget = BudgetChoice(line: "5.1.06.01", source: .apbn)
        let second = try ops.disburseGrant(named, context: Self.context)
        #expect(second.entry.postings.allSatisfy { $0.dimensions.budgetLineID == own.id - 1 })
        // Replayed after another line was added, a grant keeps its line.
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2026, source: .other, code: "5.1.06.09", name: "Bantuan CSR",
                                                  purpose: .grants, cohort: "2026", ceiling: Rupiah(1_500_000)), context: Self.admin)
        #expect(try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.context).replayed)
        #expect(throws: BudgetRejection.ambiguousLine(purpose: .grants, year: 2026, candidates: [
            "2026 apbd-kota 5.1.06.01 (2026)", "2026 lainnya 5.1.06.09 (2026)"])) {
            _ = try ops.disburseGrant(Programme.grant("B-00003", ref: "KW-3"), context: Self.context)
        }
        #expect(try programme.verify().isValid)
    }

    @Test("the report's figures, by hand: pagu, received, realised, left, per cohort, and the unlined money", arguments: StoreUnderTest.all)
    func report(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        let ops = programme.ops
        _ = try ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.context)
        let second = try ops.disburseGrant(Programme.grant("B-00002", ref: "KW-2"), context: Self.context)
        _ = try ops.reverse(entryID: second.entry.id, reason: "Salah orang, uang dikembalikan", context: Self.context)
        _ = try ops.addEquipmentItem(code: "oven", name: "Oven", unit: "unit")
        _ = try ops.buyEquipment(EquipmentPurchase(lines: [.init(item: "oven", quantity: 2, unitCost: Rupiah(900_000))], documentRef: "F-1"),
                                 context: Self.context)
        _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(250_000), documentRef: "N-1", memo: "Label", beneficiary: "B-00003"),
                                           context: Self.context)
        _ = try ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(50_000), documentRef: "N-2", memo: "Transport"), context: Self.context)
        let use = try programme.store.read { tx in try BudgetLineUse.build(year: nil, today: LocalDate(year: 2026, month: 11, day: 25)!, in: tx) }
        #expect(use.year == 2026)
        let byCode = Dictionary(uniqueKeysWithValues: use.lines.map { ($0.code, $0) })
        let grants = try #require(byCode["5.1.06.01"]), equipment = try #require(byCode["5.1.02.03"]), aftercare = try #require(byCode["5.1.02.01"])
        // Grants: Rp2.500.000 received, one grant of Rp1.500.000 kept (the other reversed): Rp1.500.000 left, 50,0%.
        #expect(grants.received == Rupiah(2_500_000) && grants.realised == Rupiah(1_500_000) && grants.remaining == Rupiah(1_500_000))
        #expect(grants.usedPerMille == 500 && grants.byCohort == [.init(cohortCode: "2026", realised: Rupiah(1_500_000))])
        // Equipment: two ovens, from the province's money, no cohort; nothing received for it yet.
        #expect(equipment.source == .apbdProvinsi && equipment.received == .zero && equipment.realised == Rupiah(1_800_000))
        #expect(equipment.remaining == Rupiah(2_200_000) && equipment.usedPerMille == 450 && equipment.byCohort == [.init(cohortCode: nil, realised: Rupiah(1_800_000))])
        // Aftercare: Rp250.000 for cohort 2026 and Rp50.000 for no one.
        #expect(aftercare.realised == Rupiah(300_000) && aftercare.remaining == Rupiah(700_000) && aftercare.usedPerMille == 300)
        #expect(aftercare.byCohort == [.init(cohortCode: "2026", realised: Rupiah(250_000)), .init(cohortCode: nil, realised: Rupiah(50_000))])
        // The Rp10.000.000 received before the lines, spent on nothing booked against none.
        #expect(use.unlinedReceived == Rupiah(10_000_000) && use.unlinedRealised == .zero)
        #expect(use.bySource.map(\.source) == [.apbdKota, .apbdProvinsi])
        #expect(use.bySource[0].ceiling == Rupiah(4_000_000) && use.bySource[0].realised == Rupiah(1_800_000))
        #expect(use.total.ceiling == Rupiah(8_000_000) && use.total.realised == Rupiah(3_600_000) && use.total.remaining == Rupiah(4_400_000)
                && use.total.received == Rupiah(2_500_000) && use.total.usedPerMille == 450)
        // The realisation is the cash that went out: the lines' realisation and the unlined money add up to the books.
        let cash = try programme.store.read { tx in try Programme.cash(tx) }
        #expect(cash == Rupiah(12_500_000 - 3_600_000))
    }

    @Test("an insider cannot raise a ceiling, remove an exception, or move a cost to another line unseen", arguments: StoreUnderTest.all)
    func insider(_ underTest: StoreUnderTest) throws {
        let programme = try Self.programme(underTest)
        _ = try programme.ops.disburseGrant(Programme.grant("B-00001", ref: "KW-1"), context: Self.context)
        _ = try programme.ops.recordBudgetException(line: "5.1.06.01", year: 2026, amount: Rupiah(1_000_000),
                                                    reason: "SK Kepala Dinas 12/2026 tambahan", context: Self.admin)
        for sql in ["UPDATE budget_line SET ceiling = 90000000", "DELETE FROM budget_line WHERE id = 3", "DELETE FROM budget_exception",
                    "UPDATE budget_exception SET amount = 90000000",
                    "INSERT INTO budget_line (year, source, code, name, purpose, ceiling, actor, recorded_at) VALUES (2026, 'apbd-kota', '5.1.06.01', 'x', 'bantuan-modal', 1, 'x', 'x')",
                    "INSERT INTO budget_line (year, source, code, name, purpose, ceiling, actor, recorded_at) VALUES (2026, 'dana-desa', '5.1.07', 'x', 'bantuan-modal', 1, 'x', 'x')",
                    "INSERT INTO budget_exception (line_id, amount, reason, actor, recorded_at) VALUES (1, 5, 'pendek', 'x', 'x')"] {
            #expect(throws: (any Error).self, "\(sql)") { try RegistryChangeTests.insider(programme.store, sql) }
        }
        #expect(try programme.verify().isValid)
        // The posting's line is in the entry's hash: moving a grant to the aftercare line breaks the chain.
        try? RegistryChangeTests.insider(programme.store, "DROP TRIGGER posting_no_update")
        try? RegistryChangeTests.insider(programme.store, "DROP TRIGGER posting_append_only ON posting")
        try RegistryChangeTests.insider(programme.store, "UPDATE posting SET budget_line_id = 3 WHERE budget_line_id = 1 AND amount > 0 AND amount = 1500000")
        let report = try programme.verify()
        #expect(!report.isValid)
    }
}
