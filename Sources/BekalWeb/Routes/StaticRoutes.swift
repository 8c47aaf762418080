import Foundation
import HTTPTypes
import Hummingbird

extension WebApp {
    /// The static files from memory, cacheable for a day: the style sheet, the progressive
    /// scripts, the icons. The service worker and the manifest are at the site's root (a
    /// worker's scope is its folder), and the worker is checked for a new version on every visit.
    func addStaticRoutes(to doors: Doors) {
        let views = views, open = doors.open
        @Sendable func serve(_ name: String, cache: String) throws -> Response {
            guard let asset = views.assets[name] else { throw WebDenial.notFound }
            return Self.asset(asset, cache: cache)
        }
        open.get("/static/:file") { _, context in
            let name = context.parameters.get("file") ?? ""
            guard name != "sw.js", name != "manifest.webmanifest" else { throw WebDenial.notFound }
            return try serve(name, cache: "public, max-age=86400")
        }
        open.get("/sw.js") { _, _ in try serve("sw.js", cache: "no-cache") }
        open.get("/manifest.webmanifest") { _, _ in try serve("manifest.webmanifest", cache: "public, max-age=86400") }
        open.get("/sehat") { _, _ in "ok" }
    }

    static func asset(_ asset: Views.Asset, cache: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = asset.type
        headers[.cacheControl] = cache
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
