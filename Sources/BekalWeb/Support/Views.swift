import BekalCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The Mustache templates (in `Templates/`, loaded once) and the page shell every page
/// shares: title, the signed-in user, the menu her role allows, the form token, a flash.
///
/// A page template extends the layout: `{{<layout}}{{$content}} … {{/content}}{{/layout}}`.
/// Its data is a dictionary; the shell's keys are added by ``page(_:title:context:data:status:)``.
struct Views: Sendable {
    let library: MustacheLibrary
    /// The same templates, rendered without swift-mustache's dynamic look-ups (``CompiledTemplates``).
    let compiled: CompiledTemplates
    let css: String
    let script: String

    static func load() throws -> Views {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let statics = Bundle.module.url(forResource: "Static", withExtension: nil)
        else { throw ViewsError.missingResources }
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter { $0.hasSuffix(".mustache") }.sorted()
        let names = files.map { String($0.dropLast(".mustache".count)) }
        for (file, name) in zip(files, names) {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: name)
        }
        let css = try String(contentsOf: statics.appendingPathComponent("bekal.css"), encoding: .utf8)
        let script = try String(contentsOf: statics.appendingPathComponent("bekal.js"), encoding: .utf8)
        return Views(library: library, compiled: CompiledTemplates(library, names: names), css: css, script: script)
    }

    /// Renders a page for the signed-in (or anonymous) user.
    func page(_ template: String, title: String, context: some PageContext, data: [String: Any] = [:],
              status: HTTPResponse.Status = .ok) -> Response {
        var all = data
        all["title"] = title
        all["csrf"] = context.csrf
        all["csrfField"] = CSRFMiddleware.field
        if let flash = context.takeFlash() { all["flash"] = flash }
        if let user = context.signedInUser { all["user"] = Self.userView(user); all["nav"] = Self.nav(for: user) }
        return html(render(template, all), status: status)
    }

    /// `csrf` is the session's form token, for the sign-out form in a signed-in user's menu.
    func errorPage(status: HTTPResponse.Status, title: String, message: String, user: AppUser?, csrf: String = "") -> Response {
        var data: [String: Any] = ["title": title, "message": message, "status": status.code, "csrf": csrf, "csrfField": CSRFMiddleware.field]
        if let user { data["user"] = Self.userView(user); data["nav"] = Self.nav(for: user) }
        return html(render("error", data), status: status)
    }

    func render(_ template: String, _ data: [String: Any]) -> String {
        if let text = compiled.render(data, template: template) {
            // Debug builds (the tests) check every page against swift-mustache's own rendering.
            assert(text == library.render(data, withTemplate: template), "\(template) rendered otherwise than by swift-mustache")
            return text
        }
        guard let text = library.render(data, withTemplate: template) else {
            preconditionFailure("no template named \(template)")
        }
        return text
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func userView(_ user: AppUser) -> [String: Any] {
        var view: [String: Any] = ["name": user.displayName, "username": user.username, "role": user.role.label,
                                   "roleKey": user.role.rawValue]
        if let hint = SearchScope(user).hint { view["searchHint"] = hint }
        return view
    }

    /// The menu: only what the role may open.
    static func nav(for user: AppUser) -> [[String: Any]] {
        var items: [(String, String)] = [("/", "Beranda")]
        if user.may(.recordMoney) { items.append(("/hibah/baru", "Bayar hibah")) }
        if user.may(.viewBooks) { items.append(("/daftar-penerima", "Daftar penerima")) }
        if user.may(.viewBooks) { items.append(("/laporan", "Laporan")) }
        if user.may(.recordVisits) { items.append(("/kunjungan/baru", "Catat kunjungan")) }
        if user.may(.viewCaseload) { items.append(("/jadwal", "Jadwal kunjungan")) }
        if user.may(.viewOutcomes) { items.append(("/hasil", "Hasil program")) }
        if user.may(.viewPerformance) { items.append(("/kinerja", "Kinerja")) }
        if user.may(.viewBusinesses) { items.append(("/usaha", "Usaha")) }
        if user.may(.viewAudit) { items.append(("/audit", "Log audit")) }
        if user.may(.viewRollup) { items.append(("/rekap", "Rekap antar kantor")) }
        if user.may(.administer) { items.append(("/pengguna", "Pengguna")) }
        if user.may(.administer) { items.append(("/pengaturan", "Pengaturan")) }
        return items.map { ["href": $0.0, "label": $0.1] }
    }
}

enum ViewsError: Error, CustomStringConvertible {
    case missingResources
    var description: String { "The web app's templates are missing from the build (BekalWeb resources)." }
}

extension Response {
    /// 303 See Other: the browser follows with a GET (after a form POST).
    static func seeOther(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}
