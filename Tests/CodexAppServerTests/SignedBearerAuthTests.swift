import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import JWTKit
import Testing

/// `--ws-auth signed-bearer-token`: HS256 JWTs checked before the upgrade, with the reference's 401 reasons.
@Suite(.serialized) struct SignedBearerAuthTests {
    /// 64 bytes: long enough for an HS512 key too (the token of the wrong algorithm below).
    private static let secret = String(repeating: "0123456789abcdef", count: 4)

    /// The claims the tests sign.
    struct Claims: JWTPayload {
        var exp: Int64
        var nbf: Int64?
        var iss: String?
        var aud: [String]?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    private static func token(
        _ claims: Claims, secret: String = secret, digest: DigestAlgorithm = .sha256
    ) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: digest)
        return try await keys.sign(claims)
    }

    private static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    private static func answer(_ listener: WebSocketE2E.Listener, authorization: String?) async throws -> String {
        try await HTTPProbe.get(
            host: "127.0.0.1", port: listener.port,
            headers: HTTPProbe.upgradeHeaders(authorization.map { [("Authorization", $0)] } ?? []))
    }

    @Test func listenerRejectsMissingBadAndExpiredTokensAndAcceptsAGoodOne() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            let secretFile = try home.root.write(Self.secret + "\n", to: "jwt-secret")
            let arguments = [
                "--ws-auth", "signed-bearer-token", "--ws-shared-secret-file", secretFile, "--ws-issuer", "codex-tests",
                "--ws-audience", "editors", "--ws-max-clock-skew-seconds", "5",
            ]
            try await WebSocketE2E.withListener(home: home, extraArguments: arguments) { listener in
                let good = Claims(exp: Self.now + 300, iss: "codex-tests", aud: ["editors", "others"])
                let cases: [(String?, String)] = [
                    (nil, "missing websocket bearer token"),
                    ("Basic abc", "invalid authorization header"),
                    ("Bearer not-a-jwt", "invalid websocket jwt"),
                    ("Bearer " + (try await Self.token(good, secret: String(Self.secret.reversed()))), "invalid websocket jwt"),
                    ("Bearer " + (try await Self.token(good, digest: .sha512)), "invalid websocket jwt"),
                    (
                        "Bearer " + (try await Self.token(Claims(exp: Self.now - 60, iss: "codex-tests", aud: ["editors"]))),
                        "expired websocket jwt"
                    ),
                    (
                        "Bearer "
                            + (try await Self.token(
                                Claims(exp: Self.now + 300, nbf: Self.now + 120, iss: "codex-tests", aud: ["editors"]))),
                        "websocket jwt is not valid yet"
                    ),
                    (
                        "Bearer " + (try await Self.token(Claims(exp: Self.now + 300, iss: "someone", aud: ["editors"]))),
                        "websocket jwt issuer mismatch"
                    ),
                    (
                        "Bearer " + (try await Self.token(Claims(exp: Self.now + 300, iss: "codex-tests", aud: ["x"]))),
                        "websocket jwt audience mismatch"
                    ),
                ]
                for (authorization, reason) in cases {
                    let answer = try await Self.answer(listener, authorization: authorization)
                    #expect(answer.hasPrefix("HTTP/1.1 401"), "\(authorization ?? "no header")")
                    #expect(answer.hasSuffix(reason), "\(authorization ?? "no header"): \(answer)")
                }
                // Within the clock skew an expired token still passes.
                let lenient = try await Self.token(Claims(exp: Self.now - 2, iss: "codex-tests", aud: ["editors"]))
                _ = try await listener.client(headers: [("Authorization", "Bearer " + lenient)])
                let client = try await listener.client(headers: [("Authorization", "Bearer " + (try await Self.token(good)))])
                let models = try await client.request("model/list", [:])
                #expect(models["data"]?.arrayValue != nil)
            }
        }
    }

    @Test func signedBearerUsageErrorsMatchTheReference() async throws {
        try await CodexTestHome.withHome(server: nil) { home in
            let binary = try CodexBinary.locate()
            let short = try home.root.write("too-short\n", to: "short-secret")
            let empty = try home.root.write(" \n", to: "empty-secret")
            let cases: [([String], String)] = [
                (
                    ["--ws-auth", "signed-bearer-token"],
                    "Error: `--ws-shared-secret-file` is required when `--ws-auth signed-bearer-token` is set\n"
                ),
                (
                    ["--ws-auth", "signed-bearer-token", "--ws-shared-secret-file", short],
                    "Error: signed websocket bearer secret \(short) must be at least 32 bytes\n"
                ),
                (
                    ["--ws-auth", "signed-bearer-token", "--ws-shared-secret-file", empty],
                    "Error: websocket auth secret \(empty) must not be empty\n"
                ),
                (
                    ["--ws-auth", "signed-bearer-token", "--ws-shared-secret-file", short, "--ws-token-sha256", "ab"],
                    "Error: `--ws-token-file` and `--ws-token-sha256` require `--ws-auth capability-token`, not "
                        + "`signed-bearer-token`\n"
                ),
                (
                    ["--ws-auth", "capability-token", "--ws-token-file", short, "--ws-issuer", "x"],
                    "Error: `--ws-shared-secret-file`, `--ws-issuer`, `--ws-audience`, and `--ws-max-clock-skew-seconds` "
                        + "require `--ws-auth signed-bearer-token`\n"
                ),
            ]
            for (arguments, stderr) in cases {
                let result = try await ChildProcess.run(
                    home.codexSpec(["app-server", "--listen", "ws://127.0.0.1:0"] + arguments, binary: binary),
                    timeout: .seconds(20))
                #expect(result.exit == .exited(1), "\(arguments)")
                #expect(result.stderr == stderr, "\(arguments)")
            }
        }
    }
}
