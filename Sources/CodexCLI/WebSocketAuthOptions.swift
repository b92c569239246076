public import ArgumentParser
import CodexAppServer
import CodexBasics

/// `--ws-auth MODE`: how a WebSocket listener authenticates its clients.
public enum WebSocketAuthMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    case capabilityToken = "capability-token"
    case signedBearerToken = "signed-bearer-token"
}

/// The `--ws-*` options of `codex app-server`, checked as the reference checks them.
public struct WebSocketAuthOptions: ParsableArguments {
    @Option(name: .customLong("ws-auth"), help: "Authentication mode for incoming WebSocket connections.")
    public var mode: WebSocketAuthMode?

    @Option(name: .customLong("ws-token-file"), help: "Absolute path to the capability-token file.")
    public var tokenFile: String?

    @Option(name: .customLong("ws-token-sha256"), help: "Hex-encoded SHA-256 digest of the capability token.")
    public var tokenSHA256: String?

    @Option(
        name: .customLong("ws-shared-secret-file"),
        help: "Absolute path to the shared secret file for signed JWT bearer tokens.")
    public var sharedSecretFile: String?

    @Option(name: .customLong("ws-issuer"), help: "Expected issuer for signed JWT bearer tokens.")
    public var issuer: String?

    @Option(name: .customLong("ws-audience"), help: "Expected audience for signed JWT bearer tokens.")
    public var audience: String?

    @Option(
        name: .customLong("ws-max-clock-skew-seconds"),
        help: "Maximum clock skew when validating signed JWT bearer tokens.")
    public var maxClockSkewSeconds: Int?

    public init() {}

    /// A reason the options cannot be used, printed as `Error: ...`.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The reference's leeway for `exp` and `nbf` when `--ws-max-clock-skew-seconds` is not given.
    static let defaultMaxClockSkewSeconds = 30
    /// The shortest accepted shared secret, in bytes.
    static let minimumSharedSecretBytes = 32

    /// The authenticator the options describe; nil without `--ws-auth`. Checked as the reference checks them.
    func authenticator() async throws(Failure) -> WebSocketAuthenticator? {
        guard let mode else {
            let anyFlag = tokenFile != nil || tokenSHA256 != nil || sharedSecretFile != nil || issuer != nil
                || audience != nil || maxClockSkewSeconds != nil
            if anyFlag {
                throw Failure(
                    description: "websocket auth flags require `--ws-auth capability-token` or "
                        + "`--ws-auth signed-bearer-token`")
            }
            return nil
        }
        switch mode {
        case .capabilityToken:
            if sharedSecretFile != nil || issuer != nil || audience != nil || maxClockSkewSeconds != nil {
                throw Failure(
                    description: "`--ws-shared-secret-file`, `--ws-issuer`, `--ws-audience`, and "
                        + "`--ws-max-clock-skew-seconds` require `--ws-auth signed-bearer-token`")
            }
            switch (tokenFile, tokenSHA256) {
            case (nil, nil):
                throw Failure(
                    description: "`--ws-token-file` or `--ws-token-sha256` is required when "
                        + "`--ws-auth capability-token` is set")
            case (.some, .some):
                throw Failure(description: "`--ws-token-file` and `--ws-token-sha256` are mutually exclusive")
            case (.some(let path), nil):
                return WebSocketAuthenticator(capabilityToken: try Self.readSecret(path))
            case (nil, .some(let hex)):
                guard let digest = Self.digest(hex: Self.trimmed(hex)) else {
                    throw Failure(description: "--ws-token-sha256 must be a 64-character hex SHA-256 digest")
                }
                return WebSocketAuthenticator(capabilityTokenSHA256: digest)
            }
        case .signedBearerToken:
            if tokenFile != nil || tokenSHA256 != nil {
                throw Failure(
                    description: "`--ws-token-file` and `--ws-token-sha256` require `--ws-auth capability-token`, "
                        + "not `signed-bearer-token`")
            }
            guard let sharedSecretFile else {
                throw Failure(
                    description: "`--ws-shared-secret-file` is required when `--ws-auth signed-bearer-token` is set")
            }
            if let skew = maxClockSkewSeconds, skew < 0 {
                throw Failure(description: "--ws-max-clock-skew-seconds must not be negative")
            }
            let secret = Array(try Self.readSecret(sharedSecretFile).utf8)
            guard secret.count >= Self.minimumSharedSecretBytes else {
                throw Failure(
                    description: "signed websocket bearer secret \(sharedSecretFile) must be at least "
                        + "\(Self.minimumSharedSecretBytes) bytes")
            }
            return await WebSocketAuthenticator.signedBearerToken(
                secret: secret, issuer: issuer.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 },
                audience: audience.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 },
                maxClockSkewSeconds: Int64(maxClockSkewSeconds ?? Self.defaultMaxClockSkewSeconds))
        }
    }

    /// The file's contents without surrounding whitespace, as the reference reads auth secrets (never empty).
    static func readSecret(_ path: String) throws(Failure) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileDescriptorIO.readFile(atPath: path, limit: 1 << 20)
        } catch {
            throw Failure(
                description: "failed to read websocket auth secret \(path): \(error.reason) (os error \(error.errno))")
        }
        let secret = trimmed(String(decoding: bytes, as: UTF8.self))
        guard !secret.isEmpty else { throw Failure(description: "websocket auth secret \(path) must not be empty") }
        return secret
    }

    /// `text` without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        var view = Substring(text)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }

    /// 64 hexadecimal digits as 32 bytes.
    static func digest(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = hexDigitValue(digits[index]), let low = hexDigitValue(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
