// swift-tools-version: 6.2
// SwiftCodex: a Swift reimplementation of the Codex CLI. One package, one `codex` executable.
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode is the default for tools-version 6.x;
/// these upcoming features make imports and existentials explicit at module edges.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SwiftCodex",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "codex", targets: ["codex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Wire value types only: JSONValue, JSON-RPC messages, the line reader. Foundation only.
        .target(name: "CodexProtocol", swiftSettings: strictSettings),
        // CODEX_HOME, layered config.toml loading, -c overrides, typed Config, format-preserving edits.
        .target(
            name: "CodexConfig",
            dependencies: ["CodexProtocol", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strictSettings
        ),
        // The agent: turn loop, model client, tools (shell, apply_patch, plan), approvals, rollouts.
        .target(
            name: "CodexCore",
            dependencies: [
                "CodexProtocol", "CodexConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The argument-parser command tree and arg0 dispatch; the executable only calls into it.
        .target(
            name: "CodexCLI",
            dependencies: [
                "CodexProtocol", "CodexConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "codex", dependencies: ["CodexCLI"], swiftSettings: strictSettings),
        // Helpers shared by test targets: the mock Responses API server and the spawned-binary harness.
        .target(
            name: "CodexTestSupport",
            dependencies: [
                "CodexProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "CodexProtocolTests", dependencies: ["CodexProtocol"], swiftSettings: strictSettings),
        .testTarget(
            name: "CodexConfigTests",
            dependencies: ["CodexConfig", "CodexProtocol", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexCoreTests",
            dependencies: [
                "CodexCore", "CodexProtocol",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexTestSupportTests",
            dependencies: ["CodexTestSupport", "CodexProtocol"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexCLITests",
            dependencies: ["CodexCLI", "CodexTestSupport", "CodexProtocol"],
            swiftSettings: strictSettings
        ),
    ]
)
