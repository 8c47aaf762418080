import Foundation
import HTTPTypes
import Hummingbird

extension WebApp {
    /// The style sheet and the small progressive script, from memory, cacheable for a day.
    func addStaticRoutes(to doors: Doors) {
        let views = views, open = doors.open
        open.get("/static/bekal.css") { _, _ in
            Self.asset(views.css, type: "text/css; charset=utf-8")
        }
        open.get("/static/bekal.js") { _, _ in
            Self.asset(views.script, type: "text/javascript; charset=utf-8")
        }
        open.get("/sehat") { _, _ in "ok" }
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
