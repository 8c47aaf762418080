import BekalCore
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging

/// How `bekal serve` runs the web app.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark the session cookie Secure (behind HTTPS). Off on loopback and in tests.
    public var secureCookies: Bool
    /// The office's clock. The real one in production; pinned for the demo and tests.
    public var clock: @Sendable () -> Date
    /// Failed log-ins allowed for one user name from one client address within `loginWindow`:
    /// a stranger elsewhere who guesses at `admin` locks only himself out.
    public var loginAttempts: Int
    /// Failed log-ins allowed from one client address, whatever the names, within `loginWindow`.
    public var loginAttemptsPerAddress: Int
    public var loginWindow: TimeInterval
    /// How long a session lasts at most, however busy.
    public var sessionLifetime: Duration
    /// How long a session lasts without use: shorter for a pendamping, whose phone may be lost.
    public var idleTimeout: TimeInterval
    public var idleTimeoutPendamping: TimeInterval
    /// Read the client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    public var trustForwardedFor: Bool
    /// Passwords hashed or checked at once, off the event loops, and how many may wait; past
    /// that a log-in is answered "busy" at once instead of queueing.
    public var passwordWorkers: Int
    public var passwordQueueMax: Int
    /// bcrypt's work factor for passwords set in the app: 12 in production; tests use 4.
    public var bcryptCost: UInt8
    /// Where a spreadsheet download is written before it is sent; each file is removed once read.
    public var scratchFolder: URL
    /// The office's seal key, which every month closing signs with; nil: closing is refused.
    public var sealKey: SealKey?
    /// The offices the roll-up page adds up (``RollupOffices``); nil: this office alone.
    public var rollupOffices: RollupOffices?
    /// Threads that run requests and the store calls they block on (``BlockingWork``). 24 by
    /// default: one per request that may wait at once, past the PostgreSQL pool (16). On SQLite,
    /// whose reads are work for the cores rather than waits, `bekal serve` uses two per core:
    /// more only switch between each other (BENCHMARKS.md, issue 13).
    public var blockingThreads: Int = 24

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                clock: @escaping @Sendable () -> Date = { Date() }, loginAttempts: Int = 5, loginAttemptsPerAddress: Int = 20,
                loginWindow: TimeInterval = 15 * 60, sessionLifetime: Duration = .seconds(8 * 60 * 60),
                idleTimeout: TimeInterval = 2 * 60 * 60, idleTimeoutPendamping: TimeInterval = 30 * 60,
                trustForwardedFor: Bool = false,
                passwordWorkers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1), passwordQueueMax: Int = 32,
                bcryptCost: UInt8 = Credentials.bcryptCost, scratchFolder: URL = FileManager.default.temporaryDirectory, sealKey: SealKey? = nil) {
        self.sealKey = sealKey
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.clock = clock
        self.loginAttempts = loginAttempts
        self.loginAttemptsPerAddress = loginAttemptsPerAddress
        self.loginWindow = loginWindow
        self.sessionLifetime = sessionLifetime
        self.idleTimeout = idleTimeout
        self.idleTimeoutPendamping = idleTimeoutPendamping
        self.trustForwardedFor = trustForwardedFor
        self.passwordWorkers = passwordWorkers
        self.passwordQueueMax = passwordQueueMax
        self.bcryptCost = bcryptCost
        self.scratchFolder = scratchFolder
    }
}

/// The web app: routes, sessions, templates, around the core's ``Operations``.
///
/// It adds no business rule: every form calls the same operation as the command line, and
/// who may do what is ``AccessPolicy``'s. Each route is added through the door of its rule
/// (``Doors``); the core holds a signed-in user to her role and caseload when she writes. It
/// knows no SQLite: it is handed a ``BekalStore``.
public struct WebApp: Sendable {
    public let operations: Operations
    public let configuration: WebConfiguration
    let views: Views
    /// Failed log-ins per user name and client address together, and per client address.
    let throttle: LoginThrottle
    let addressThrottle: LoginThrottle
    let passwords: PasswordWork
    /// Where sessions and failed log-ins live when the store is shared by several servers.
    let shared: (any SharedWebState)?

    public init(store: any BekalStore, configuration: WebConfiguration = WebConfiguration()) throws {
        operations = Operations(store: store)
        self.configuration = configuration
        views = try Views.load()
        // A store that several servers share (PostgreSQL) keeps the sessions and failed log-ins,
        // so that servers behind one address act as one; otherwise (SQLite) they are this process's.
        let shared = store as? any SharedWebState
        self.shared = shared
        throttle = LoginThrottle(limit: configuration.loginAttempts, window: configuration.loginWindow, clock: configuration.clock,
                                 shared: shared)
        addressThrottle = LoginThrottle(limit: configuration.loginAttemptsPerAddress, window: configuration.loginWindow,
                                        clock: configuration.clock, shared: shared)
        passwords = PasswordWork(width: configuration.passwordWorkers, queueMax: configuration.passwordQueueMax)
    }

    /// The router with every route and middleware; tests drive it without a socket.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: BlockingWorkMiddleware(executor: BlockingWork.shared(threads: configuration.blockingThreads)))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorPageMiddleware(views: views, secureCookies: configuration.secureCookies))
        router.add(middleware: SessionMiddleware(
            storage: shared.map { StorePersistDriver(shared: $0) as any PersistDriver } ?? MemoryPersistDriver(),
            configuration: SessionMiddlewareConfiguration(
                sessionCookieParameters: SessionCookieParameters(name: "bekal_sesi", path: "/", secure: configuration.secureCookies,
                                                                 sameSite: .strict),
                defaultSessionExpiration: configuration.sessionLifetime)))
        router.add(middleware: CurrentUserMiddleware(operations: operations, configuration: configuration))
        router.add(middleware: CSRFMiddleware())
        router.add(middleware: RefusalRedirectMiddleware())
        // From here on, routes go in only through a door that names their access rule.
        let doors = Doors(router)
        addStaticRoutes(to: doors)
        addAuthRoutes(to: doors)
        addDashboardRoutes(to: doors)
        addBendaharaRoutes(to: doors)
        addPendampingRoutes(to: doors)
        addAdminRoutes(to: doors)
        addMitraRoutes(to: doors)
        addRollupRoutes(to: doors)
        addSearchRoutes(to: doors)
        addTodayRoutes(to: doors)
        return router
    }

    /// The application, listening on the configured address (port 0: a free one); `listening`
    /// hears the port it got once it is bound.
    public func application(logger: Logger = Logger(label: "bekal.web"),
                            listening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Bekal"),
                    onServerRunning: { channel in await listening(channel.localAddress?.port ?? 0) },
                    logger: logger)
    }

    /// An operation context acting for the signed-in user (``ActingUser/user(_:)``): the core
    /// holds her to her role and, for a pendamping, her caseload; the audit trail names her as
    /// `web:username`.
    func context(_ user: AppUser) -> OperationContext {
        OperationContext(actor: "web:\(user.username)", acting: .user(user), now: configuration.clock())
    }

    /// The office's today.
    func today() throws -> LocalDate {
        let settings = try operations.settings()
        return OperationContext(actor: "web", now: configuration.clock()).today(in: settings)
    }
}
