import BekalCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// What a signed-in browser carries between requests: who she is and her form token.
public struct WebSession: Codable, Sendable {
    public var userID: Int64
    /// The CSRF token every form of this session carries back.
    public var csrf: String
    /// A one-time message shown on the next page (after a redirect).
    public var flash: String?
    /// Her session epoch when she signed in: a newer one in the store means this session ended.
    public var epoch: Int64 = 0
    /// When she signed in and when she was last seen, seconds since 1970 by the office clock.
    public var issuedAt: Double = 0
    public var lastSeen: Double = 0
    /// A refused form's page, kept for the one GET its redirect leads to (``RefusalRedirectMiddleware``).
    public var refusedPath: String?
    public var refusedPage: String?
}

/// The request context as the middleware sees it: the session and, once
/// ``CurrentUserMiddleware`` has run, the user if one is signed in. Routes get a child context
/// made from it by their door (``Doors``), in which what they need is no longer optional.
public struct WebContext: RequestContext, SessionRequestContext, PageContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public var user: AppUser?
    /// The aftercare worker the user is linked to (a pendamping's).
    public var worker: AftercareWorker?
    /// The parsed form of a POST, read once by ``CSRFMiddleware``.
    public var form: FormData?
    /// The body of a POST sent as JSON, read once by ``CSRFMiddleware`` (whose token it checked in a header).
    public var json: ByteBuffer?
    /// The peer's address on the socket (nil when there is none, as in router tests).
    public let peerAddress: String?

    public init(source: Source) {
        peerAddress = source.channel.remoteAddress?.ipAddress
        coreContext = .init(source: source)
        sessions = .init()
        user = nil
        worker = nil
        form = nil
        json = nil
    }

    var signedInUser: AppUser? { user }

    /// The client's address: the socket's, or the first `X-Forwarded-For` hop when the app is
    /// told it sits behind a proxy that sets it.
    func clientAddress(_ request: Request, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
           let first = forwarded.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty {
            return String(first.prefix(64))
        }
        return peerAddress ?? "unknown"
    }
}

/// Why a request stops before its handler's work: not signed in, not allowed, not there.
enum WebDenial: Error {
    case signInFirst
    case forbidden
    case notFound
    case badForm
    /// A form posted from her own pages after her session ended: sign in, then send it
    /// (``UnsavedForm``).
    case sessionEnded(form: FormData, path: String)
}
