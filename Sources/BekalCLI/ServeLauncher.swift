import ArgumentParser
import Foundation

/// `bekal serve`: hands over to `bekal-serve`, the web app's own executable next to this one,
/// with the same arguments. The web server (Hummingbird, SwiftNIO) lives there, so that every
/// other command starts without loading it.
struct ServeLauncher: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the web app (Bahasa Indonesia) for finance officers, aftercare workers, admins and partners.",
        discussion: """
            Runs bekal-serve, built beside bekal, with these arguments: --db, --seal-key, --host, --port (0: a free one), \
            --demo, --today YYYY-MM-DD, --secure-cookies, --behind-proxy. `bekal-serve --help` explains each.
            """)

    @Argument(parsing: .allUnrecognized, help: "The web app's options (see --help).")
    var arguments: [String] = []

    func run() throws {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let server = here.appendingPathComponent("bekal-serve").path
        guard FileManager.default.isExecutableFile(atPath: server) else { throw ServeMissing(path: server) }
        let argv = [server] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        execv(server, &cArgs)
        throw ServeMissing(path: server + " (\(String(cString: strerror(errno))))")
    }
}

struct ServeMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "The web app's executable is missing at \(path); build it with `swift build -c release` (it is built with bekal)." }
}
