@testable import BekalCore
import Testing

/// The roll-up adds offices honestly: money exactly, outcome ranges from the summed counts,
/// and an office too small to be counted alone shows no outcome counts.
@Suite("Roll-up across offices")
struct RollupTests {
    func figures(_ code: String, cash: Int64, pagu: Int64, grants: Int64, outcomes: OutcomeTally) throws -> Rollup.OfficeFigures {
        let line = TrialBalance.Line(code: "1101", name: "Kas", type: .asset, debit: Rupiah(cash), credit: .zero, balance: Rupiah(cash))
        let expense = TrialBalance.Line(code: "5101", name: "Belanja Bantuan", type: .expense, debit: Rupiah(grants), credit: .zero,
                                        balance: Rupiah(grants))
        let book = TrialBalance.BookBalance(code: Book.officeCode, name: code, accounts: [line, expense],
                                            totalDebit: Rupiah(cash + grants), totalCredit: .zero)
        var sums = BudgetUse.Sums()
        sums.grants = Rupiah(grants)
        let total = try BudgetUse.line("Jumlah", budget: Rupiah(pagu), sums)
        return Rollup.OfficeFigures(office: try Office(code: code, name: "Dinas \(code)"), trialBalance: TrialBalance(books: [book]),
                                    budget: BudgetUse(lines: [], total: total), outcomes: outcomes)
    }

    @Test func moneyAddsExactlyAndTheRangeComesFromTheSummedCounts() throws {
        // A: 10 grants, 9 not returned, 1 returned (90 % to 90 %). B: 40 grants, 10 not returned,
        // 0 returned, 30 unknown (25 % to 100 %). Averaging would say 57,5 % to 95 %.
        let a = try figures("a", cash: 1_000_000_000_000, pagu: 15_000_000, grants: 15_000_000, outcomes: OutcomeTally(returned: 1, notReturned: 9))
        let b = try figures("b", cash: 7, pagu: 60_000_000, grants: 60_000_000, outcomes: OutcomeTally(notReturned: 10, unknown: 30))
        let rollup = try Rollup(asOf: LocalDate(year: 2026, month: 12, day: 1)!, offices: [b, a])
        #expect(rollup.rows.map(\.office.code) == ["a", "b"])
        #expect(rollup.outcomes == OutcomeTally(returned: 1, notReturned: 19, unknown: 30))
        #expect(rollup.outcomes.successLowPermille == 380 && rollup.outcomes.successHighPermille == 950)
        #expect(rollup.budget.budget == Rupiah(75_000_000) && rollup.budget.used == Rupiah(75_000_000) && rollup.budget.usedPerMille == 1000)
        let cash = try #require(rollup.accounts.first { $0.code == "1101" })
        #expect(cash.debit == Rupiah(1_000_000_000_007) && cash.offices == 2)
        #expect(rollup.totalDebit == Rupiah(1_000_000_000_007 + 75_000_000))
        let footer = rollup.table.footer[0].map(\.plain)
        #expect(footer.last == "38,0 % s.d. 95,0 %")
    }

    @Test func aSmallOfficeShowsNoCountsAndIsNotGivenAwayByTheTotal() throws {
        let big = try figures("besar", cash: 0, pagu: 0, grants: 0, outcomes: OutcomeTally(returned: 2, notReturned: 20))
        let mid = try figures("sedang", cash: 0, pagu: 0, grants: 0, outcomes: OutcomeTally(notReturned: 6))
        let tiny = try figures("kecil", cash: 0, pagu: 0, grants: 0, outcomes: OutcomeTally(returned: 1))
        let empty = try figures("baru", cash: 0, pagu: 0, grants: 0, outcomes: OutcomeTally())
        let rollup = try Rollup(asOf: LocalDate(year: 2026, month: 12, day: 1)!, offices: [big, mid, tiny, empty])
        let shown = Dictionary(uniqueKeysWithValues: rollup.rows.map { ($0.office.code, $0.outcomes) })
        #expect(shown["kecil"] == .some(nil))
        // With one office hidden, the total less the others would be its count: the smallest other is hidden too.
        #expect(shown["sedang"] == .some(nil))
        #expect(shown["besar"] == OutcomeTally(returned: 2, notReturned: 20))
        // An office with no grant has nothing to give away.
        #expect(shown["baru"] == OutcomeTally())
        #expect(rollup.outcomes == OutcomeTally(returned: 3, notReturned: 26))
        let kecil = rollup.table.rows.first { $0[0] == .text("kecil") }!.map(\.plain)
        #expect(kecil.suffix(6) == ["< 5", "", "", "", "", "(disembunyikan)"])
    }
}
