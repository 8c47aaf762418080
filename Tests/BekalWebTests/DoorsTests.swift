import BekalCore
import BekalWeb
import Foundation
import HTTPTypes
import Testing

/// The web app's doors, tried as a stranger on the network would: a flood of log-ins, a
/// redirect out of the site, an oversized form; and sessions that must end when they should.
@Suite struct DoorsTests {
    /// A clock the test moves.
    final class Clock: @unchecked Sendable {
        private var now = WebFixture.now
        private let lock = NSLock()
        func read() -> Date { lock.lock(); defer { lock.unlock() }; return now }
        func advance(_ seconds: TimeInterval) { lock.lock(); now = now.addingTimeInterval(seconds); lock.unlock() }
    }

    static func configuration(clock: Clock = Clock(), attempts: Int = 3, perAddress: Int = 20) -> WebConfiguration {
        WebConfiguration(clock: { clock.read() }, loginAttempts: attempts, loginAttemptsPerAddress: perAddress,
                         trustForwardedFor: true, sealKey: WebFixture.sealKey)
    }

    @Test func aStrangerCannotLockTheRealAdminOut() async throws {
        let f = try WebFixture(configuration: Self.configuration())
        try await f.test { stranger in
            stranger.address = "203.0.113.9"
            for _ in 0..<3 {
                let wrong = try await stranger.login("admin", password: "tebakan-salah-1")
                #expect(wrong.status == .unauthorized)
            }
            // Locked for her address, even with the right password.
            let right = try await stranger.login("admin")
            #expect(right.status == .tooManyRequests)
        }
        try await f.test { office in
            office.address = "10.0.0.5"
            let page = try await office.login("admin")
            #expect(page.status == .seeOther && page.location == "/")
        }
        let rows = try f.store.read { tx in try tx.auditRecords(actor: nil, action: nil, from: nil, to: nil, limit: 50) }
        #expect(rows.filter { $0.action == "auth.failed" && $0.subject == "admin" && $0.detail == "from 203.0.113.9" }.count == 3)
        #expect(rows.filter { $0.action == "auth.locked" }.count == 1)
        #expect(rows.contains { $0.action == "auth.login" && $0.subject == "admin" && $0.detail == "from 10.0.0.5" })
        #expect(!rows.contains { $0.detail.contains("tebakan") || $0.subject.contains("tebakan") })
    }

    @Test func oneAddressGuessingManyNamesIsStopped() async throws {
        let f = try WebFixture(configuration: Self.configuration(attempts: 3, perAddress: 4))
        try await f.test { stranger in
            stranger.address = "198.51.100.7"
            for name in ["admin", "bendahara", "koperasi", "siti aminah"] {
                let wrong = try await stranger.login(name, password: "tebakan-salah-1")
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await stranger.login("pendamping1")
            #expect(locked.status == .tooManyRequests && locked.body.contains("Terlalu banyak percobaan gagal dari perangkat ini"))
        }
        // A name that is no user is not written down.
        let rows = try f.store.read { tx in try tx.auditRecords(actor: nil, action: "auth.failed", from: nil, to: nil, limit: 50) }
        #expect(rows.contains { $0.subject == "(unknown user)" } && !rows.contains { $0.subject.contains("siti") })
    }

    @Test func theReturnPathAfterLogInStaysOnTheSite() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.get("/masuk?lanjut=%2F%09%2Fevil.example")
            let page = try await browser.post("/masuk?lanjut=%2F%09%2Fevil.example", [("username", "admin"), ("password", WebFixture.password)])
            #expect(page.location == "/")
        }
        for path in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/ /evil.example", "/%0a"] {
            #expect(WebApp.safeReturn(path) == (path == "/%0a" ? "/%0a" : "/"), "\(path)")
        }
        #expect(WebApp.safeReturn("/binaan/B-00012?tab=kunjungan") == "/binaan/B-00012?tab=kunjungan")
    }

    @Test func anOversizedFormGetsThe413Page() async throws {
        let f = try WebFixture()
        try await f.test { browser in
            try await browser.login("pendamping1")
            let page = try await browser.post("/kunjungan/baru", [("notes", String(repeating: "a", count: 70_000))])
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("Isian terlalu besar"))
        }
    }

    @Test func signingInAgainEndsTheEarlierSession() async throws {
        let f = try WebFixture()
        try await f.test { phone in
            try await phone.login("bendahara")
            #expect(try await phone.get("/").status == .ok)
            try await f.test { desk in
                try await desk.login("bendahara")
                #expect(try await desk.get("/").status == .ok)
            }
            #expect(try await phone.get("/").status == .seeOther)
        }
    }

    /// From the command line, in another process: the web app sees it in the store.
    @Test func aPasswordChangeOrSwitchOffEndsHerSessionsForGood() async throws {
        let f = try WebFixture()
        let admin = OperationContext(actor: "admin")
        try await f.test { browser in
            try await browser.login("bendahara")
            try Operations(store: f.store).setPassword(username: "bendahara", password: "kata-sandi-baru-456", hash: { "x\($0)" },
                                                       context: admin)
            #expect(try await browser.get("/").status == .seeOther)
        }
        try await f.test { browser in
            try await browser.login("pendamping1")
            try Operations(store: f.store).setUserActive(username: "pendamping1", active: false, context: admin)
            try Operations(store: f.store).setUserActive(username: "pendamping1", active: true, context: admin)
            // Switched on again before her next page: the session stays ended.
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func sessionsEndAfterTheIdleTimeShorterForAPendamping() async throws {
        let clock = Clock()
        let f = try WebFixture(configuration: Self.configuration(clock: clock))
        try await f.test { phone in
            try await phone.login("pendamping1")
            try await f.test { desk in
                try await desk.login("admin")
                clock.advance(25 * 60)
                #expect(try await phone.get("/").status == .ok)
                #expect(try await desk.get("/").status == .ok)
                clock.advance(31 * 60)       // 31 minutes since her last page: the pendamping is out
                #expect(try await phone.get("/").status == .seeOther)
                #expect(try await desk.get("/").status == .ok)
                clock.advance(2 * 60 * 60 + 60)
                #expect(try await desk.get("/").status == .seeOther)
            }
        }
        // The absolute lifetime ends even a busy session.
        let busy = Clock()
        let g = try WebFixture(configuration: Self.configuration(clock: busy))
        try await g.test { desk in
            try await desk.login("admin")
            for _ in 0..<9 {
                busy.advance(55 * 60)
                _ = try await desk.get("/")
            }
            #expect(try await desk.get("/").status == .seeOther)
        }
    }

    @Test func everyMoneyActionIsInTheTrailInIndonesian() async throws {
        let f = try WebFixture(configuration: .admin())
        let demo = OperationContext(actor: "web:admin", now: WebFixture.now)
        _ = try Operations(store: f.store).recordGrantException(beneficiary: "B-00001", cohort: "2007", reason: "usaha terbakar, disetujui Kasi", context: demo)
        try await f.test { browser in
            try await browser.login("admin")
            let page = try await browser.get("/audit?batas=500")
            #expect(page.body.contains("Mencatat pengecualian hibah"))
            #expect(page.body.contains("Masuk"))
            let entries = try await browser.get("/audit?tindakan=entry.grant&batas=500")
            #expect(entries.body.contains("Entri buku: bantuan modal kerja"))
            #expect(!entries.body.contains(">entry.grant<"))
        }
    }
}
