// swift-tools-version:6.1
import PackageDescription

/// Our own modules build with warnings as errors (CI too); the packages we depend on do not.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "Bekal",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bekal", targets: ["bekal"]),
        .executable(name: "bekal-serve", targets: ["bekal-serve"]),
        .library(name: "BekalCore", targets: ["BekalCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // The web app: server, sessions and bcrypt, server-rendered templates.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Test-only: open produced spreadsheets and read their XML.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
    ],
    targets: [
        // The domain: money, books, the programme registry, reports. No SQLite, no I/O.
        .target(
            name: "BekalCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict
        ),
        // The only module that imports GRDB.
        .target(
            name: "BekalStore",
            dependencies: [
                "BekalCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own C calls, for the few statements every grant runs (SQLiteTransaction+Raw.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ], swiftSettings: strict
        ),
        // The command tree (a library so tests can parse commands in-process).
        .target(
            name: "BekalCLI",
            dependencies: [
                "BekalCore", "BekalStore", "BekalPostgres", "BekalExport", "BekalPDF", "BekalDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ], swiftSettings: strict
        ),
        // The web app: a thin adapter that calls the same operations as the command line.
        // Knows no SQLite: the composition root (`bekal serve`) hands it a store.
        .target(
            name: "BekalWeb",
            dependencies: [
                "BekalCore", "BekalExport", "BekalPDF",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates"), .copy("Static")], swiftSettings: strict
        ),
        .executableTarget(name: "bekal", dependencies: ["BekalCLI"], swiftSettings: strict),
        // `bekal serve`: the web app in an executable of its own, so that every other command
        // starts without loading Hummingbird and SwiftNIO. `bekal serve` runs it.
        .target(
            name: "BekalServe",
            dependencies: ["BekalCLI", "BekalWeb", "BekalDemo", .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: strict
        ),
        .executableTarget(name: "bekal-serve", dependencies: ["BekalServe"], swiftSettings: strict),
        // The demo programme (Bandar Lampung, 2007-2012), built only through the core's operations.
        .target(name: "BekalDemo", dependencies: ["BekalCore"], swiftSettings: strict),
        // Debian's libxlsxwriter (libxlsxwriter-dev); only BekalExport imports it.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Renders core Tables as xlsx (through CXlsxWriter) and CSV.
        .target(name: "BekalExport", dependencies: ["BekalCore", "CXlsxWriter"], swiftSettings: strict),
        // Debian's Cairo and Pango (libcairo2-dev, libpango1.0-dev): the office's documents as PDF.
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        // Lays out the core's documents (kuitansi, …) as A4 PDF files, through CPangoCairo.
        .target(name: "BekalPDF", dependencies: ["BekalCore", "CPangoCairo"], swiftSettings: strict),
        // Debian's libpq (libpq-dev), for a store on a shared PostgreSQL server (README, Design).
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        .target(name: "BekalPostgres", dependencies: ["BekalCore", "CLibPQ"], swiftSettings: strict),
        .executableTarget(
            name: "bekal-xlsx-bench",
            dependencies: ["BekalCore", "BekalExport"],
            path: "Benchmarks/xlsx-bench", swiftSettings: strict
        ),
        .executableTarget(
            name: "bekal-bench",
            dependencies: [
                "BekalCore", "BekalStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/bekal-bench", swiftSettings: strict
        ),
        .executableTarget(
            name: "bekal-pg-bench",
            dependencies: ["BekalCore", "BekalPostgres"],
            path: "Benchmarks/pg-bench", exclude: ["run.sh"], swiftSettings: strict
        ),
        .executableTarget(
            name: "bekal-documents-bench",
            dependencies: ["BekalCore", "BekalStore", "BekalPDF", "BekalExport"],
            path: "Benchmarks/documents-bench", swiftSettings: strict
        ),
        .executableTarget(
            name: "bekal-aftercare-bench",
            dependencies: ["BekalCore", "BekalStore"],
            path: "Benchmarks/aftercare-bench", swiftSettings: strict
        ),
        // The child process of the crash test: posts grants until it is killed.
        .executableTarget(name: "bekal-stress", dependencies: ["BekalCore", "BekalStore"], swiftSettings: strict),
        // What the test targets share: the executables' folder, golden files.
        .target(name: "BekalTestSupport", path: "Tests/BekalTestSupport", swiftSettings: strict),
        .testTarget(
            name: "BekalCoreTests",
            dependencies: ["BekalCore", .product(name: "PropertyBased", package: "swift-property-based")], swiftSettings: strict
        ),
        .testTarget(
            name: "BekalStoreTests",
            dependencies: ["BekalTestSupport",
                "BekalCore", "BekalStore", "BekalPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], swiftSettings: strict
        ),
        .testTarget(
            name: "BekalExportTests",
            dependencies: [
                "BekalCore", "BekalExport", "BekalPDF", "BekalStore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ], swiftSettings: strict
        ),
        .testTarget(
            name: "BekalWebTests",
            dependencies: [
                "BekalCore", "BekalExport", "BekalStore", "BekalWeb", "BekalCLI", "BekalDemo",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ], swiftSettings: strict
        ),
        .testTarget(
            name: "BekalEndToEndTests",
            dependencies: ["BekalTestSupport", "BekalCore", "BekalStore", "BekalCLI", "BekalDemo"], swiftSettings: strict
        ),
    ]
)
