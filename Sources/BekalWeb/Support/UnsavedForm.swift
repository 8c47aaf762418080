import BekalCore
import Foundation
import HTTPTypes
import Hummingbird

/// A form she sent after her session had ended (idle too long on a phone, or signed out
/// elsewhere): what she typed is not lost. The log-in page says why she must sign in again
/// and carries her fields, hidden; once she is signed in, a page shows what is waiting and
/// sends it with the new session's token when she presses *Kirim* — nothing is sent without
/// her. Only a form posted from Bekal's own pages is carried (the browser's `Origin` or
/// `Sec-Fetch-Site`), so a page elsewhere cannot smuggle a form through her sign-in; the form
/// token and any password are never carried.
enum UnsavedForm {
    /// Carried fields are named `isian.<name>`; where they go is `isian_ke`.
    static let prefix = "isian."
    static let pathField = "isian_ke"

    /// Her fields, in order, without the form token or a password.
    static func carried(_ form: FormData) -> [(name: String, value: String)] {
        form.fields.keys.sorted().filter { $0 != CSRFMiddleware.field && !$0.lowercased().contains("password") }
            .flatMap { name in form.all(name).map { (name, $0) } }
    }

    /// Whether the post came from a page of this site, as the browser says.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] { return site == "same-origin" }
        guard let origin = request.headers[.origin], let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// The hidden fields the log-in form carries.
    static func hiddenFields(_ form: FormData, path: String) -> [[String: String]] {
        hiddenFields(path: path, fields: carried(form))
    }

    static func hiddenFields(path: String, fields: [(name: String, value: String)]) -> [[String: String]] {
        [["name": pathField, "value": WebApp.safeReturn(path)]] + fields.map { ["name": prefix + $0.name, "value": $0.value] }
    }

    /// What the log-in post carried: where it goes and the fields; nil when nothing was carried.
    static func pending(in form: FormData) -> (path: String, fields: [(name: String, value: String)])? {
        guard let path = form.raw(pathField) else { return nil }
        let fields = form.fields.keys.sorted().filter { $0.hasPrefix(prefix) }
            .flatMap { key in form.all(key).map { (String(key.dropFirst(prefix.count)), $0) } }
            .filter { $0.0 != CSRFMiddleware.field && !$0.0.lowercased().contains("password") }
        guard !fields.isEmpty else { return nil }
        return (WebApp.safeReturn(path), fields)
    }
}

extension Views {
    /// Signed in again: her unsent form, to send with the new session's token, or to drop.
    func unsentFormPage(path: String, fields: [(name: String, value: String)], csrf: String, user: AppUser) -> Response {
        var data: [String: Any] = [
            "title": "Isian yang belum terkirim", "csrf": csrf, "csrfField": CSRFMiddleware.field, "action": path,
            "fields": fields.map { ["name": $0.name, "value": $0.value] },
            "shown": fields.filter { !$0.value.isEmpty && $0.name != Confirmation.field }.map { ["name": $0.name, "value": $0.value] },
        ]
        data["user"] = Self.userView(user)
        data["nav"] = Self.nav(for: user)
        return html(render("isian-tertunda", data))
    }
}

extension Views {
    /// The log-in form. It carries a token from a cookie of its own (double submit): a page
    /// elsewhere cannot post a log-in here. `carried`: the hidden fields of a form whose session
    /// ended (``UnsavedForm``), with the notice that says so.
    func loginPage(request: Request, context: some PageContext, username: String?, error: String?,
                   carried: [[String: String]] = [], status: HTTPResponse.Status, secureCookies: Bool) -> Response {
        let token = request.cookies[CSRFMiddleware.loginCookie]?.value ?? CSRFMiddleware.newToken()
        var data: [String: Any] = ["loginToken": token, "csrfField": CSRFMiddleware.field]
        if let username { data["username"] = username }
        if let error { data["error"] = error }
        if let back = request.uri.queryParameters.get("lanjut") { data["lanjut"] = FormData.encode(WebApp.safeReturn(back)) }
        if !carried.isEmpty {
            data["carried"] = carried
            data["notice"] = "Sesi Anda sudah berakhir (terlalu lama tidak dipakai, atau Anda keluar di perangkat lain), "
                + "jadi isian tadi belum tersimpan. Isian itu masih ada: masuk lagi, lalu periksa dan kirim."
        }
        var response = page("login", title: "Masuk", context: context, data: data, status: status)
        response.setCookie(Cookie(name: CSRFMiddleware.loginCookie, value: token, path: "/masuk",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }
}
