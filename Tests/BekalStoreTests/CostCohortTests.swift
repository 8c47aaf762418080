import BekalCore
@testable import BekalStore
import Foundation
import Testing

/// Every cost that can be traced to a cohort is booked against it, and the money received for
/// a cohort is set beside its ceiling in the budget use report.
@Suite("Costs land in a cohort")
struct CostCohortTests {
    let f: Fixture
    init() throws {
        f = try Fixture()
        _ = try f.ops.receiveBudget(BudgetReceipt(amount: Rupiah(30_000_000), documentRef: "SP2D-2026", valueDate: Self.day(1), cohort: "2026"),
                                    context: Fixture.context)
    }

    static func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: d)! }

    func cost(_ ref: String, kelompok: String? = nil, usaha: String? = nil, beneficiary: String? = nil,
              cohort: String? = nil) throws -> Int64? {
        let result = try f.ops.recordAftercareExpense(AftercareExpense(amount: Rupiah(100_000), documentRef: ref, memo: "Label merek",
                                                                       valueDate: Self.day(2), kelompok: kelompok, usaha: usaha,
                                                                       beneficiary: beneficiary, cohort: cohort), context: Fixture.context)
        return result.entry.postings[0].dimensions.cohortID
    }

    @Test func aCostTakesTheCohortOfWhatItIsFor() throws {
        let (c2025, c2026) = try f.store.read { tx in (try tx.cohort(code: "2025")!.id, try tx.cohort(code: "2026")!.id) }
        #expect(try cost("N-1", kelompok: "K-0001") == c2026)
        #expect(try cost("N-2", usaha: "U-0001") == c2026)        // owned by kelompok K-0001
        #expect(try cost("N-3", usaha: "U-0002") == c2026)        // owned by B-00002
        #expect(try cost("N-4", beneficiary: "B-00003") == c2026)
        #expect(try cost("N-5", beneficiary: Fixture.twoCohorts, cohort: "2025") == c2025)
        #expect(try cost("N-6") == nil)                           // names no one: no cohort to find
        try f.expectRefusal("ambiguous_cohort", "B-00009 completed training in several cohorts (2026, 2025); name one with --cohort.") {
            _ = try cost("N-7", beneficiary: Fixture.twoCohorts)
        }
        let use = try f.store.read { tx in try BudgetUse.build(in: tx) }
        let row2026 = try #require(use.lines.first { $0.cohortCode == "2026" })
        #expect(row2026.aftercare == Rupiah(400_000) && row2026.received == Rupiah(30_000_000) && row2026.unspent == Rupiah(29_600_000))
        #expect(row2026.budget == Rupiah(100_000_000) && row2026.remaining == Rupiah(99_600_000))
        // Only the cost that names no one is left without a cohort, and it is not negative.
        let none = try #require(use.lines.first { $0.cohortCode == nil })
        #expect(none.aftercare == Rupiah(100_000) && none.received == .zero)
        #expect(use.lines.allSatisfy { $0.used.amount >= 0 && $0.aftercare.amount >= 0 })
    }
}
