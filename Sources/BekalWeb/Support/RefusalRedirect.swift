import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Post/Redirect/Get for refusals too: a form the core refused (422) is not answered with its
/// page, which the browser's Back and reload would post again ("Confirm Form Resubmission"),
/// but with a redirect to the form's own address; the page, with every error and what she
/// typed, is kept in her session for that one GET. Reloading afterwards shows the empty form.
/// The GET answers 422 itself, so that a script (and the tests) still read a refusal as one.
struct RefusalRedirectMiddleware: RouterMiddleware {
    typealias Context = WebContext
    /// Marks the redirect, so a GET knows to look for the kept page.
    static let marker = "ditolak=1"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        if request.method == .get, request.uri.query == Self.marker, let page = takePage(for: request.uri.path, context) {
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .unprocessableContent, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        let response = try await next(request, context)
        guard request.method == .post, response.status == .unprocessableContent, context.user != nil,
              request.uri.path != "/masuk", context.sessions.session != nil else { return response }
        let page = try await Self.text(of: response)
        context.sessions.withLockedSession { session in
            session?.refusedPath = request.uri.path
            session?.refusedPage = page
        }
        return .seeOther("\(request.uri.path)?\(Self.marker)")
    }

    private func takePage(for path: String, _ context: WebContext) -> String? {
        context.sessions.withLockedSession { session -> String? in
            guard session?.refusedPath == path, let page = session?.refusedPage else { return nil }
            session?.refusedPath = nil
            session?.refusedPage = nil
            return page
        }
    }

    /// The whole body of a page the app drew (one buffer, never a stream).
    static func text(of response: Response) async throws -> String {
        let box = Collected()
        try await response.body.write(Collector(box: box))
        return String(buffer: box.buffer)
    }

    final class Collected: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    struct Collector: ResponseBodyWriter {
        let box: Collected
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            box.buffer.writeBuffer(&buffer)
        }
        mutating func write(contentsOf buffers: some Sequence<ByteBuffer>) async throws {
            for buffer in buffers { try await write(buffer) }
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
