import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The bendahara picks the budget line a cost is booked against when the year has more than
/// one for its purpose (issue 16, part 1): "Otomatis" is refused, naming the lines, at the
/// `line` field; the line chosen is the one the entry's postings carry.
@Suite struct BudgetLineChoiceTests {
    @Test func aCostOfAYearWithTwoLinesIsBookedAgainstTheOneChosen() async throws {
        let f = try WebFixture()
        let ops = Operations(store: f.store)
        let setup = OperationContext(actor: "setup", now: WebFixture.now)
        _ = try ops.addBudgetLine(BudgetLineDraft(year: 2013, source: .apbdKota, code: "5.1.02.02.01.0026", name: "Belanja Jasa Pendampingan",
                                                  purpose: .aftercare, ceiling: Rupiah(6_000_000)), context: setup)
        let province = try ops.addBudgetLine(BudgetLineDraft(year: 2013, source: .apbdProvinsi, code: "5.1.02.02.01.0030",
                                                             name: "Belanja Pemasaran Usaha Binaan", purpose: .aftercare,
                                                             ceiling: Rupiah(4_000_000)), context: setup)
        try await f.test { browser in
            try await browser.login("bendahara")
            let form = try await browser.get("/biaya/baru")
            #expect(form.body.contains("name=\"line\"") && form.body.contains("5.1.02.02.01.0030 · Belanja Pemasaran Usaha Binaan · APBD Provinsi (2013)"))
            let cost: [(String, String)] = [("amount", "250.000"), ("ref", "NOTA-2013-01"), ("memo", "Cetak label merek"), ("date", "2013-01-02")]
            let unnamed = try await browser.post("/biaya/baru", cost)
            #expect(unnamed.status == .unprocessableContent)
            let refusal = try #require(fieldError(unnamed, "line"))
            #expect(refusal.contains("Lebih dari satu mata anggaran 2013") && refusal.contains("5.1.02.02.01.0030"), "\(refusal)")
            #expect(try f.count("SELECT count(*) FROM journal_entry WHERE document_ref = 'NOTA-2013-01'") == 0)
            let chosen = try await browser.post("/biaya/baru", cost + [("line", "apbd-provinsi 5.1.02.02.01.0030")])
            #expect(chosen.status == .seeOther, "\(fieldError(chosen, "line") ?? chosen.body)")
        }
        #expect(try f.count("""
            SELECT count(DISTINCT p.budget_line_id) FROM posting p JOIN journal_entry e ON e.id = p.entry_id
            WHERE e.document_ref = 'NOTA-2013-01' AND p.budget_line_id = \(province.id)
            """) == 1)
        #expect(try f.count("SELECT count(*) FROM posting p JOIN journal_entry e ON e.id = p.entry_id WHERE e.document_ref = 'NOTA-2013-01' AND p.budget_line_id IS NOT \(province.id)") == 0)
    }
}
