import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The admin enters the DPA's lines and an exception to a pagu in the browser (issue 16, part 1),
/// on the demo's 2012 budget: refusals in Indonesian at their field, nothing written; a line and
/// an exception recorded, and the year's realisation shown beside them.
@Suite struct BudgetLineFormTests {
    @Test func theAdminEntersALineAndAnException() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/anggaran/mata?tahun=2012")
            #expect(page.status == .ok && page.body.contains("<caption>Realisasi Anggaran per Sumber Dana 2012"))
            #expect(page.body.contains("5.1.02.03.01.0001"))
            let twice = try await browser.post("/anggaran/mata", [("year", "2012"), ("source", "apbd-provinsi"), ("code", "5.1.02.03.01.0001"),
                                                                  ("name", "Belanja Barang"), ("purpose", "peralatan"), ("ceiling", "1.000.000")])
            #expect(twice.status == .unprocessableContent && fieldError(twice.body, "code")?.contains("sudah tercatat") == true,
                    "\(fieldError(twice.body, "code") ?? "-")")
            let noCeiling = try await browser.post("/anggaran/mata", [("year", "2013"), ("source", "apbd-kota"), ("code", "5.1.06.01"),
                                                                      ("name", "Belanja Bantuan Sosial"), ("purpose", "bantuan-modal")])
            #expect(fieldError(noCeiling.body, "ceiling")?.contains("pagu") == true)
            let saved = try await browser.post("/anggaran/mata", [("year", "2013"), ("source", "apbd-kota"), ("code", "5.1.06.01"),
                                                                  ("name", "Belanja Bantuan Sosial kepada Individu"), ("purpose", "bantuan-modal"),
                                                                  ("ceiling", "45.000.000")])
            #expect(saved.status == .seeOther && saved.location == "/anggaran/mata?tahun=2013")
            let line = try #require(try f.store.read { tx in try tx.budgetLines(year: 2013).first })
            let short = try await browser.post("/anggaran/mata/pengecualian", [("line", String(line.id)), ("amount", "1.500.000"), ("reason", "SK")])
            #expect(short.status == .unprocessableContent && fieldError(short.body, "reason") != nil)
            let allowed = try await browser.post("/anggaran/mata/pengecualian", [("line", String(line.id)), ("amount", "1.500.000"),
                                                                                 ("reason", "SK Kepala Dinas 900/12/2013: tambahan lulusan")])
            #expect(allowed.status == .seeOther)
        }
        #expect(try f.store.read { tx in try tx.budgetExceptions(lineID: nil).count } == 2, "the demo's and this one")
    }
}
