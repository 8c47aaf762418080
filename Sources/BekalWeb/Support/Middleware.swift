import BekalCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Loads the signed-in user (and the worker she is linked to) from the store on every
/// request, so a user switched off or changed takes effect at once. A session ends (and is cleared) when its user is gone or
/// switched off, when she signed in again, changed her password or was switched off since
/// (her session epoch moved on, also from the command line), after the idle timeout (shorter
/// for a pendamping) and after the absolute lifetime.
struct CurrentUserMiddleware: RouterMiddleware {
    let operations: Operations
    let configuration: WebConfiguration

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session {
            let now = configuration.clock().timeIntervalSince1970
            let lifetime = Double(configuration.sessionLifetime.components.seconds)
            if let (user, worker) = try operations.userAndWorker(id: session.userID), user.active, user.sessionEpoch == session.epoch,
               now - session.issuedAt < lifetime,
               now - session.lastSeen < (user.role == .pendamping ? configuration.idleTimeoutPendamping : configuration.idleTimeout) {
                context.user = user
                context.worker = worker
                if now - session.lastSeen >= 60 { context.sessions.withLockedSession { $0?.lastSeen = now } }
            } else {
                context.sessions.clearSession()
            }
        }
        guard let user = context.user else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch {
            // The error page is drawn outside the session middlewares, where she is not known yet.
            throw SignedInFailure(underlying: error, user: user, csrf: context.sessions.session?.csrf ?? "")
        }
    }
}

/// An error on its way out of a signed-in request, with the user and her form token:
/// ``ErrorPageMiddleware`` unwraps it and draws her menu (and sign-out form) on the error page.
struct SignedInFailure: Error {
    let underlying: any Error
    let user: AppUser
    let csrf: String
}

/// Every POST carries a token that only a page of this site could have given: the session's
/// token once signed in, the log-in cookie's token on the log-in form. A POST without the
/// right one is refused (403) before any handler runs, and nothing is written. A form carries
/// it in its `_csrf` field; a JSON body (the phone's queue, ``PhoneRoutes``) in the
/// `X-Bekal-Token` header, which a page of another site cannot set.
struct CSRFMiddleware: RouterMiddleware {
    static let field = "_csrf"
    static let header = HTTPField.Name("X-Bekal-Token")!
    static let loginCookie = "bekal_masuk"
    static let maxBody = 64 * 1024

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let buffer = try await request.collectBody(upTo: Self.bodyLimit(path: request.uri.path))
        let isJSON = request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true
        let form = isJSON ? FormData("") : FormData(buffer, contentType: request.headers[.contentType])
        let expected: String? = if request.uri.path == "/masuk" {
            request.cookies[Self.loginCookie]?.value
        } else {
            context.sessions.session?.csrf
        }
        let given = isJSON ? request.headers[Self.header] : form.raw(Self.field)
        guard let expected, !expected.isEmpty, let given, Self.same(given, expected) else {
            if context.user == nil && request.uri.path != "/masuk" {
                // Her session ended while she typed: keep what she typed, if it is hers.
                if request.uri.path != "/keluar", UnsavedForm.isSameOrigin(request), !UnsavedForm.carried(form).isEmpty {
                    throw WebDenial.sessionEnded(form: form, path: request.uri.path)
                }
                throw WebDenial.signInFirst
            }
            throw WebDenial.badForm
        }
        var context = context
        if isJSON { context.json = buffer } else { context.form = form }
        return try await next(request, context)
    }

    /// Compares in time that does not depend on where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Headers every page gets: no framing, no sniffing, scripts and styles from this site only,
/// and pages with personal data are not kept in shared caches.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if !request.uri.path.hasPrefix("/static/") {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// Turns a denial or an unexpected error into a page in Bahasa Indonesia: a GET that needs
/// a sign-in goes to the log-in page and comes back after. The core's refusals of who acts
/// are denials too, should a handler let one through: outside her caseload is not there for
/// her (404), a role's limit is 403. A signed-in user's error page keeps her menu.
struct ErrorPageMiddleware: RouterMiddleware {
    let views: Views
    /// For the log-in page's own cookie, when a form's session ended.
    var secureCookies = false

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as SignedInFailure {
            return try page(for: failure.underlying, request: request, context: context, user: failure.user, csrf: failure.csrf)
        } catch {
            return try page(for: error, request: request, context: context, user: nil, csrf: "")
        }
    }

    /// The page for `error`, with `user`'s menu; an HTTP error other than 404 goes on to Hummingbird.
    func page(for error: any Error, request: Request, context: WebContext, user: AppUser?, csrf: String) throws -> Response {
        if WebApp.answersJSON(request.uri.path) {
            if !(error is WebDenial) { context.logger.error("phone request failed", metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"]) }
            return try PhoneDenial.response(for: error)
        }
        do {
            do {
                throw error
            } catch AftercareRejection.outsideCaseload {
                throw WebDenial.notFound
            } catch AccessRejection.notPermitted {
                throw WebDenial.forbidden
            }
        } catch let merged as MergeRejection {
            // A record merged into another: each of its pages is the kept record's now; a form
            // posted to it is refused with the code to use.
            if case .merged(_, let kept, _) = merged, request.method == .get {
                var parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                if parts.count >= 3 && parts[1] == "binaan" { parts[2] = kept } else { parts = ["", "binaan", kept] }
                return .redirect(to: parts.joined(separator: "/"), type: .normal)
            }
            return views.errorPage(status: .unprocessableContent, title: "Tidak dapat dicatat", message: Refusal.of(merged).message,
                                   user: user, csrf: csrf)
        } catch WebDenial.sessionEnded(let form, let path) {
            return views.loginPage(request: request, context: context, username: nil, error: nil,
                                   carried: UnsavedForm.hiddenFields(form, path: path), status: .unauthorized,
                                   secureCookies: secureCookies)
        } catch WebDenial.signInFirst {
            let back = request.method == .get ? request.uri.description : "/"
            return .redirect(to: "/masuk?lanjut=\(FormData.encode(back))", type: .normal)
        } catch WebDenial.forbidden {
            return views.errorPage(status: .forbidden, title: "Tidak diizinkan",
                                   message: "Peran Anda tidak memberi akses ke halaman ini. Hubungi admin program bila perlu.",
                                   user: user, csrf: csrf)
        } catch WebDenial.notFound {
            return views.errorPage(status: .notFound, title: "Tidak ditemukan",
                                   message: "Halaman atau data yang diminta tidak ada.", user: user, csrf: csrf)
        } catch WebDenial.badForm {
            return views.errorPage(status: .forbidden, title: "Formulir tidak sah",
                                   message: "Formulir ini kedaluwarsa atau tidak berasal dari Bekal. Muat ulang halaman, lalu kirim lagi.",
                                   user: user, csrf: csrf)
        } catch let error as HTTPError where error.status == .notFound {
            return views.errorPage(status: .notFound, title: "Tidak ditemukan",
                                   message: "Halaman atau data yang diminta tidak ada.", user: user, csrf: csrf)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // HTTPError(.contentTooLarge), or NIO's too-many-bytes from reading a form past its limit.
            return views.errorPage(status: .contentTooLarge, title: "Isian terlalu besar",
                                   message: "Isian formulir melebihi batas. Kurangi teks catatan, lalu kirim lagi.", user: user, csrf: csrf)
        } catch let error as HTTPError {
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(type(of: error))"])
            return views.errorPage(status: .internalServerError, title: "Terjadi kesalahan",
                                   message: "Permintaan tidak dapat diselesaikan; tidak ada yang tersimpan. Coba lagi atau hubungi admin.",
                                   user: user, csrf: csrf)
        }
    }
}
