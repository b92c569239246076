// swift-tools-version: 6.2
// SwiftCodex: a Swift reimplementation of the Codex CLI. One package, one `codex` executable.
import CompilerPluginSupport
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode is the default for tools-version 6.x;
/// these upcoming features make imports and existentials explicit at module edges.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Type metadata through accessor functions rather than by mangled name: instantiating a generic type by
    // name checks its requirements by scanning every conformance record of the binary (~9,000), about
    // 0.4M instructions a type on first use, which was most of the app-server's initialize.
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
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
        // TOMLKit is a test-only oracle for the hand-written TOML parser (CodexConfigTests).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // 3.x or 4.x: jwt-kit 5.7 needs 4.x.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // HS256 signed bearer tokens of `app-server --ws-auth signed-bearer-token`.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        // Only for the compiler plugin CodexWireMacros (`@PublicMemberwiseInit`); not linked into `codex`.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
    ],
    targets: [
        // The bottom target: helpers with no other home (absolute paths, the project-root walk,
        // write-all/read-all over file descriptors, the SSE parser). Foundation-free.
        .target(
            name: "CodexBasics",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strictSettings
        ),
        // Wire value types only: JSONValue, JSON-RPC messages, the line reader. Foundation only.
        .target(name: "CodexProtocol", dependencies: ["CodexBasics", "CodexWireMacros"], swiftSettings: strictSettings),
        // Compiler plugin: `@PublicMemberwiseInit`, the public memberwise init of the wire structs.
        .macro(
            name: "CodexWireMacros",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftDiagnostics", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ],
            swiftSettings: strictSettings
        ),
        // CODEX_HOME, layered config.toml loading, -c overrides, typed Config, format-preserving edits.
        .target(
            name: "CodexConfig",
            dependencies: ["CodexBasics", "CodexProtocol"],
            swiftSettings: strictSettings
        ),
        // Login: auth.json storage, the AuthManager, ChatGPT OAuth (browser and device code), token refresh.
        .target(
            name: "CodexLogin",
            dependencies: [
                "CodexBasics", "CodexProtocol", "CodexConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Runs `secret-tool` for the keyring store.
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strictSettings
        ),
        // The agent: turn loop, model client, tools (shell, apply_patch, plan), approvals, rollouts.
        .target(
            name: "CodexCore",
            dependencies: [
                "CodexBasics", "CodexProtocol", "CodexConfig", "CodexSandbox", "CodexLogin", "CSandbox",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The MCP client: `[mcp_servers]` started and spoken to (JSON-RPC over a child's stdio or streamable
        // HTTP), their tools offered to the core as an external tool provider.
        .target(
            name: "CodexMCPClient",
            dependencies: [
                "CodexBasics", "CodexProtocol", "CodexConfig", "CodexCore",
                // MCP OAuth login's loopback callback listener, PKCE and browser launcher; the connectors
                // gateway's question whether the login is ChatGPT.
                "CodexLogin",
                .product(name: "Subprocess", package: "swift-subprocess"),
                // Streamable-HTTP servers and the OAuth discovery probe of a server's auth status.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // SHA-1 suffixes of colliding or over-long tool names; SHA-256 of the OAuth store key and callback id.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings),
        // `codex exec`: a non-interactive run, human output or JSONL events.
        .target(
            name: "CodexExec", dependencies: ["CodexCore", "CodexProtocol", "CodexConfig", "CodexMCPClient"],
            swiftSettings: strictSettings),
        // The argument-parser command tree and arg0 dispatch; the executable only calls into it.
        .target(
            name: "CodexCLI",
            dependencies: [
                "CodexBasics", "CodexProtocol", "CodexConfig", "CodexCore", "CodexExec", "CodexSandbox",
                "CodexAppServer", "CodexMCPServer", "CodexLogin", "CodexMCPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "codex", dependencies: ["CodexCLI"], swiftSettings: strictSettings),
        // `codex app-server`: JSON-RPC over stdio, the connection lifecycle and request dispatch.
        .target(
            name: "CodexAppServer",
            dependencies: [
                "CodexBasics", "CodexCore", "CodexProtocol", "CodexConfig", "CodexSandbox", "CodexLogin", "CodexMCPClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The WebSocket and Unix-socket listeners (`--listen ws://`, `unix://`).
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                // SHA-256 for config layer versions and capability tokens.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: strictSettings),
        // `codex mcp-server`: Codex as an MCP server over stdio (tools `codex` and `codex-reply`).
        .target(
            name: "CodexMCPServer",
            dependencies: [
                "CodexBasics", "CodexCore", "CodexProtocol", "CodexConfig",
            ],
            swiftSettings: strictSettings),
        // Helpers shared by test targets: the mock Responses API server and the spawned-binary harness.
        .target(
            name: "CodexTestSupport",
            dependencies: [
                "CodexBasics", "CodexProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                // SHA-256 for the fake issuer's PKCE check.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Linux sandbox: Landlock, seccomp and mount-namespace shims (kernel headers only).
        .target(name: "CSandbox"),
        // Linked into the test bundle only: caps how many test cases run at once (see its source).
        .target(name: "CTestParallelism"),
        // Sandbox policy, the `codex-linux-sandbox` helper, the command builder and the doctor.
        .target(
            name: "CodexSandbox", dependencies: ["CSandbox", "CodexBasics", "CodexProtocol"],
            swiftSettings: strictSettings),
        // Test-only binary whose argv[0] the sandbox tests set to `codex-linux-sandbox`.
        .executableTarget(
            name: "codex-sandbox-test-helper",
            dependencies: ["CodexSandbox"],
            path: "Sources/CodexSandboxTestHelper",
            swiftSettings: strictSettings
        ),
        // A scripted stand-in for a model provider, for the README demo (not used by the codex binary).
        .executableTarget(
            name: "codex-scripted-model", dependencies: ["CodexTestSupport"], path: "Sources/ScriptedModelServer",
            swiftSettings: strictSettings),
        .testTarget(name: "CodexBasicsTests", dependencies: ["CodexBasics"], swiftSettings: strictSettings),
        .testTarget(
            name: "CodexProtocolTests", dependencies: ["CodexProtocol", "CodexTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CodexWireMacrosTests",
            dependencies: [
                "CodexWireMacros",
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexConfigTests",
            dependencies: ["CodexConfig", "CodexProtocol", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexExecTests", dependencies: ["CodexExec", "CodexCore", "CodexProtocol"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CodexCoreTests",
            dependencies: [
                "CodexBasics", "CodexCore", "CodexProtocol", "CodexConfig", "CodexLogin", "codex-sandbox-test-helper",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CodexTestSupportTests",
            dependencies: ["CodexTestSupport", "CodexBasics", "CodexProtocol"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexSandboxTests",
            dependencies: ["CodexSandbox", "codex-sandbox-test-helper"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexAppServerTests",
            dependencies: [
                "CodexAppServer", "CodexCore", "CodexConfig", "CodexProtocol", "CodexTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                // Mints the signed bearer tokens the listener is tested with.
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexLoginTests",
            dependencies: [
                "CodexLogin", "CodexConfig", "CodexProtocol", "CodexTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexMCPServerTests",
            dependencies: ["CodexMCPServer", "CodexCore", "CodexConfig", "CodexProtocol", "CodexTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexMCPClientTests",
            dependencies: ["CodexMCPClient", "CodexCore", "CodexConfig", "CodexProtocol", "CodexTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodexCLITests",
            dependencies: ["CodexCLI", "CodexTestSupport", "CodexProtocol"],
            swiftSettings: strictSettings
        ),
    ]
)

// Every test target links the parallelism cap, so `swift test` gets it whichever targets it builds.
for target in package.targets where target.type == .test {
    target.dependencies.append("CTestParallelism")
}
