import BekalTestSupport
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Two `bekal serve` processes on one PostgreSQL database, as behind one address: they share
/// the sessions and the failed log-ins, so an officer sent to either by the proxy is the same
/// officer on both (issue 12).
@Suite("Two bekal serve processes on one PostgreSQL")
struct TwoServersTests {
    /// A `bekal serve` process on `url`, started in `bekal`'s folder, listening on a free port.
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int
        let printed: String

        init(_ bekal: Bekal, arguments: [String]) throws {
            process.executableURL = bekal.executable
            process.arguments = ["serve", "--port", "0"] + arguments
            process.currentDirectoryURL = bekal.directory
            var env = ProcessInfo.processInfo.environment
            env["BEKAL_DB"] = nil
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var printed = ""
            let deadline = Date().addingTimeInterval(60)
            while !printed.contains("Bekal serves"), process.isRunning, Date() < deadline {
                printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            }
            self.printed = printed
            guard let port = printed.firstMatch(of: /on http:\/\/127\.0\.0\.1:(\d+)\//).flatMap({ Int($0.1) }) else {
                process.terminate()
                throw TestSupport.Missing(description: "bekal serve did not start: \(printed)")
            }
            self.port = port
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    /// A browser with one cookie jar for both servers; redirects are answers, not followed.
    final class Browser: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        var cookies: [String: String] = [:]
        var csrf = ""
        lazy var session: URLSession = {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpShouldSetCookies = false
            configuration.httpCookieAcceptPolicy = .never
            return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        }()

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        @discardableResult
        func send(_ server: Server, _ path: String, form: [(String, String)]? = nil) async throws -> (status: Int, body: String) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
            if !cookies.isEmpty { request.setValue(cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "), forHTTPHeaderField: "Cookie") }
            if let form {
                request.httpMethod = "POST"
                request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
                let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
                request.httpBody = Data((form + [("_csrf", csrf)]).map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8)
            }
            let (data, response) = try await session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            let setCookie = http.value(forHTTPHeaderField: "Set-Cookie") ?? ""
            for match in setCookie.matches(of: /(bekal_sesi|bekal_masuk)=([^;,]*)/) {
                cookies[String(match.1)] = match.2.isEmpty ? nil : String(match.2)
            }
            let body = String(decoding: data, as: UTF8.self)
            if let match = body.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/) { csrf = String(match.1) }
            return (http.statusCode, body)
        }

        func login(_ server: Server, _ username: String, _ password: String) async throws -> Int {
            try await send(server, "/masuk")
            return try await send(server, "/masuk", form: [("username", username), ("password", password)]).status
        }
    }

    @Test func theTwoServersShareSessionsAndTheLogInLimit() async throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let url = try ScratchPostgres.shared.get().newDatabase()
        let a = try Server(bekal, arguments: ["--db", url, "--demo"])
        defer { a.stop() }
        // The office's clock is the sessions' and the log-in limit's: servers behind one address
        // run with the same one (`--demo` pins A's to the demo's date, so B's is pinned too).
        let b = try Server(bekal, arguments: ["--db", url, "--today", "2013-01-02"])
        defer { b.stop() }
        var passwords: [String: String] = [:]
        for line in a.printed.split(separator: "\n") {
            if let match = line.wholeMatch(of: /\s+(\S+)\s+(\S+)\s+(\S+)/) { passwords[String(match.1)] = String(match.3) }
        }
        let bendahara = try #require(passwords["bendahara"], "\(a.printed)")
        let admin = try #require(passwords["admin"], "\(a.printed)")

        // Signed in on A, the cookie works on B; signed out on B, it ends on A.
        let officer = Browser()
        #expect(try await officer.login(a, "bendahara", bendahara) == 303)
        let onB = try await officer.send(b, "/")
        #expect(onB.status == 200)
        #expect(onB.body.contains("Beranda bendahara"))
        #expect(try await officer.send(b, "/keluar", form: []).status == 303)
        #expect(try await officer.send(a, "/").status == 303)

        // Failed log-ins on A and on B add up to the limit (5 per name and address), and then
        // even the right password is refused on both.
        let guesser = Browser()
        for (server, n) in [(a, 1), (b, 2), (a, 3), (b, 4), (a, 5)] {
            #expect(try await guesser.login(server, "admin", "bukan-sandinya-\(n)") == 401)
        }
        #expect(try await guesser.login(b, "admin", admin) == 429)
        #expect(try await guesser.login(a, "admin", admin) == 429)
    }
}
