import BekalCore
import Foundation
import Hummingbird
import HummingbirdAuth

/// What a signed-in browser carries between requests: who she is and her form token.
public struct WebSession: Codable, Sendable {
    public var userID: Int64
    /// The CSRF token every form of this session carries back.
    public var csrf: String
    /// A one-time message shown on the next page (after a redirect).
    public var flash: String?
}

/// The request context: the session and, once ``CurrentUserMiddleware`` has run, the user.
public struct WebContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public var user: AppUser?
    /// The parsed form of a POST, read once by ``CSRFMiddleware``.
    public var form: FormData?

    public init(source: Source) {
        coreContext = .init(source: source)
        sessions = .init()
        user = nil
        form = nil
    }

    /// The signed-in user if she may do `permission`; otherwise the reason to stop.
    func require(_ permission: Permission) throws -> AppUser {
        guard let user else { throw WebDenial.signInFirst }
        guard user.may(permission) else { throw WebDenial.forbidden }
        return user
    }

    func requireUser() throws -> AppUser {
        guard let user else { throw WebDenial.signInFirst }
        return user
    }

    var csrf: String { sessions.session?.csrf ?? "" }

    /// Takes the flash message, so it shows once.
    func takeFlash() -> String? {
        sessions.withLockedSession { data -> String? in
            guard let message = data?.flash else { return nil }
            data?.flash = nil
            return message
        }
    }

    func setFlash(_ message: String) {
        sessions.withLockedSession { $0?.flash = message }
    }
}

/// Why a request stops before its handler's work: not signed in, not allowed, not there.
enum WebDenial: Error {
    case signInFirst
    case forbidden
    case notFound
    case badForm
}
