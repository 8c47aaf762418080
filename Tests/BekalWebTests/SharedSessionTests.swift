import BekalCore
import BekalStore
import BekalWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Two web apps on one store that shares its web state (as PostgreSQL does: `SharedWebState`)
/// behave as one server: a session made on one is known to the other, signing out on either
/// ends it on both, and failed log-ins on both add up. The store here is the demo's SQLite copy
/// with a shared state in memory beside it, so the web app's side is tested without a server;
/// `PostgresWebStateTests` and `TwoServersTests` test the state on PostgreSQL.
@Suite struct SharedSessionTests {
    /// Two apps, A and B, on one store and one shared state; `body` gets a client for each.
    func twoServers(loginAttempts: Int = 5, shared: MemorySharedState = MemorySharedState(), store given: (any BekalStore)? = nil,
                    _ body: @Sendable (any TestClientProtocol, any TestClientProtocol) async throws -> Void) async throws {
        let store = try given ?? SharedSQLite(base: try WebFixture.template.get().inMemoryCopy(), state: shared)
        let configuration = WebConfiguration(clock: { WebFixture.now }, loginAttempts: loginAttempts, sealKey: WebFixture.sealKey)
        let a = Application(router: try WebApp(store: store, configuration: configuration).router())
        let b = Application(router: try WebApp(store: store, configuration: configuration).router())
        try await a.test(.router) { clientA in
            try await b.test(.router) { clientB in try await body(clientA, clientB) }
        }
    }

    @Test func aSessionMadeOnOneServerWorksOnTheOtherAndSigningOutOnEitherEndsIt() async throws {
        try await twoServers { a, b in
            let browser = RoamingBrowser()
            #expect(try await browser.login(on: a, "bendahara").status == .seeOther)
            let onB = try await browser.get(on: b, "/")
            #expect(onB.status == .ok)
            #expect(onB.body.contains("<h1>Beranda bendahara</h1>"))
            // The form token is the session's, so a form from A posts on B.
            #expect(try await browser.post(on: b, "/keluar", []).status == .seeOther)
            #expect(try await browser.get(on: a, "/").status == .seeOther)
            #expect(try await browser.get(on: b, "/").status == .seeOther)

            // The old cookie, kept by someone who copied it, is dead on both.
            let copied = RoamingBrowser()
            #expect(try await copied.login(on: b, "pendamping1").status == .seeOther)
            let thief = RoamingBrowser()
            thief.cookies = copied.cookies
            #expect(try await thief.get(on: a, "/").status == .ok)
            #expect(try await copied.get(on: a, "/").status == .ok)
            #expect(try await copied.post(on: a, "/keluar", []).status == .seeOther)
            #expect(try await thief.get(on: b, "/").status == .seeOther)
        }
    }

    @Test func failedLogInsOnBothServersAddUpToTheLimit() async throws {
        try await twoServers(loginAttempts: 3) { a, b in
            let browser = RoamingBrowser()
            #expect(try await browser.login(on: a, "admin", password: "bukan-sandinya-1").status == .unauthorized)
            #expect(try await browser.login(on: b, "admin", password: "bukan-sandinya-2").status == .unauthorized)
            #expect(try await browser.login(on: a, "admin", password: "bukan-sandinya-3").status == .unauthorized)
            for server in [a, b] {
                let locked = try await browser.login(on: server, "admin")
                #expect(locked.status == .tooManyRequests)
                #expect(locked.body.contains("Terlalu banyak percobaan gagal"))
            }
            // Another user from the same address is not locked, on either.
            #expect(try await browser.login(on: b, "bendahara").status == .seeOther)
        }
    }

    @Test func aSuccessfulLogInOnOneServerClearsTheCountOnTheOther() async throws {
        try await twoServers(loginAttempts: 3) { a, b in
            // Each round from a new browser on the same address (a signed-in one gets no log-in form).
            for _ in 0..<2 {
                let browser = RoamingBrowser()
                for _ in 0..<2 {
                    let page = try await browser.login(on: a, "admin", password: "bukan-sandinya-1")
                    #expect(page.status == .unauthorized)
                }
                #expect(try await browser.login(on: b, "admin").status == .seeOther)
            }
        }
    }

    @Test func theSharedStateIsGivenDigestsNeverTheCookiesIdTheNameOrThePassword() async throws {
        let shared = MemorySharedState()
        try await twoServers(shared: shared) { a, _ in
            let browser = RoamingBrowser()
            #expect(try await browser.login(on: a, "admin", password: "bukan-sandinya-1").status == .unauthorized)
            #expect(try await browser.login(on: a, "admin").status == .seeOther)
            let cookie = try #require(browser.cookies["bekal_sesi"])
            let keys = shared.keysSeen
            #expect(!keys.isEmpty)
            #expect(keys.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{64}/) != nil }, "\(keys)")
            #expect(keys.contains(SharedWebKey.digest("hbs.\(cookie)")))
            #expect(!keys.contains { $0.contains(cookie) || $0.contains("admin") })
            let values = shared.sessionValues.map { String(decoding: $0, as: UTF8.self) }
            #expect(values.count == 1)
            #expect(!values.contains { $0.contains(cookie) || $0.contains(WebFixture.password) || $0.contains("bukan-sandinya") })
        }
    }

    /// The SQLite file is one process's: its store offers no shared state, and two apps on it
    /// keep their sessions each in its own memory, as before.
    @Test func onSQLiteEachServerKeepsItsOwnSessionsInMemory() async throws {
        let store = try WebFixture.template.get().inMemoryCopy()
        #expect(!((store as any BekalStore) is any SharedWebState))
        try await twoServers(store: store) { clientA, clientB in
            let browser = RoamingBrowser()
            let login = try await browser.login(on: clientA, "bendahara")
            #expect(login.status == .seeOther)
            #expect(try await browser.get(on: clientA, "/").status == .ok)
            #expect(try await browser.get(on: clientB, "/").status == .seeOther)
        }
    }
}

/// A store that offers a shared web state: the SQLite store for the books, `state` beside it.
final class SharedSQLite: BekalStore, SharedWebState {
    let base: SQLiteStore
    let state: MemorySharedState

    init(base: SQLiteStore, state: MemorySharedState) {
        self.base = base
        self.state = state
    }

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try base.write(body) }
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try base.read(body) }

    func session(key: String, now: Date) throws -> (value: Data, expires: Date?)? { try state.session(key: key, now: now) }
    func setSession(key: String, value: Data, expires: Date?, now: Date) throws {
        try state.setSession(key: key, value: value, expires: expires, now: now)
    }
    func removeSession(key: String) throws { try state.removeSession(key: key) }
    func loginFailures(key: String, since: Date) throws -> (count: Int, oldest: Date?) { try state.loginFailures(key: key, since: since) }
    func recordLoginFailure(keys: [String], at: Date, forgetBefore: Date) throws {
        try state.recordLoginFailure(keys: keys, at: at, forgetBefore: forgetBefore)
    }
    func clearLoginFailures(key: String) throws { try state.clearLoginFailures(key: key) }
}

/// ``SharedWebState`` in memory, keeping every key it was given, for the tests to read.
final class MemorySharedState: SharedWebState, @unchecked Sendable {
    private let lock = NSLock()
    private var sessions: [String: (value: Data, expires: Date?)] = [:]
    private var failures: [String: [Date]] = [:]
    private var seen: Set<String> = []

    var keysSeen: Set<String> { lock.withLock { seen } }
    var sessionValues: [Data] { lock.withLock { sessions.values.map(\.value) } }

    func session(key: String, now: Date) throws -> (value: Data, expires: Date?)? {
        lock.withLock {
            seen.insert(key)
            guard let found = sessions[key], found.expires.map({ $0 > now }) ?? true else { return nil }
            return found
        }
    }

    func setSession(key: String, value: Data, expires: Date?, now: Date) throws {
        lock.withLock {
            seen.insert(key)
            sessions[key] = (value, expires ?? sessions[key]?.expires)
        }
    }

    func removeSession(key: String) throws { lock.withLock { _ = seen.insert(key); sessions[key] = nil } }

    func loginFailures(key: String, since: Date) throws -> (count: Int, oldest: Date?) {
        lock.withLock {
            seen.insert(key)
            let recent = (failures[key] ?? []).filter { $0 > since }
            return (recent.count, recent.min())
        }
    }

    func recordLoginFailure(keys: [String], at: Date, forgetBefore: Date) throws {
        lock.withLock {
            for key in keys { seen.insert(key); failures[key, default: []].append(at) }
        }
    }

    func clearLoginFailures(key: String) throws { lock.withLock { _ = seen.insert(key); failures[key] = nil } }
}

/// A browser that goes to either of two servers behind one address: one cookie jar, the form
/// token of the last page it read from either.
final class RoamingBrowser: @unchecked Sendable {
    var cookies: [String: String] = [:]
    private var csrf: String?

    struct Page {
        let status: HTTPResponse.Status
        let body: String
    }

    func get(on client: any TestClientProtocol, _ uri: String) async throws -> Page {
        try await send(client, uri, method: .get, body: nil)
    }

    func post(on client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = (fields + [("_csrf", csrf ?? "")]).map { "\(FormData.encode($0.0))=\(FormData.encode($0.1))" }.joined(separator: "&")
        return try await send(client, uri, method: .post, body: body)
    }

    /// The log-in form from `client`, then the log-in posted to it.
    func login(on client: any TestClientProtocol, _ username: String, password: String = WebFixture.password) async throws -> Page {
        _ = try await get(on: client, "/masuk")
        return try await post(on: client, "/masuk", [("username", username), ("password", password)])
    }

    private func send(_ client: any TestClientProtocol, _ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count > 1 ? String(pair[1]) : ""
            let expired = header.lowercased().contains("max-age=0") || header.lowercased().contains("expires=thu, 01 jan 1970")
            if value.isEmpty || expired { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let match = text.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/) { csrf = String(match.1) }
        return Page(status: response.status, body: text)
    }
}
