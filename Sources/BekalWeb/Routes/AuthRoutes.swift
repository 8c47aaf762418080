import BekalCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt

extension WebApp {
    /// Signing in and out. Failed attempts are counted per user name; after
    /// ``WebConfiguration/loginAttempts`` failures the name is locked for the rest of the window.
    func addAuthRoutes(to router: Router<WebContext>) {
        router.get("/masuk") { request, context in
            if context.user != nil { return Response.seeOther("/") }
            return loginPage(request: request, context: context, username: nil, error: nil, status: .ok)
        }

        router.post("/masuk") { request, context in
            let form = context.form ?? FormData("")
            let username = (form["username"] ?? "").lowercased()
            let password = form.raw("password") ?? ""
            let keys = ["user:\(username)"]
            if let wait = throttle.waitFor(keys) {
                let minutes = max(1, Int((wait / 60).rounded(.up)))
                return loginPage(request: request, context: context, username: username,
                                 error: "Terlalu banyak percobaan gagal untuk nama pengguna ini. Coba lagi dalam \(minutes) menit.",
                                 status: .tooManyRequests)
            }
            let user = try operations.user(username: username)
            // A missing user costs the same bcrypt work as a wrong password.
            let valid = Bcrypt.verify(password, hash: user?.passwordHash ?? Self.decoyHash)
            guard let user, user.active, valid else {
                throttle.recordFailure(keys)
                return loginPage(request: request, context: context, username: username,
                                 error: "Nama pengguna atau kata sandi salah.", status: .unauthorized)
            }
            throttle.recordSuccess(keys[0])
            context.sessions.createSession(WebSession(userID: user.id, csrf: CSRFMiddleware.newToken(), flash: nil))
            return Response.seeOther(Self.safeReturn(request.uri.queryParameters.get("lanjut")))
        }

        router.post("/keluar") { _, context in
            context.sessions.clearSession()
            return Response.seeOther("/masuk")
        }
    }

    /// The log-in form carries a token from a cookie of its own (double submit): a page
    /// elsewhere cannot post a log-in here.
    private func loginPage(request: Request, context: WebContext, username: String?, error: String?,
                           status: HTTPResponse.Status) -> Response {
        let token = request.cookies[CSRFMiddleware.loginCookie]?.value ?? CSRFMiddleware.newToken()
        var data: [String: Any] = ["loginToken": token, "csrfField": CSRFMiddleware.field]
        if let username { data["username"] = username }
        if let error { data["error"] = error }
        if let back = request.uri.queryParameters.get("lanjut") { data["lanjut"] = FormData.encode(Self.safeReturn(back)) }
        var response = views.page("login", title: "Masuk", context: context, data: data, status: status)
        response.setCookie(Cookie(name: CSRFMiddleware.loginCookie, value: token, path: "/masuk",
                                  secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only a path on this site: `/kunjungan/baru`, never `//elsewhere`, `https://…`, or a path
    /// that a browser turns into another site by dropping what it ignores (`/<TAB>/evil.example`
    /// is `//evil.example` to it). Letters, digits and `-._~/?=&%+,:;@!*'()` only; one leading
    /// slash; no backslash.
    public static func safeReturn(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), path.count <= 512 else { return "/" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%+,:;@!*'()".unicodeScalars)
        guard path.unicodeScalars.allSatisfy(allowed.contains) else { return "/" }
        return path
    }

    /// A bcrypt hash of nothing anyone can type, to spend the same time on unknown names.
    static let decoyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhu8ZCxbDNBfpi1uMdtJ.RgM6uPuXEp9sy"
}
