// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "darkroom",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "darkroom", targets: ["darkroom"]),
        .executable(name: "bootstrap", targets: ["bootstrap"]),
        .library(name: "DarkroomImaging", targets: ["DarkroomImaging"]),
        .library(name: "DarkroomAWS", targets: ["DarkroomAWS"]),
        .library(name: "DarkroomCore", targets: ["DarkroomCore"]),
        .library(name: "DarkroomBackend", targets: ["DarkroomBackend"]),
        .library(name: "DarkroomTUI", targets: ["DarkroomTUI"]),
        .library(name: "DarkroomGallery", targets: ["DarkroomGallery"]),
        .library(name: "DarkroomCatalog", targets: ["DarkroomCatalog"]),
        .library(name: "DarkroomSetup", targets: ["DarkroomSetup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Without its default traits: `FullFoundation` (URL-encoded forms' DateFormatter) links all of Foundation and
        // ICU's 34 MB of data into `darkroom`, and `ConfigurationSupport` swift-configuration; darkroom uses neither.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Already in the graph through Hummingbird; named for NIOCore's IOError, whose errno says why a port cannot be bound.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    ],
    targets: [
        // System libraries: module maps only.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // No pkgConfig for ncursesw: all it adds is -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600, which SwiftPM refuses
        // (a warning on every build) and the shim does not need; the module map links ncursesw (with tinfo).
        .systemLibrary(name: "CNcurses"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libpng reports errors with longjmp; this shim keeps every libpng call behind setjmp in C.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]),

        .target(name: "DarkroomImaging", dependencies: ["CPNG", "DarkroomThreads"]),
        // Threads of their own for blocking work, shared by the transport and everything that renders; and the one
        // way to start a child process (posix_spawn), for the editor, credential_process and the tests' peers.
        .target(name: "DarkroomThreads"),
        .target(name: "DarkroomAWS", dependencies: ["CCurl", "COpenSSL", "DarkroomThreads"]),
        .target(name: "DarkroomCore", dependencies: ["DarkroomThreads"]),
        .target(name: "DarkroomBackend", dependencies: ["DarkroomCore", "DarkroomAWS", "DarkroomImaging", "DarkroomThreads"]),
        // Newest-first listing of the bucket by date prefixes, and parameters read from image heads.
        .target(name: "DarkroomGallery", dependencies: ["DarkroomBackend", "DarkroomCore", "DarkroomImaging", "DarkroomThreads"]),
        // The local catalog (SQLite) the gallery paints and searches from: never part of the Lambda.
        .target(name: "DarkroomCatalog", dependencies: ["CSQLite", "DarkroomGallery", "DarkroomBackend", "DarkroomCore", "DarkroomThreads"]),
        .target(
            name: "DarkroomServer",
            dependencies: [
                "DarkroomAWS", "DarkroomBackend", "DarkroomCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                // HTTP1Channel's limits (idle timeout, request head size) live in the core.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // FreeType for contact-sheet labels: headers through pkg-config, every call in the prefixed `cft_` shim.
        .systemLibrary(name: "CFreeTypeSystem", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .target(name: "CFreeType", dependencies: ["CFreeTypeSystem"], linkerSettings: [.linkedLibrary("freetype")]),
        // Sweeps: the runner, manifests in output-sweeps/, contact sheets. App-only: never linked into the Lambda.
        .target(name: "DarkroomSweeps", dependencies: ["DarkroomCore", "DarkroomBackend", "DarkroomImaging", "DarkroomAWS", "DarkroomThreads", "CFreeType"]),
        // Terminal capabilities (colour depth, graphics protocol, cell size) and the graphics encoders.
        .target(name: "DarkroomTerminal", dependencies: ["DarkroomImaging", "DarkroomCore", "DarkroomThreads", "CNcurses"]),
        .target(name: "DarkroomTUI", dependencies: ["DarkroomTerminal", "DarkroomCore", "DarkroomImaging", "DarkroomBackend", "DarkroomThreads", "DarkroomGallery", "DarkroomCatalog", "DarkroomSweeps", "CNcurses"]),
        // For the app's tests: the recording terminal and whole-screen assertions with a line diff.
        .target(name: "DarkroomTUITesting", dependencies: ["DarkroomTUI", "DarkroomImaging"]),
        // The composition root: settings (options > config file > environment > AWS profile), the XDG folders,
        // and the one factory for generation clients, image stores and the app's launch.
        .target(name: "DarkroomSetup", dependencies: ["DarkroomTUI", "DarkroomTerminal", "DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomCatalog", "DarkroomSweeps", "DarkroomThreads"]),
        .executableTarget(
            name: "darkroom",
            dependencies: [
                "DarkroomImaging", "DarkroomAWS", "DarkroomCore", "DarkroomBackend", "DarkroomServer", "DarkroomTUI", "DarkroomSetup",
                "DarkroomGallery", "DarkroomCatalog", "DarkroomSweeps", "DarkroomTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // `darkroom --version`: VERSION and `git describe` of the tree, generated at every build.
            plugins: ["BuildInfoPlugin"]
        ),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // Writes darkroom.1 from `darkroom --experimental-dump-help` (make install, make deb); not installed.
        .executableTarget(
            name: "darkroom-manual",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/darkroom-manual"
        ),

        // Performance figures (`make bench`), kept out of the shipped `darkroom`; areas live in Benchmarks/darkroom-bench/Areas.
        .executableTarget(
            name: "darkroom-bench",
            dependencies: [
                "DarkroomImaging", "DarkroomAWS", "DarkroomCore", "DarkroomBackend", "DarkroomServer", "DarkroomTUI", "DarkroomSetup",
                "DarkroomTestSupport", "DarkroomGallery", "DarkroomCatalog", "DarkroomTerminal", "DarkroomTUITesting", "DarkroomThreads", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/darkroom-bench"
        ),

        // The Lambda function (custom runtime `provided.al2023`): no ncurses, no ArgumentParser.
        .executableTarget(name: "bootstrap", dependencies: ["DarkroomBackend", "DarkroomAWS", "DarkroomCore", "CGlibcCompat"]),
        // Older glibc symbol versions for the Lambda package (see the file and scripts/package-lambda.sh).
        .target(name: "CGlibcCompat"),

        // libFuzzer targets over the parsers that face the network and the user's files (`make fuzz` builds it with
        // -sanitize=fuzzer,address); in a regular build, `darkroom-fuzz TARGET FILE…` replays saved inputs.
        .executableTarget(
            name: "darkroom-fuzz",
            dependencies: ["DarkroomImaging", "DarkroomAWS", "DarkroomCore", "DarkroomBackend", "DarkroomTUI", "DarkroomSetup", "DarkroomTerminal",
                           "DarkroomCatalog", "DarkroomGallery"],
            path: "Sources/DarkroomFuzz"
        ),

        // Shared by the test targets: test data paths, free ports, peers started on loopback.
        .target(name: "DarkroomTestSupport", dependencies: ["DarkroomThreads", "DarkroomAWS", "DarkroomBackend", "DarkroomCore", "DarkroomGallery", "CPseudoTerminal"], path: "Sources/DarkroomTestSupport"),
        .target(name: "CPseudoTerminal"),
        .testTarget(name: "DarkroomImagingTests", dependencies: ["DarkroomImaging", "DarkroomTestSupport", "DarkroomThreads"]),
        .testTarget(name: "DarkroomThreadsTests", dependencies: ["DarkroomThreads", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomAWSTests", dependencies: ["DarkroomAWS", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomCoreTests", dependencies: ["DarkroomCore", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomBackendTests", dependencies: ["DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomImaging", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomGalleryTests", dependencies: ["DarkroomGallery", "DarkroomBackend", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomCatalogTests", dependencies: [
            "DarkroomCatalog", "DarkroomGallery", "DarkroomBackend", "DarkroomCore", "DarkroomImaging", "DarkroomTestSupport", "DarkroomThreads",
        ]),
        .testTarget(name: "DarkroomServerTests", dependencies: [
            "DarkroomServer", "DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomImaging", "DarkroomTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "DarkroomSweepsTests", dependencies: [
            "DarkroomSweeps", "DarkroomAWS", "DarkroomBackend", "DarkroomCore", "DarkroomImaging", "DarkroomTestSupport",
        ]),
        .testTarget(name: "DarkroomTerminalTests", dependencies: [
            "DarkroomTerminal", "DarkroomImaging", "DarkroomTestSupport", "DarkroomTUI", "DarkroomCore", "DarkroomThreads",
        ]),
        .testTarget(name: "DarkroomTUITests", dependencies: [
            "DarkroomTUI", "DarkroomTUITesting", "DarkroomSetup", "DarkroomBackend", "DarkroomCore", "DarkroomImaging", "DarkroomThreads",
            "DarkroomTestSupport", "DarkroomGallery", "DarkroomCatalog", "DarkroomTerminal", "DarkroomAWS", "DarkroomSweeps", "CNcurses",
        ], exclude: ["__Snapshots__"]),  // read beside the test file (ScreenAssertions), not bundled
        .testTarget(name: "DarkroomSetupTests", dependencies: [
            "DarkroomSetup", "DarkroomTUI", "DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomTestSupport",
        ]),
        .testTarget(name: "DarkroomManualTests", dependencies: ["darkroom-manual"]),
        // Runs the built binaries (CLI, serve, the app in tmux) as a person would.
        .testTarget(name: "EndToEndTests", dependencies: ["DarkroomTestSupport"]),
    ]
)

// Swift 6 language mode everywhere, with existential types spelled `any`.
for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}

// `make test-asan ASAN_CORE=1` (CI): the package as the modules under the app and their five suites, with no package
// dependencies. Building the app, the server's NIO and Hummingbird and every other suite under AddressSanitizer
// took 13 of CI's minutes for suites CI does not run under it. Sweeps is among them for the FreeType shim it calls.
if Context.environment["DARKROOM_CORE_ONLY"] != nil {
    let core: Set = [
        "CCurl", "COpenSSL", "CPNG", "CFreeTypeSystem", "CFreeType", "CPseudoTerminal", "DarkroomThreads", "DarkroomImaging",
        "DarkroomAWS", "DarkroomCore", "DarkroomBackend", "DarkroomGallery", "DarkroomSweeps", "DarkroomTestSupport",
        "DarkroomImagingTests", "DarkroomThreadsTests", "DarkroomAWSTests", "DarkroomCoreTests", "DarkroomSweepsTests",
    ]
    package.targets.removeAll { !core.contains($0.name) }
    package.products = []
    package.dependencies = []
}
