import ArgumentParser
import BekalCLI
import BekalCore
import BekalDemo
import BekalStore
import BekalWeb
import Foundation

/// `bekal serve`: the web app on the embedded database.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bekal serve",
        abstract: "Start the web app (Bahasa Indonesia) for finance officers, aftercare workers, admins and partners.",
        discussion: """
            Users sign in with accounts made by `bekal user add`. With --demo, an empty database gets the demo \
            programme and one user per role, whose passwords are printed once, and the office's clock is pinned \
            to the demo's time (2 January 2013) unless --today says otherwise.
            """)
    @OptionGroup var store: StoreOptions
    @OptionGroup var keyFile: SealKeyOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the demo programme and one user per role into an empty database.") var demo = false
    @Option(help: "Pin the office's date (YYYY-MM-DD), for demonstrations; the time of day still runs.") var today: String?
    @Flag(name: .customLong("secure-cookies"), help: "Mark the session cookie Secure (when served over HTTPS).") var secureCookies = false
    @Flag(name: .customLong("behind-proxy"), help: "Take the client's address from X-Forwarded-For (only behind a proxy that sets it), for the log-in limits.")
    var behindProxy = false

    public init() {}

    /// The PostgreSQL connections one `bekal serve` keeps open at most.
    static let connections = 16

    public func run() async throws {
        // On PostgreSQL, a connection per request served at once, up to `connections`: a request
        // waiting for the office's writer keeps one, and the others go on.
        let opened = try demo ? store.createStore(connections: Self.connections) : store.openStore(connections: Self.connections)
        var pinned = try parsed(today) { try LocalDate.parse($0, field: .option("--today")) }
        if demo {
            if try !DemoProgramme.isLoaded(in: opened) {
                let s = try DemoProgramme.load(into: opened)
                printLine("Loaded the demo programme: \(s.beneficiaries) beneficiaries, \(s.visits) visits, \(s.entries) journal entries.")
                // The demo's grants are from 2007-2010: under the standard 24-month schedule nobody
                // but the lost would be due in January 2013. This office follows up until month 36.
                var policy = try Operations(store: opened).settings().followUpPolicy
                policy = FollowUpPolicy(monthlyUntilMonth: policy.monthlyUntilMonth, quarterlyUntilMonth: 36,
                                        lostAfterDays: policy.lostAfterDays)
                _ = try Operations(store: opened).changeSettings(SettingsChange(followUpPolicy: policy), context: DemoProgramme.context)
                printLine("Follow-up policy for the demo: monthly until month \(policy.monthlyUntilMonth), quarterly until month 36 (see `bekal settings show`).")
            }
            let logins = try DemoUsers.ensure(in: Operations(store: opened), hash: Passwords.hash, password: Passwords.random)
            if !logins.isEmpty {
                printLine("Demo users (passwords shown once):")
                for login in logins { printLine("  \(login.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(login.role.padding(toLength: 11, withPad: " ", startingAt: 0)) \(login.password)") }
            }
            pinned = pinned ?? DemoUsers.today
        }
        var configuration = WebConfiguration(host: host, port: port, secureCookies: secureCookies, trustForwardedFor: behindProxy)
        // Month closings seal the books: the key is read once here (created with a new database).
        if FileManager.default.fileExists(atPath: keyFile.path(store)) || demo {
            if demo { printLine(try store.ensureSealKey(in: opened, at: keyFile.path(store))) }
            configuration.sealKey = try SealKeyFile.load(keyFile.path(store))
        } else {
            printLine("No seal key at \(keyFile.path(store)): month closing is refused in the web app until there is one (`bekal seal` makes it).")
        }
        if let pinned {
            configuration.clock = Self.clock(pinnedTo: pinned)
            printLine("The office's date is pinned to \(pinned).")
        }
        // The roll-up page adds up every office of a shared database; on SQLite, this one.
        // SQLite's reads keep the cores busy rather than wait: two threads per core serve them
        // best (at 64 connections on 2 cores, 24 threads halved the rate); PostgreSQL's keep 24.
        if !store.isPostgres { configuration.blockingThreads = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount) }
        let (database, postgres) = (store.path, store.isPostgres)
        configuration.rollupOffices = RollupOffices { try OfficeSet.open(database: database, postgres: postgres) }
        let app = try WebApp(store: opened, configuration: configuration)
        let (host, path) = (host, store.shownPath)
        try await app.application(listening: { bound in
            printLine("Bekal serves \(path) on http://\(host):\(bound)/  (stop with Ctrl-C)")
        }).runService()
    }

    /// 09:00 in Jakarta on `date`, moving on with the real clock from the moment the server starts.
    static func clock(pinnedTo date: LocalDate) -> @Sendable () -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Jakarta")!
        let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 9))!
        let launched = Date()
        return { start.addingTimeInterval(Date().timeIntervalSince(launched)) }
    }
}
