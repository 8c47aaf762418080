import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

@Suite struct AuthTests {
    @Test func anonymousPagesRedirectToTheLoginAndComeBack() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            let page = try await browser.get("/")
            #expect(page.status == .seeOther)
            #expect(page.location == "/masuk?lanjut=%2F")
            let login = try await browser.get("/masuk?lanjut=%2Fjadwal")
            #expect(login.status == .ok)
            #expect(login.body.contains("Nama pengguna"))
            let after = try await browser.post("/masuk?lanjut=%2Fjadwal", [("username", "pendamping1"), ("password", WebFixture.password)])
            #expect(after.status == .seeOther)
            #expect(after.location == "/jadwal")
        }
    }

    @Test func eachRoleLandsOnItsOwnDashboard() async throws {
        let f = try WebFixture()
        for (username, title) in [("admin", "Beranda admin"), ("bendahara", "Beranda bendahara"),
                                  ("pendamping1", "Beranda pendamping"), ("koperasi", "Beranda mitra")] {
            try await f.test { browser in
                let login = try await browser.login(username)
                #expect(login.status == .seeOther, "\(username)")
                #expect(login.location == "/")
                let home = try await browser.get("/")
                #expect(home.status == .ok)
                #expect(home.body.contains("<h1>\(title)</h1>"), "\(username)")
            }
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndSameSiteStrict() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.get("/masuk")
            let page = try await browser.post("/masuk", [("username", "bendahara"), ("password", WebFixture.password)])
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("bekal_sesi=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
        }
    }

    @Test func aWrongPasswordIsRefusedInIndonesianAndKeepsTheName() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            let page = try await browser.login("bendahara", password: "salah-sekali-123")
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("Nama pengguna atau kata sandi salah."))
            #expect(page.body.contains("value=\"bendahara\""))
            let home = try await browser.get("/")
            #expect(home.status == .seeOther)
        }
    }

    @Test func loginAttemptsAreRateLimitedPerUserEvenWithTheRightPassword() async throws {
        let f = try WebFixture(configuration: WebConfiguration(clock: { WebFixture.now }, loginAttempts: 3))
        try await f.test { browser in
            for _ in 0..<3 {
                let page = try await browser.login("admin", password: "bukan-sandinya-1")
                #expect(page.status == .unauthorized)
            }
            let locked = try await browser.login("admin")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Terlalu banyak percobaan gagal"))
            // Another user is not locked.
            let other = try await browser.login("bendahara")
            #expect(other.status == .seeOther)
        }
    }

    @Test func aLoginWithoutTheFormTokenIsRefused() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.get("/masuk")
            let page = try await browser.post("/masuk", [("username", "admin"), ("password", WebFixture.password)], csrf: "")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("Formulir tidak sah"))
        }
    }

    @Test func aPostWithAWrongTokenIsRefusedAndLogoutEndsTheSession() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("admin")
            let forged = try await browser.post("/keluar", [], csrf: String(repeating: "0", count: 64))
            #expect(forged.status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
            let out = try await browser.post("/keluar", [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func aDisabledUserIsSignedOutAtOnce() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("bendahara")
            #expect(try await browser.get("/").status == .ok)
            try Operations(store: f.store).setUserActive(username: "bendahara", active: false, context: OperationContext(actor: "test"))
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func onlyLocalReturnPathsAreFollowed() {
        #expect(WebApp.safeReturn("/jadwal") == "/jadwal")
        #expect(WebApp.safeReturn("//evil.example") == "/")
        #expect(WebApp.safeReturn("https://evil.example") == "/")
        #expect(WebApp.safeReturn(nil) == "/")
    }
}
