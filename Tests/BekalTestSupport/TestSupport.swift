import Foundation

/// What several test suites need alike: where the built executables are, and how a golden
/// file (an `.expected` beside its input) is compared and, on request, rewritten.
public enum TestSupport {
    /// The package's root folder.
    public static func packageRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// An executable of this package built next to the tests.
    public static func executable(_ name: String, filePath: String = #filePath) throws -> URL {
        var directories: [URL] = []
        // Linux: .build/debug/BekalPackageTests.xctest is itself the executable.
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        // macOS: .build/debug/BekalPackageTests.xctest/Contents/MacOS/…
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(packageRoot(filePath: filePath).appendingPathComponent(".build/debug"))
        guard let found = directories.map({ $0.appendingPathComponent(name) }).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing(description: "\(name) was not built next to the tests (looked in \(directories.map(\.path))); run `swift build --build-tests` first")
        }
        return found
    }

    /// The golden file at `expected`, which `actual` must equal. With `BEKAL_REGENERATE_FIXTURES=1`
    /// it is rewritten from `actual` first (read the diff before committing it).
    public static func golden(_ actual: String, at expected: URL) throws -> String {
        if ProcessInfo.processInfo.environment["BEKAL_REGENERATE_FIXTURES"] == "1" {
            try Data(actual.utf8).write(to: expected)
        }
        return try String(contentsOf: expected, encoding: .utf8)
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }
}
