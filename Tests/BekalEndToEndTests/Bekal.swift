import BekalTestSupport
import Foundation
import Testing

/// Runs the built `bekal` executable in its own temporary folder, as an officer would.
struct Bekal {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let executable: URL
    let directory: URL

    init() throws {
        executable = try Self.find("bekal")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bekal-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// The default database: `bekal.sqlite` in the folder the command runs in.
    var databasePath: String { directory.appendingPathComponent("bekal.sqlite").path }

    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Run {
        try run(arguments: arguments, environment: environment)
    }

    func run(arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["BEKAL_DB"] = nil
        env["USER"] = "bendahara"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func find(_ name: String) throws -> URL { try TestSupport.executable(name) }
}
