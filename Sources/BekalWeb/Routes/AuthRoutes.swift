import BekalCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt

extension WebApp {
    /// Signing in and out. Failed attempts are counted per user name *from one client address*
    /// (after ``WebConfiguration/loginAttempts`` failures that name is locked for that address
    /// for the rest of the window, so a stranger cannot lock the real admin out) and per client
    /// address (after ``WebConfiguration/loginAttemptsPerAddress``, whatever the names). bcrypt
    /// runs off the event loops, a few at a time (``PasswordWork``). Sign-ins, failures and
    /// lock-outs are audited with the address, never the password.
    func addAuthRoutes(to doors: Doors) {
        let open = doors.open
        open.get("/masuk") { request, context in
            if context.user != nil { return Response.seeOther("/") }
            return loginPage(request: request, context: context, username: nil, error: nil, status: .ok)
        }

        open.post("/masuk") { request, context in
            let form = context.form ?? FormData("")
            let username = (form["username"] ?? "").lowercased()
            let password = form.raw("password") ?? ""
            let address = context.clientAddress(request, trustForwardedFor: configuration.trustForwardedFor)
            let pair = "user:\(username)|from:\(address)", from = "from:\(address)"
            let audit = OperationContext(actor: "web", now: configuration.clock())
            let userWait = try await throttle.waitFor([pair])
            let addressWait = userWait == nil ? try await addressThrottle.waitFor([from]) : nil
            if let wait = userWait ?? addressWait {
                let minutes = max(1, Int((wait / 60).rounded(.up)))
                return loginPage(request: request, context: context, username: username,
                                 error: "Terlalu banyak percobaan gagal dari perangkat ini. Coba lagi dalam \(minutes) menit.",
                                 status: .tooManyRequests)
            }
            let user = try operations.user(username: username)
            // A missing user costs the same bcrypt work as a wrong password.
            let hash = user?.passwordHash ?? Self.decoyHash
            let valid: Bool
            do {
                valid = try await passwords.run { Bcrypt.verify(password, hash: hash) }
            } catch is PasswordWork.Busy {
                return loginPage(request: request, context: context, username: username,
                                 error: "Terlalu banyak permintaan masuk saat ini. Tunggu sebentar, lalu coba lagi.",
                                 status: .serviceUnavailable)
            }
            guard let user, user.active, valid else {
                try await throttle.recordFailure([pair])
                try await addressThrottle.recordFailure([from])
                let userCount = try await throttle.count(pair), addressCount = try await addressThrottle.count(from)
                let locked = userCount == throttle.limit || addressCount == addressThrottle.limit
                try operations.recordSignInRefusal(username: username, locked: false, from: address, context: audit)
                if locked { try operations.recordSignInRefusal(username: username, locked: true, from: address, context: audit) }
                return loginPage(request: request, context: context, username: username,
                                 error: "Nama pengguna atau kata sandi salah.", status: .unauthorized)
            }
            try await throttle.recordSuccess(pair)
            // Her earlier sessions end; this one carries the new epoch.
            let epoch = try operations.signIn(user, from: address, context: self.context(user))
            let now = configuration.clock().timeIntervalSince1970
            let csrf = CSRFMiddleware.newToken()
            context.sessions.createSession(WebSession(userID: user.id, csrf: csrf, flash: nil, epoch: epoch,
                                                      issuedAt: now, lastSeen: now))
            if let pending = UnsavedForm.pending(in: form) {
                return views.unsentFormPage(path: pending.path, fields: pending.fields, csrf: csrf, user: user)
            }
            return Response.seeOther(Self.safeReturn(request.uri.queryParameters.get("lanjut")))
        }

        open.post("/keluar") { _, context in
            if let user = context.user { try operations.signOut(user, context: self.context(user)) }
            context.sessions.clearSession()
            return Response.seeOther("/masuk")
        }
    }

    private func loginPage(request: Request, context: WebContext, username: String?, error: String?,
                           status: HTTPResponse.Status) -> Response {
        // A failed attempt keeps carrying the form she could not send (``UnsavedForm``).
        let carried = context.form.flatMap(UnsavedForm.pending(in:)).map { UnsavedForm.hiddenFields(path: $0.path, fields: $0.fields) } ?? []
        return views.loginPage(request: request, context: context, username: username, error: error, carried: carried,
                               status: status, secureCookies: configuration.secureCookies)
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
