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
        .library(name: "DarkroomSetup", targets: ["DarkroomSetup"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // System libraries: module maps only.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // libpng reports errors with longjmp; this shim keeps every libpng call behind setjmp in C.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("z")]),

        .target(name: "DarkroomImaging", dependencies: ["CPNG"]),
        // Threads of their own for blocking work, shared by the transport and everything that renders.
        .target(name: "DarkroomThreads"),
        .target(name: "DarkroomAWS", dependencies: ["CCurl", "COpenSSL", "DarkroomThreads"]),
        .target(name: "DarkroomCore", dependencies: ["DarkroomThreads"]),
        .target(name: "DarkroomBackend", dependencies: ["DarkroomCore", "DarkroomAWS", "DarkroomImaging", "DarkroomThreads"]),
        .target(
            name: "DarkroomServer",
            dependencies: [
                "DarkroomBackend", "DarkroomCore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "DarkroomTUI", dependencies: ["DarkroomCore", "DarkroomImaging", "DarkroomBackend", "DarkroomThreads", "CNcurses"]),
        // For the app's tests: the recording terminal and whole-screen assertions with a line diff.
        .target(name: "DarkroomTUITesting", dependencies: ["DarkroomTUI", "DarkroomImaging"]),
        // The composition root: settings (options > config file > environment > AWS profile), the XDG folders,
        // and the one factory for generation clients, image stores and the app's launch.
        .target(name: "DarkroomSetup", dependencies: ["DarkroomTUI", "DarkroomBackend", "DarkroomAWS", "DarkroomCore"]),
        .executableTarget(
            name: "darkroom",
            dependencies: [
                "DarkroomImaging", "DarkroomAWS", "DarkroomCore", "DarkroomBackend", "DarkroomServer", "DarkroomTUI", "DarkroomSetup",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Performance figures (`make bench`), kept out of the shipped `darkroom`; areas live in Sources/darkroom-bench/Areas.
        .executableTarget(
            name: "darkroom-bench",
            dependencies: [
                "DarkroomImaging", "DarkroomAWS", "DarkroomCore", "DarkroomBackend", "DarkroomServer", "DarkroomTUI", "DarkroomSetup",
                "DarkroomTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The Lambda function (custom runtime `provided.al2023`): no ncurses, no ArgumentParser.
        .executableTarget(name: "bootstrap", dependencies: ["DarkroomBackend", "DarkroomAWS", "DarkroomCore", "CGlibcCompat"]),
        // Older glibc symbol versions for the Lambda package (see the file and scripts/package-lambda.sh).
        .target(name: "CGlibcCompat"),

        // Shared by the test targets: test data paths, free ports, peers started on loopback.
        .target(name: "DarkroomTestSupport", dependencies: ["DarkroomThreads", "DarkroomAWS"], path: "Sources/DarkroomTestSupport"),
        .testTarget(name: "DarkroomImagingTests", dependencies: ["DarkroomImaging", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomAWSTests", dependencies: ["DarkroomAWS", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomCoreTests", dependencies: ["DarkroomCore", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomBackendTests", dependencies: ["DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomImaging", "DarkroomTestSupport"]),
        .testTarget(name: "DarkroomServerTests", dependencies: [
            "DarkroomServer", "DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomImaging", "DarkroomTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "DarkroomTUITests", dependencies: [
            "DarkroomTUI", "DarkroomTUITesting", "DarkroomSetup", "DarkroomBackend", "DarkroomCore", "DarkroomImaging", "DarkroomThreads",
            "DarkroomTestSupport",
        ]),
        .testTarget(name: "DarkroomSetupTests", dependencies: [
            "DarkroomSetup", "DarkroomTUI", "DarkroomBackend", "DarkroomAWS", "DarkroomCore", "DarkroomTestSupport",
        ]),
        // Runs the built binaries (CLI, serve, the app in tmux) as a person would.
        .testTarget(name: "EndToEndTests", dependencies: ["DarkroomTestSupport"]),
    ]
)

// Swift 6 language mode everywhere, with existential types spelled `any`.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
