import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// `/hari-ini`: what was done in the office today. The demo's data ends the day before the
/// fixture's today (2 Jan 2013), so today starts empty and holds exactly what the test does.
@Suite struct TodayPageTests {
    @Test func theBendaharaSeesTheDaysEntriesAndTheAdminTheDaysWork() async throws {
        let f = try WebFixture()
        let dewi = try f.unpaidGraduate()
        try await f.test { browser in
            try await browser.login("bendahara")
            let before = try await browser.get("/hari-ini")
            #expect(before.status == .ok)
            #expect(before.body.contains("Belum ada yang dicatat hari ini (2 Jan 2013)."))
            #expect(try await browser.get("/").body.contains("Hari ini (0)"))
            try await browser.get("/hibah/baru")
            #expect(try await browser.post("/hibah/baru", MoneyFormsTests.grant(dewi.code, ref: "KW/UJI/HARIINI")).status == .seeOther)
            let after = try await browser.get("/hari-ini")
            #expect(after.body.contains("1 catatan hari ini (2 Jan 2013)."))
            #expect(after.body.contains("oleh web:bendahara"))
            #expect(after.body.contains("href=\"/jurnal/"))
            #expect(try await browser.get("/").body.contains("Hari ini (1)"))
        }
        try await f.test { browser in
            try await browser.login("admin")
            try await browser.get("/penugasan")
            #expect(try await browser.post("/penugasan", [("beneficiary", dewi.code), ("worker", "PSM-01"), ("date", "2013-01-02")]).status == .seeOther)
            let page = try await browser.get("/hari-ini")
            // The grant and the admin's own viewing of the outcome summary on her home page are
            // the day's records; sign-ins are not.
            #expect(page.body.contains("oleh web:bendahara"))
            #expect(!page.body.contains("auth.login") && !page.body.contains("Masuk"))
            #expect(page.body.contains("href=\"/audit?dari=2013-01-02&amp;sampai=2013-01-02\""))
        }
        try await f.test { browser in
            try await browser.login("pendamping1")
            #expect(try await browser.get("/hari-ini").status == .forbidden)
        }
    }
}
