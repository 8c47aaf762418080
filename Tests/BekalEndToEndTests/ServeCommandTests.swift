import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `bekal user` and `bekal serve` as an officer runs them.
@Suite struct ServeCommandTests {
    @Test func userAddMakesAnAdminWithARandomPasswordShownOnceAndRefusesBadInput() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init").status == 0)
        let added = try bekal.run("user", "add", "--username", "kepala", "--role", "admin", "--name", "Kepala Bidang")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("User kepala (admin) added."))
        let password = try #require(added.stdout.firstMatch(of: /Password: (\S+)/)).1
        #expect(password.count == 14)
        let listed = try bekal.run("user", "list")
        #expect(listed.stdout.contains("kepala"))
        #expect(!listed.stdout.contains(String(password)))
        #expect(!listed.stdout.contains("$2b$"))

        let noWorker = try bekal.run("user", "add", "--username", "ani", "--role", "pendamping")
        #expect(noWorker.status == 1)
        #expect(noWorker.stderr.contains("give the worker code with --worker"))
        let badRole = try bekal.run("user", "add", "--username", "ani", "--role", "bos")
        #expect(badRole.status == 1)
        #expect(badRole.stderr.contains("role \"bos\" is not a role"))
        let after = try bekal.run("user", "list")
        #expect(!after.stdout.contains("ani"))
    }

    @Test func aPasswordFromStdinMustBeLongEnough() throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        #expect(try bekal.run("init").status == 0)
        let process = Process()
        process.executableURL = bekal.executable
        process.arguments = ["user", "add", "--username", "budi", "--role", "bendahara", "--password-stdin"]
        process.currentDirectoryURL = bekal.directory
        let input = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("pendek\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("The password has 6 characters; use at least 10."))
    }

    @Test func serveDemoStartsTheAppWithOneUserPerRole() async throws {
        let bekal = try Bekal()
        defer { bekal.remove() }
        let process = Process()
        process.executableURL = bekal.executable
        process.arguments = ["serve", "--demo", "--port", "0"]
        process.currentDirectoryURL = bekal.directory
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // Port 0: the server takes a free port and says which.
        var printed = ""
        let deadline = Date().addingTimeInterval(30)
        while !printed.contains("Bekal serves"), Date() < deadline {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let port = try #require(printed.firstMatch(of: /on http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { Int($0.1) }, "\(printed)")
        #expect(port > 0)

        var status = 0
        var body = ""
        for _ in 0..<100 where status != 200 {
            try await Task.sleep(for: .milliseconds(100))
            if let (data, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/masuk")!) {
                status = (response as? HTTPURLResponse)?.statusCode ?? 0
                body = String(decoding: data, as: UTF8.self)
            }
        }
        #expect(status == 200)
        #expect(body.contains("<title>Masuk · Bekal</title>"))
        process.terminate()
        process.waitUntilExit()
        printed += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        for user in ["admin", "bendahara", "koperasi", "pendamping1", "pendamping4"] {
            #expect(printed.contains("  \(user) "), "\(user) in \(printed)")
        }
        #expect(printed.contains("pinned to 2013-01-02"))
    }
}
