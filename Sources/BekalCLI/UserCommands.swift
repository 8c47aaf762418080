import ArgumentParser
import BekalCore
import Foundation
import HummingbirdBcrypt

/// Users of the web app: `bekal user add` makes the first admin.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Users of the web app (admin, bendahara, pendamping, mitra).",
        subcommands: [Add.self, List.self, Password.self, Disable.self, Enable.self])

    static func hash(_ password: String) -> String { Passwords.hash(password) }

    /// The password from stdin (`--password-stdin`), else a new random one that is printed once.
    static func password(fromStdin: Bool) -> (password: String, generated: Bool) {
        if fromStdin {
            let line = readLine(strippingNewline: true) ?? ""
            return (line, false)
        }
        return (randomPassword(), true)
    }

    /// 14 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<14).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user. Without --password-stdin a random password is made and printed once.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Log-in name: 3-32 lower-case letters, digits, '.', '_' or '-'.") var username: String
        @Option(help: "admin, bendahara, pendamping or mitra.") var role: String
        @Option(help: "The name shown in the app (default the user name).") var name: String?
        @Option(help: "For a pendamping: her worker code (see `bekal worker list`).") var worker: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of stdin.") var passwordStdin = false

        func run() throws {
            let role = try Role.parse(role)
            let (password, generated) = UserCommand.password(fromStdin: passwordStdin)
            let user = try store.operations().addUser(UserDraft(username: username, displayName: name ?? "", role: role, worker: worker),
                                                      password: password, hash: UserCommand.hash, context: store.context)
            printLine("User \(user.username) (\(user.role.rawValue)) added.")
            if generated { printLine("Password: \(password)  (shown once; change it with `bekal user password`)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users (never their passwords).")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let users = try store.readingOperations().users()
            let workers = try store.openForReading().read { tx in try tx.workers() }
            let table = Table(title: "Users", columns: [.init("username", "User"), .init("name", "Name"), .init("role", "Role"),
                                                      .init("worker", "Worker"), .init("active", "Active")],
                              rows: users.map { u in
                                  [.text(u.username), .text(u.displayName), .text(u.role.rawValue),
                                   .text(workers.first { $0.id == u.workerID }?.code ?? ""), .text(u.active ? "yes" : "no")]
                              })
            printLine(Render.text(table))
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Set a new password (from stdin, or a random one printed once).")
        @OptionGroup var store: StoreOptions
        @Option var username: String
        @Flag(name: .customLong("password-stdin")) var passwordStdin = false

        func run() throws {
            let (password, generated) = UserCommand.password(fromStdin: passwordStdin)
            try store.operations().setPassword(username: username, password: password, hash: UserCommand.hash, context: store.context)
            printLine("Password of \(username) changed.")
            if generated { printLine("Password: \(password)  (shown once)") }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Switch a user off; her sessions end at once.")
        @OptionGroup var store: StoreOptions
        @Option var username: String
        func run() throws {
            try store.operations().setUserActive(username: username, active: false, context: store.context)
            printLine("User \(username) disabled.")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Switch a user back on.")
        @OptionGroup var store: StoreOptions
        @Option var username: String
        func run() throws {
            try store.operations().setUserActive(username: username, active: true, context: store.context)
            printLine("User \(username) enabled.")
        }
    }
}

/// Passwords as the command line and `bekal serve --demo` make them.
public enum Passwords {
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: Credentials.bcryptCost) }
    public static func random() -> String { UserCommand.randomPassword() }
}
