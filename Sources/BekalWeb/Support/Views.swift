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
    /// Every file of `Static/` by name, with its content type: the style sheet, the scripts,
    /// the service worker (its cache named by ``assetVersion``), the manifest and the icons.
    let assets: [String: Asset]

    struct Asset: Sendable {
        let bytes: [UInt8]
        let type: String
    }

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
        return Views(library: library, compiled: CompiledTemplates(library, names: names), assets: try loadAssets(statics))
    }

    static let assetTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
        "webmanifest": "application/manifest+json; charset=utf-8",
    ]

    /// The static files; the service worker's cache is named after all the others together, so
    /// a phone picks up a changed file with the next service worker.
    static func loadAssets(_ folder: URL) throws -> [String: Asset] {
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            guard let type = assetTypes[URL(fileURLWithPath: name).pathExtension] else { continue }
            assets[name] = Asset(bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))), type: type)
        }
        let version = assetVersion(assets.filter { $0.key != "sw.js" }.sorted { $0.key < $1.key }.map(\.value.bytes))
        if let worker = assets["sw.js"] {
            let text = String(decoding: worker.bytes, as: UTF8.self).replacingOccurrences(of: "__VERSION__", with: version)
            assets["sw.js"] = Asset(bytes: Array(text.utf8), type: worker.type)
        }
        return assets
    }

    /// FNV-1a over the files, as 16 hex digits: a name for a set of files, not a seal.
    static func assetVersion(_ files: [[UInt8]]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in files {
            for byte in file + [0] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        return String(hash, radix: 16).leftPadded(to: 16)
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
        // A pendamping's pages work without signal too (``WebApp/addPhoneRoutes(_:)``).
        if user.active && AccessPolicy.keepsPhoneQueue(user.role) { view["offline"] = true }
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
        if user.active && AccessPolicy.keepsPhoneQueue(user.role) { items.append(("/luring", "Kerja tanpa sinyal")) }
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

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
