import BekalCLI
import BekalCore
import BekalDemo
import BekalStore
import BekalWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing

/// The demo programme behind the web app, with one user per role, as of the demo's office
/// date (2 January 2013). Each fixture is a new in-memory database: tests do not share writes.
struct WebFixture {
    static let password = "kata-sandi-uji-123"
    /// The demo's office date, 09:00 WIB.
    static let now = Date(timeIntervalSince1970: 1_357_092_000)
    /// The office's seal key for the tests: month closings seal with it.
    static let sealKey = SealKey.generate()
    /// Usernames by role; `pendamping1` is worker PSM-01, `pendamping2` PSM-02.
    static let users: [(String, Role, String?)] = [
        ("admin", .admin, nil), ("bendahara", .bendahara, nil), ("koperasi", .mitra, nil),
        ("pendamping1", .pendamping, "PSM-01"), ("pendamping2", .pendamping, "PSM-02"), ("provinsi", .pemantau, nil),
        ("kepala", .kepala, nil),
    ]

    let store: SQLiteStore
    let app: WebApp

    /// The demo with its users, loaded once for the whole suite; each fixture writes to a copy.
    static let template: Result<SQLiteStore, any Error> = Result {
        let store = try SQLiteStore()
        _ = try DemoProgramme.load(into: store)
        let operations = Operations(store: store)
        for (username, role, worker) in users {
            _ = try operations.addUser(UserDraft(username: username, displayName: username.capitalized, role: role, worker: worker),
                                       password: password, hash: { Bcrypt.hash($0, cost: 4) }, context: OperationContext(actor: "setup", now: now))
        }
        return store
    }

    init(configuration: WebConfiguration = WebConfiguration(clock: { WebFixture.now }, sealKey: WebFixture.sealKey)) throws {
        store = try Self.template.get().inMemoryCopy()
        app = try WebApp(store: store, configuration: configuration)
    }

    /// A web app on `store` (a fixture's), with another configuration.
    init(store: SQLiteStore, configuration: WebConfiguration) throws {
        self.store = store
        app = try WebApp(store: store, configuration: configuration)
    }

    /// Runs `body` with a browser-like client on the router (no socket).
    func test(_ body: @Sendable (Browser) async throws -> Void) async throws {
        let application = Application(router: app.router())
        try await application.test(.router) { client in
            try await body(Browser(client: client))
        }
    }

    /// Counts rows of a table, to show that a refused request wrote nothing.
    func count(_ sql: String) throws -> Int {
        try store.integerForTesting(sql)
    }
}

/// A tiny browser over the test client: keeps cookies, reads the form token from each page.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String?
    /// The address the requests claim to come from (`X-Forwarded-For`), for the throttle tests.
    var address: String?
    /// What the browser says of where a request comes from (`Sec-Fetch-Site`: `same-origin`,
    /// `cross-site`), as a real browser does on every post.
    var fetchSite: String?
    /// Follow a refused form's redirect to its page, as a browser does (off: see the redirect).
    var followRefusals = true

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a form; the page's token is added unless `csrf` is given (pass "" to leave it out).
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> Page {
        var all = fields
        let token = csrf ?? self.csrf ?? ""
        if !token.isEmpty { all.append(("_csrf", token)) }
        let body = all.map { "\(FormData.encode($0.0))=\(FormData.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Posts JSON as the phone's script does, its token in the `X-Bekal-Token` header (nil: the page's token).
    @discardableResult
    func postJSON(_ uri: String, _ body: String, token: String? = nil) async throws -> Page {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.accept] = "application/json"
        if let token = token ?? csrf, !token.isEmpty { headers[HTTPField.Name("X-Bekal-Token")!] = token }
        return try await sendOnce(uri, method: .post, body: body, extra: headers)
    }

    /// Signs in through the log-in form and returns the page the log-in redirected to.
    @discardableResult
    func login(_ username: String, password: String = WebFixture.password) async throws -> Page {
        try await get("/masuk")
        let page = try await post("/masuk", [("username", username), ("password", password)])
        return page
    }

    /// A refused form answers 303 to its own page (Post/Redirect/Get); like a browser, follow it.
    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        let page = try await sendOnce(uri, method: method, body: body)
        if followRefusals, method == .post, page.status == .seeOther, let location = page.location, location.hasSuffix("?ditolak=1") {
            return try await sendOnce(location, method: .get, body: nil)
        }
        return page
    }

    private func sendOnce(_ uri: String, method: HTTPRequest.Method, body: String?, extra: HTTPFields = [:]) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        if body != nil && extra[.contentType] == nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        headers.append(contentsOf: extra)
        if let address { headers[HTTPField.Name("X-Forwarded-For")!] = address }
        if let fetchSite { headers[HTTPField.Name("Sec-Fetch-Site")!] = fetchSite }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count > 1 ? String(pair[1]) : ""
            let expired = header.lowercased().contains("max-age=0") || header.lowercased().contains("expires=thu, 01 jan 1970")
            if value.isEmpty || expired { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let match = text.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/) { csrf = String(match.1) }
        return Page(status: response.status, headers: response.headers, body: text)
    }
}
