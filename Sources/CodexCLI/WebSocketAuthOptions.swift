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
        var exitCode: Int32 = 1
    }

    /// The authenticator the options describe; nil without `--ws-auth`.
    func authenticator() throws(Failure) -> WebSocketAuthenticator? {
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
                guard let digest = Self.digest(hex: hex) else {
                    throw Failure(description: "--ws-token-sha256 must be a 64-character hex SHA-256 digest")
                }
                return WebSocketAuthenticator(capabilityTokenSHA256: digest)
            }
        case .signedBearerToken:
            guard sharedSecretFile != nil else {
                throw Failure(
                    description: "`--ws-shared-secret-file` is required when `--ws-auth signed-bearer-token` is set")
            }
            throw Failure(
                description: "`--ws-auth signed-bearer-token` is not supported by this build yet; "
                    + "use `--ws-auth capability-token`", exitCode: 2)
        }
    }

    /// The file's contents without surrounding whitespace, as the reference reads auth secrets.
    static func readSecret(_ path: String) throws(Failure) -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileDescriptorIO.readFile(atPath: path, limit: 1 << 20)
        } catch {
            throw Failure(
                description: "failed to read websocket auth secret \(path): \(error.reason) (os error \(error.errno))")
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
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
