import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Post/Redirect/Get for refusals (``RefusalRedirectMiddleware``): Back and reload never post a
/// refused form again, and the refused page, with its errors and what was typed, shows once.
@Suite struct RefusalRedirectTests {
    @Test func aRefusedFormRedirectsToItsPageWhichShowsTheErrorsOnceAndThenTheEmptyForm() async throws {
        let f = try WebFixture()
        let entries = try f.entryCount
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/anggaran/terima")
            browser.followRefusals = false
            let refused = try await browser.post("/anggaran/terima", [("amount", "1.500.000,50"), ("ref", "SP2D/UJI/PRG"), ("date", "2013-01-02")])
            #expect(refused.status == .seeOther)
            #expect(refused.location == "/anggaran/terima?ditolak=1")
            let page = try await browser.get("/anggaran/terima?ditolak=1")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("id=\"amount-error\""))
            #expect(page.body.contains("value=\"SP2D/UJI/PRG\""), "what she typed")
            // Reloading the page: the empty form, never the refusal again, never a post.
            let reload = try await browser.get("/anggaran/terima?ditolak=1")
            #expect(reload.status == .ok)
            #expect(!reload.body.contains("id=\"amount-error\"") && !reload.body.contains("SP2D/UJI/PRG"))
        }
        #expect(try f.entryCount == entries)
    }

    @Test func theKeptPageIsForItsOwnAddressAndItsOwnSessionOnly() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            try await browser.get("/biaya/baru")
            browser.followRefusals = false
            #expect(try await browser.post("/biaya/baru", [("amount", "-5"), ("date", "2013-01-02")]).status == .seeOther)
            // Another form's address does not get it.
            let other = try await browser.get("/anggaran/terima?ditolak=1")
            #expect(other.status == .ok && !other.body.contains("field-error"))
            #expect(try await browser.get("/biaya/baru?ditolak=1").status == .unprocessableContent)
        }
        try await f.test { browser in
            // Nor another session.
            try await browser.login("bendahara")
            #expect(try await browser.get("/biaya/baru?ditolak=1").status == .ok)
        }
    }
}
