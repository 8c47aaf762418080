import BekalCore
import BekalStore
import Foundation
import Testing

/// ``ReportSource/forEachEntryByValueDate(bookID:_:)``: the order of the journal export.
@Suite struct JournalOrderTests {
    static let context = OperationContext(actor: "bendahara", now: Date(timeIntervalSince1970: 1_795_582_800)) // 2026-11-25

    @Test func entriesComeByValueDateThenIDWithTheirOwnPostings() throws {
        let store = try SQLiteStore()
        let ops = Operations(store: store)
        try ops.initialise()
        // Recorded in one order, dated in another; two on the same day keep their id order.
        for (ref, day) in [("SP2D-1", "2026-03-01"), ("SP2D-2", "2026-01-15"), ("SP2D-3", "2026-02-01"), ("SP2D-4", "2026-01-15")] {
            _ = try ops.receiveBudget(BudgetReceipt(amount: Rupiah(1_000_000), documentRef: ref, valueDate: try LocalDate.parse(day)),
                                      context: Self.context)
        }
        try store.read { tx in
            var byChain: [JournalEntry] = []
            try tx.forEachEntry { byChain.append($0) }
            var byDate: [JournalEntry] = []
            try tx.forEachEntryByValueDate(bookID: nil) { byDate.append($0) }
            #expect(byDate.map(\.id) == [2, 4, 3, 1])
            #expect(Set(byDate) == Set(byChain), "the same entries, each with its own postings")
            let office = try #require(try tx.books().first)
            var ofOffice: [Int64] = []
            try tx.forEachEntryByValueDate(bookID: office.id) { ofOffice.append($0.id) }
            #expect(ofOffice == [2, 4, 3, 1])
            var ofNoBook: [Int64] = []
            try tx.forEachEntryByValueDate(bookID: 999) { ofNoBook.append($0.id) }
            #expect(ofNoBook.isEmpty)
        }
    }
}
