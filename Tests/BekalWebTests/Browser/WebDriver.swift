import Foundation

/// Just enough of the W3C WebDriver protocol to drive headless Chromium through Debian's
/// `chromedriver`: sessions, navigation, CSS lookups, typing, clicks, text, scripts and
/// screenshots. Every call has a timeout; lookups poll until an element appears.
final class WebDriver: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The chromedriver process, started on a port of its own choosing.
    final class Driver: @unchecked Sendable {
        let process: Process
        let port: Int

        /// Starts `chromedriver --port=0` and reads the port it reports from its log file (a
        /// file, not a pipe, so nothing has to keep draining it).
        init(executable: String, log: URL) throws {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--port=0"]
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            var text = ""
            while Date() < deadline && process.isRunning {
                text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let match = text.firstMatch(of: /started successfully on port (\d+)/) {
                    port = Int(match.1)!
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if process.isRunning { process.terminate() }
            throw Failure(description: "chromedriver did not report its port within 10 s; it said: \(text)")
        }

        /// Asks it to shut down (its `/shutdown` endpoint), then SIGTERM, then SIGKILL.
        func stop() {
            _ = try? LoopbackHTTP.request(port: port, method: "GET", path: "/shutdown", body: nil, timeout: 2)
            for signal in [SIGTERM, SIGKILL] {
                let deadline = Date().addingTimeInterval(2)
                while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
                guard process.isRunning else { break }
                kill(process.processIdentifier, signal)
            }
            process.waitUntilExit()
        }
    }

    /// `BEKAL_WEBDRIVER_TRACE=1` prints every call, to see where a run stalls.
    static let trace = ProcessInfo.processInfo.environment["BEKAL_WEBDRIVER_TRACE"] == "1"

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    let port: Int
    let session: String

    /// Opens a headless Chromium session that looks like a phone (390×844 CSS pixels).
    init(driverPort: Int, chromium: String, width: Int, height: Int) async throws {
        port = driverPort
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=id-ID",
                         "--no-first-run", "--disable-extensions", "--window-size=\(width),\(height)"],
                "mobileEmulation": [
                    "deviceMetrics": ["width": width, "height": height, "pixelRatio": 2],
                    "userAgent": "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile Safari/537.36",
                ],
            ],
        ] as [String: Any]]]
        let value = try Self.send(port: driverPort, "/session", method: "POST", body: capabilities)
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw Failure(description: "no WebDriver session: \(String(describing: value))")
        }
        session = id
    }


    func go(_ url: String) async throws {
        _ = try await call("url", method: "POST", body: ["url": url])
    }

    func currentURL() async throws -> String {
        try await call("url", method: "GET") as? String ?? ""
    }

    /// The first element matching `css`, waiting up to `timeout` seconds for it to appear.
    func element(_ css: String, timeout: TimeInterval = 10) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let found = try await elements(css)
            if let first = found.first { return first }
            if Date() > deadline { throw Failure(description: "no element \(css) within \(timeout) s at \(try await currentURL())") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func elements(_ css: String) async throws -> [String] {
        let value = try await call("elements", method: "POST", body: ["using": "css selector", "value": css])
        return (value as? [[String: Any]] ?? []).compactMap { $0[Self.elementKey] as? String }
    }

    func type(_ text: String, into css: String) async throws {
        let id = try await element(css)
        _ = try await call("element/\(id)/clear", method: "POST", body: [:])
        _ = try await call("element/\(id)/value", method: "POST", body: ["text": text])
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        _ = try await call("element/\(id)/click", method: "POST", body: [:])
    }

    func text(_ css: String) async throws -> String {
        let id = try await element(css)
        return try await call("element/\(id)/text", method: "GET") as? String ?? ""
    }

    @discardableResult
    func script(_ source: String, _ arguments: [Any] = []) async throws -> Any? {
        try await call("execute/sync", method: "POST", body: ["script": source, "args": arguments])
    }

    /// A script whose last argument is the callback it calls with its result (promises, IndexedDB).
    @discardableResult
    func asyncScript(_ source: String, _ arguments: [Any] = []) async throws -> Any? {
        try await call("execute/async", method: "POST", body: ["script": source, "args": arguments])
    }

    /// Forgets every cookie of the site, as a session that ended leaves the browser.
    func deleteCookies() async throws {
        _ = try await call("cookie", method: "DELETE")
    }

    func refresh() async throws {
        _ = try await call("refresh", method: "POST", body: [:])
    }

    /// The text of the open `alert`/`confirm`, waiting up to `timeout` seconds for one.
    func dialogText(timeout: TimeInterval = 10) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = try? await call("alert/text", method: "GET") as? String { return text }
            if Date() > deadline { throw Failure(description: "no dialog within \(timeout) s at \(try await currentURL())") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Answers the open dialog: OK (`accept`) or Cancel.
    func answerDialog(accept: Bool) async throws {
        _ = try await call(accept ? "alert/accept" : "alert/dismiss", method: "POST", body: [:])
    }

    /// Chromium's DevTools network emulation for this page: offline, or back to the network.
    /// (It does not reach the page's service worker, which has a target of its own.)
    func setOffline(_ offline: Bool) async throws {
        try await setNetwork(offline: offline)
    }

    /// A slower network for this page: `latency` ms added to each request, throughputs in bytes a second (-1: no limit).
    func setNetwork(offline: Bool = false, latency: Int = 0, download: Int = -1, upload: Int = -1) async throws {
        _ = try await call("chromium/network_conditions", method: "POST", body: ["network_conditions": [
            "offline": offline, "latency": latency, "download_throughput": download, "upload_throughput": upload,
        ] as [String: Any]])
    }

    /// The viewport as a PNG.
    func screenshot() async throws -> Data {
        guard let text = try await call("screenshot", method: "GET") as? String, let data = Data(base64Encoded: text) else {
            throw Failure(description: "no screenshot")
        }
        return data
    }

    func quit() async {
        _ = try? Self.send(port: port, "/session/\(session)", method: "DELETE", body: nil)
    }

    private func call(_ path: String, method: String, body: [String: Any]? = nil) async throws -> Any? {
        try Self.send(port: port, "/session/\(session)/\(path)", method: method, body: body)
    }

    private static func send(port: Int, _ path: String, method: String, body: [String: Any]?) throws -> Any? {
        if trace { note("WebDriver \(method) \(path)") }
        let (status, data) = try LoopbackHTTP.request(port: port, method: method, path: path,
                                                       body: try body.map { try JSONSerialization.data(withJSONObject: $0) })
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let value = object?["value"]
        if status >= 400 {
            let error = (value as? [String: Any]).map { "\($0["error"] ?? ""): \($0["message"] ?? "")" } ?? String(decoding: data, as: UTF8.self)
            throw Failure(description: "WebDriver \(method) \(path) → \(status) \(error)")
        }
        return value is NSNull ? nil : value
    }
}
