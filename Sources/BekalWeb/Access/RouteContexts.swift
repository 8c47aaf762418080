import BekalCore
import Hummingbird
import HummingbirdAuth

/// What a page reads from any request context: the session (its form token and flash) and,
/// for the menu, who is signed in.
protocol PageContext: RequestContext {
    var sessions: SessionContext<WebSession> { get }
    /// Nil on the pages anyone may open (the log-in form, the error pages of a visitor).
    var signedInUser: AppUser? { get }
}

extension PageContext {
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

/// A request from a signed-in user, in which `user` is not optional. Made from the
/// ``WebContext`` before the handler runs (``Doors/signedIn``); for a visitor who is not signed
/// in, making it stops the request with ``WebDenial/signInFirst``: the log-in page, then back.
struct SignedInContext: ChildRequestContext, PageContext {
    var coreContext: CoreRequestContextStorage
    let sessions: SessionContext<WebSession>
    /// The parsed form of a POST (``CSRFMiddleware``).
    let form: FormData?
    /// The body of a POST sent as JSON (``CSRFMiddleware``).
    let json: ByteBuffer?
    let user: AppUser
    /// The aftercare worker she is linked to (a pendamping's), as the store had it when the
    /// request came in; ``CaseloadContext`` turns it into her ``CaseloadActor``.
    let worker: AftercareWorker?

    var signedInUser: AppUser? { user }

    init(context: WebContext) throws {
        guard let user = context.user else { throw WebDenial.signInFirst }
        coreContext = context.coreContext
        sessions = context.sessions
        form = context.form
        json = context.json
        self.user = user
        worker = context.worker
    }
}

/// A context that a door makes from ``SignedInContext`` once its rule holds: the fields are
/// the signed-in user's, and making it throws the denial that stops the request.
protocol SignedInRequestContext: ChildRequestContext, PageContext where ParentContext == WebContext {
    var signedIn: SignedInContext { get set }
    init(_ signedIn: SignedInContext) throws
}

extension SignedInRequestContext {
    init(context: WebContext) throws { try self.init(SignedInContext(context: context)) }

    var coreContext: CoreRequestContextStorage {
        get { signedIn.coreContext }
        set { signedIn.coreContext = newValue }
    }

    var sessions: SessionContext<WebSession> { signedIn.sessions }
    var signedInUser: AppUser? { signedIn.user }
    var user: AppUser { signedIn.user }
    var form: FormData? { signedIn.form }
    var json: ByteBuffer? { signedIn.json }
}

/// A request from a signed-in user whose role allows `Rule` (``AccessPolicy``); any other
/// user gets the 403 page before the handler runs (``Doors/permitted(_:)``).
struct Permitted<Rule: AccessRule>: SignedInRequestContext {
    var signedIn: SignedInContext

    init(_ signedIn: SignedInContext) throws {
        guard signedIn.user.may(Rule.permission) else { throw WebDenial.forbidden }
        self.signedIn = signedIn
    }
}

/// Whose caseload a caseload page works on. A pendamping's worker is never optional here.
enum CaseloadActor: Sendable {
    /// A pendamping: her own worker's caseload, and nobody else's.
    case worker(AftercareWorker)
    /// A role not limited to one caseload (the admin): every caseload, one picked on the page.
    case wholeProgramme
}

/// A request about caseloads from a user whose role allows `Rule`, with her ``CaseloadActor``
/// (``Doors/caseload(_:)``). A pendamping whose worker is missing gets the 403 page.
///
/// Pages about one person, kelompok or usaha still check that it is in her caseload
/// (``WebApp/showOnlyInCaseload(_:beneficiary:kelompok:usaha:)``); recording a visit or an
/// outcome is refused by the core for anything outside it, whoever calls it.
struct CaseloadContext<Rule: CaseloadRule>: SignedInRequestContext {
    var signedIn: SignedInContext
    let caseload: CaseloadActor

    init(_ signedIn: SignedInContext) throws {
        self.signedIn = try Permitted<Rule>(signedIn).signedIn
        if AccessPolicy.limitedToOwnCaseload(signedIn.user.role) {
            guard let worker = signedIn.worker else { throw WebDenial.forbidden }
            caseload = .worker(worker)
        } else {
            caseload = .wholeProgramme
        }
    }
}
