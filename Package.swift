// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // A generic type's metadata made from its mangled name makes the runtime look up each of its
    // conformances (`Dictionary<Key, …>`'s Key: Hashable) by scanning every conformance record in
    // the binary, ~400k instructions for each type the first time, which every command paid a
    // dozen times over. With this flag the compiler passes the conformances it already knows.
    .unsafeFlags(
        ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
        .when(configuration: .release)
    ),
]

// The command-line tools start for every command (`own`, and `own-gate` and `own-post`, which it runs
// for a gate, a sync, a monitor command or a ping): the Swift runtime and Foundation linked into them
// spare each start the dynamic linker's symbol lookups across a dozen shared libraries (about half
// of an empty command's instructions; `own-post`'s GET of a local server 8.0 to 5.5 ms). `own-server`
// starts once and stays dynamic. Release builds only:
// a debug build links the test bundle with these targets, and Swift's test libraries are shared only.
// `-static-stdlib` also exports every public symbol of the program's own modules (10,797 in `own`),
// which nothing looks up but which the runtime's start-up `dladdr` reads one by one: without them
// `own` runs 0.37M fewer instructions and 13 fewer page faults a command. The toolchain's lld packs
// the ~87,000 pointers the loader fixes up at each start into a 16 kB table (`pack-relative-relocs`,
// which the default linker, gold, lacks) instead of 2 MB of entries: 0.39M instructions and 42 page
// faults less a command, about 0.4 ms.
let startsOften: [LinkerSetting] =
    [
        .unsafeFlags(
            [
                "-static-stdlib", "-use-ld=lld", "-Xlinker", "--no-export-dynamic",
                "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
            ],
            .when(platforms: [.linux], configuration: .release)
        )
    ]
    // What Foundation's static libraries need after them, in link order (swiftc's own link lists
    // them; SwiftPM's does not).
    + [
        "Foundation", "CoreFoundation", "FoundationInternationalization", "FoundationEssentials", "_FoundationICU",
        "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "stdc++",
    ].map { .linkedLibrary($0, .when(platforms: [.linux], configuration: .release)) }

let package = Package(
    name: "own",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "own", targets: ["own"]),
        // Beside `own`, which runs them: what would slow every command's start if `own` carried it.
        .executable(name: "own-gate", targets: ["own-gate"]),
        .executable(name: "own-post", targets: ["own-post"]),
        .executable(name: "own-server", targets: ["own-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // `own-post` posts reports to webhooks over HTTPS without URLSession (FoundationNetworking and libcurl).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The team server's store: token hashes (SHA-256).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // The team server (`own-server`): HTTP, metrics, logs.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The dashboard's HTML templates (logic-less, escaped by default).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure domain: no I/O, no third-party packages.
        .target(name: "OwnCore", swiftSettings: strict),
        // The Ledger protocol and its SQLite engine.
        .target(
            name: "OwnStore",
            dependencies: [
                "OwnCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the one statement an import runs a million times.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // The team server's store: teams, tokens, each team's events and loops, behind one async
        // protocol with an engine per database (SQLite here; PostgreSQL beside it).
        .target(
            name: "TeamStore",
            dependencies: [
                "OwnCore", "OwnStore", "PostgresTLS", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Its pool's own error (a circuit breaker tripped), which PostgresNIO passes through.
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        // The team server's HTTP application, as a library that tests drive in-process.
        .target(
            name: "OwnServer",
            dependencies: [
                "OwnCore", "OwnStore", "TeamStore", "OwnPost",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.embedInCode("Dashboard/Templates"), .embedInCode("Dashboard/Static")],
            swiftSettings: strict
        ),
        // Runs programs (Spawn: git, the sibling executables) and reads commit activity; knows nothing of loops.
        .target(
            name: "OwnGit",
            dependencies: [],
            swiftSettings: strict
        ),
        // The migration safety checker: lexer, statements, rules, table sizes.
        .target(
            name: "MigrationGate",
            dependencies: [
                "OwnCore", "OwnGit", "PostgresTLS",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        // Standard error as every executable writes it: no dependency, so own-post can use it too.
        .target(name: "OwnOutput", swiftSettings: strict),
        // How a --database-url's sslmode is read and used: by the team server's store and the gate.
        .target(
            name: "PostgresTLS",
            dependencies: [
                "OwnCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Thin argument-parser commands, as a library so tests can call them.
        .target(
            name: "OwnCLI",
            dependencies: [
                "OwnCore", "OwnStore", "OwnGit", "OwnOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "own",
            dependencies: ["OwnCLI"],
            swiftSettings: strict,
            linkerSettings: startsOften
        ),
        // `own gate`: the migration gate and PostgreSQL's client, run by `own` (see Sibling.swift).
        .executableTarget(
            name: "own-gate",
            dependencies: [
                "OwnCLI", "OwnCore", "MigrationGate", "OwnOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            linkerSettings: startsOften
        ),
        // One way to POST over SwiftNIO (HTTP and HTTPS): `own-post` and the team server's delivery.
        .target(
            name: "OwnPost",
            dependencies: [
                "OwnOutput",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // `--post`: one webhook post over SwiftNIO, run by `own`.
        .executableTarget(
            name: "own-post",
            dependencies: ["OwnPost", .product(name: "NIOHTTP1", package: "swift-nio")],
            swiftSettings: strict,
            linkerSettings: startsOften
        ),
        // `own serve` and `own server …`: the team server and its administration, run by `own`.
        .executableTarget(
            name: "own-server",
            dependencies: [
                "OwnServer", "TeamStore", "OwnCLI", "OwnCore", "OwnOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The benchmark's floor: the same SQLite file, the same library, one indexed query.
        .executableTarget(
            name: "own-floor",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/Floor",
            swiftSettings: strict,
            // Linked as `own` is, so the floor stays what any command must at least pay.
            linkerSettings: startsOften
        ),
        // The team store's engines beside their floors (Benchmarks/TeamStore/run.sh).
        .executableTarget(
            name: "own-teamstore-bench",
            dependencies: [
                "TeamStore", "OwnCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Benchmarks/TeamStore",
            exclude: ["run.sh"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OwnCoreTests",
            dependencies: ["OwnCore", "GoldenFiles"],
            exclude: ["Reports/Golden"],  // read by path from the tests, not bundled
            swiftSettings: strict
        ),
        .testTarget(
            name: "OwnStoreTests",
            dependencies: ["OwnStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // The golden-file check shared by the tests that compare output with files.
        .target(name: "GoldenFiles", path: "Tests/GoldenFiles", swiftSettings: strict),
        // A throwaway git repository, for the tests of everything that reads git.
        .target(name: "GitTestSupport", dependencies: ["OwnGit"], path: "Tests/GitTestSupport", swiftSettings: strict),
        .testTarget(name: "OwnGitTests", dependencies: ["OwnGit", "GitTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "MigrationGateTests",
            dependencies: ["MigrationGate", "GitTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TeamStoreTests",
            dependencies: [
                "TeamStore", "OwnCore", "OwnStore", "PostgresTLS",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OwnServerTests",
            dependencies: [
                "OwnServer", "TeamStore", "OwnCore", "own-server", "GoldenFiles",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Golden"],  // read by path from the tests, not bundled
            swiftSettings: strict
        ),
        .testTarget(
            name: "OwnCLITests",
            dependencies: [
                "OwnCLI", "OwnStore", "OwnGit", "own", "own-gate", "own-post", "own-server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
    ]
)
