import BekalCore
import BekalStore
import Foundation
import Testing

/// Every headless-Chromium test runs inside this suite, one at a time: two browsers and their
/// WebDrivers at once on a two-core machine starve each other ("Resource temporarily
/// unavailable" from the driver's port, or a time limit reached while waiting).
@Suite(.serialized) enum BrowserTests {}

/// What every browser test sets up: Chromium and its driver present, a copy of the demo in a
/// scratch folder, the web app serving it, a browser of a given size, a screenshot where a
/// failure stopped, and everything stopped and removed afterwards.
extension BrowserTests {
    /// Whether Chromium and its WebDriver are installed; when not, records the failure that
    /// says how to install them (or skip the test).
    static func browserIsInstalled() -> Bool {
        let missing = [VisitBrowserTests.chromium, VisitBrowserTests.chromedriver].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        guard missing.isEmpty else {
            Issue.record("""
                The browser test needs headless Chromium and its WebDriver: \(missing.joined(separator: " and ")) not found. \
                Install them with `sudo apt-get install chromium chromium-driver` (.ci/run does this), \
                or set BEKAL_SKIP_BROWSER=1 to skip this test.
                """)
            return false
        }
        return true
    }

    /// The demo programme (as `make` loads it) in a scratch folder of its own, removed after `body`.
    static func withDemo(_ make: (String) throws -> SQLiteStore = VisitBrowserTests.demoStore(at:),
                         _ body: (URL, SQLiteStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder, try make(folder.appendingPathComponent("bekal.sqlite").path))
    }

    /// The web app serving `store` on a free loopback port and one WebDriver (its log in
    /// `folder`); `body` gets the driver and the site's address. The server stops either way.
    static func serving(_ store: SQLiteStore, folder: URL, sealKey: SealKey? = nil,
                        _ body: (WebDriver.Driver, String) async throws -> Void) async throws {
        let server = try await VisitBrowserTests.Server.start(store: store, sealKey: sealKey)
        do {
            let driver = try WebDriver.Driver(executable: VisitBrowserTests.chromedriver, log: folder.appendingPathComponent("chromedriver.log"))
            defer { driver.stop() }
            try await body(driver, "http://127.0.0.1:\(server.port)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A browser of this size for `body`; a failure saves a screenshot named `failureShot`
    /// before it goes on. The browser quits either way.
    static func withBrowser(_ driver: WebDriver.Driver, width: Int = 390, height: Int = 844, failureShot: String,
                            _ body: (WebDriver) async throws -> Void) async throws {
        let browser = try await WebDriver(driverPort: driver.port, chromium: VisitBrowserTests.chromium, width: width, height: height)
        do {
            try await body(browser)
        } catch {
            if let png = try? await browser.screenshot() { VisitBrowserTests.save(png, as: failureShot) }
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
