import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// A visit typed while her session ended (idle on a phone, or signed out elsewhere) is not
/// lost: the log-in page says why and carries it; once signed in she sees it and sends it.
@Suite struct SessionEndedTests {
    /// The hidden fields of a page's forms, in order.
    static func hidden(_ body: String) -> [(String, String)] {
        body.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/).map {
            (String($0.1), String($0.2).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\""))
        }
    }

    @Test func aVisitSentAfterTheSessionEndedIsKeptThroughTheSignInAndSentOnce() async throws {
        let f = try WebFixture.aftercare()
        let visits = try f.count("SELECT count(*) FROM visit")
        try await f.test { browser in
            // A phone whose session is gone posts the visit form from Bekal's own page.
            browser.fetchSite = "same-origin"
            let login = try await browser.post("/kunjungan/baru", VisitFormTests.visit + [("password", "tidak-pernah-dibawa")], csrf: "")
            #expect(login.status == .unauthorized)
            #expect(login.body.contains("Sesi Anda sudah berakhir"))
            let carried = Self.hidden(login.body).filter { $0.0.hasPrefix("isian") }
            #expect(carried.contains { $0 == ("isian_ke", "/kunjungan/baru") })
            #expect(carried.contains { $0 == ("isian.notes", "Ibu sedang di pasar; bertemu di rumah") })
            #expect(carried.filter { $0.0 == "isian.support" }.map(\.1) == ["marketing", "branding"], "every value of a field")
            #expect(!login.body.contains("tidak-pernah-dibawa"), "a password is never carried")
            #expect(try f.count("SELECT count(*) FROM visit") == visits)

            // A wrong password: still carried.
            let wrong = try await browser.post("/masuk", [("username", "pendamping1"), ("password", "salah-sekali-123")] + carried)
            #expect(wrong.status == .unauthorized)
            #expect(Self.hidden(wrong.body).filter { $0.0.hasPrefix("isian") }.count == carried.count)

            // Signed in: what is waiting, not yet sent.
            let waiting = try await browser.post("/masuk", [("username", "pendamping1"), ("password", WebFixture.password)] + carried)
            #expect(waiting.status == .ok)
            #expect(waiting.body.contains("data-testid=\"isian-tertunda\""))
            #expect(waiting.body.contains("action=\"/kunjungan/baru\""))
            #expect(try f.count("SELECT count(*) FROM visit") == visits, "nothing is sent without her")
            let resend = Self.hidden(waiting.body).filter { $0.0 != "_csrf" }
            let sent = try await browser.post("/kunjungan/baru", resend)
            #expect(sent.status == .seeOther)
        }
        #expect(try f.count("SELECT count(*) FROM visit") == visits + 1)
    }

    @Test func aFormFromElsewhereIsNotCarriedThroughTheSignIn() async throws {
        let f = try WebFixture.aftercare()
        try await f.test { browser in
            for site in [nil, "cross-site", "same-site"] as [String?] {
                browser.fetchSite = site
                let page = try await browser.post("/hibah/baru", [("beneficiary", "B-00001"), ("ref", "KW/JAHAT/1"), ("amount", "1.500.000"),
                                                                  ("konfirmasi", "ya")], csrf: "")
                #expect(page.status == .seeOther, "\(site ?? "no header")")
                #expect(page.location?.hasPrefix("/masuk") == true)
                #expect(!page.body.contains("KW/JAHAT/1"))
            }
        }
    }
}
