import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// Issue 13, item 5: an error page keeps the signed-in user's menu, search box and sign-out
/// form, so that a wrong link on a phone is one tap from where she was going, not a dead end.
@Suite struct ErrorPageMenuTests {
    static let menu = "<nav aria-label=\"Menu utama\">"

    @Test func aSignedInUsersNotFoundPagesCarryHerMenu() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            // No such route (the router's 404), and an entry that does not exist (the handler's).
            for path in ["/tidak-ada-halaman-ini", "/jurnal/999999"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.contains("data-status=\"404\""), "\(path)")
                #expect(page.body.contains(Self.menu), "\(path)")
                #expect(page.body.contains("<a href=\"/laporan\">Laporan</a>"), "\(path): the bendahara's own menu")
                #expect(!page.body.contains("<a href=\"/audit\">"), "\(path): only what her role may open")
                #expect(page.body.contains("action=\"/keluar\""), "\(path)")
            }
        }
    }

    @Test func aSignedInUsersForbiddenPageCarriesHerMenuAndSheCanSignOutFromIt() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.get("/hasil")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("data-status=\"403\""))
            #expect(page.body.contains(Self.menu))
            #expect(page.body.contains("<a href=\"/jadwal\">Jadwal kunjungan</a>"))
            // The sign-out form carries her session's token (the browser read it off this page).
            #expect(page.body.contains("name=\"_csrf\" value=\"\(browser.csrf ?? "-")\""))
            let out = try await browser.post("/keluar", [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").location?.hasPrefix("/masuk") == true, "signed out")
        }
    }

    @Test func aVisitorWhoIsNotSignedInGetsNoMenu() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            let page = try await browser.get("/tidak-ada-halaman-ini")
            #expect(page.status == .notFound)
            #expect(page.body.contains("data-status=\"404\""))
            #expect(!page.body.contains(Self.menu))
            #expect(!page.body.contains("action=\"/keluar\""))
        }
    }
}
