// swift-tools-version:6.1
// A measured spike, not part of Bekal: the grant path against PostgreSQL through two clients.
// Not referenced from the top-level Package.swift. See README.md.
import PackageDescription

/// The async variant relies on nonisolated async functions running on their caller's executor.
let settings: [SwiftSetting] = [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]

let package = Package(
    name: "pg-spike",
    platforms: [.macOS(.v14)],
    products: [
        // (B) Debian's libpq, synchronous, behind the synchronous port as it is.
        .executable(name: "pg-spike-libpq", targets: ["pg-spike-libpq"]),
        // (A) postgres-nio, the synchronous port served by blocking on EventLoopFutures
        // (and, for reference, the same path with the port made async).
        .executable(name: "pg-spike-nio", targets: ["pg-spike-nio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // What both clients share: the port, the grant operation, SHA-256, the harness. No I/O library.
        .target(name: "GrantPath", swiftSettings: settings),
        // Debian's libpq (libpq-dev), through a module map and a shim header.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "LibPQStore", dependencies: ["GrantPath", "CLibPQ"]),
        .executableTarget(name: "pg-spike-libpq", dependencies: ["LibPQStore", "GrantPath"]),
        .target(name: "NIOStore", dependencies: ["GrantPath", .product(name: "PostgresNIO", package: "postgres-nio")], swiftSettings: settings),
        .executableTarget(name: "pg-spike-nio", dependencies: ["NIOStore", "GrantPath", .product(name: "PostgresNIO", package: "postgres-nio")], swiftSettings: settings),
    ]
)
