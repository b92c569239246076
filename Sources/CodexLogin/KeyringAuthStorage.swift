import CodexBasics
import CodexProtocol
import Crypto
import FoundationEssentials
import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// auth.json kept in the OS keyring (the Secret Service on Linux) through libsecret's `secret-tool`,
/// in the reference's layout: one item with attributes `service = "Codex Auth"`, `username =
/// "cli|<first 16 hex digits of SHA-256(canonical CODEX_HOME)>"`, `target = "default"`,
/// `application = "rust-keyring"`, whose secret is the compact auth.json JSON (what the reference's
/// `keyring` crate writes and reads). A separate program rather than a linked library: the shipped
/// binary is fully static and cannot load libsecret.
///
/// As the reference's keyring storage: saving removes a leftover auth.json (the credentials now live
/// in the keyring only), and deleting removes both.
public struct KeyringAuthStorage: AuthStorage {
    public static let service = "Codex Auth"
    /// `username` of the item.
    public let account: String
    /// The client program (found on PATH).
    let tool: String
    /// auth.json of the same CODEX_HOME (removed on save and delete).
    let file: AuthFileStorage

    public init(codexHome: String, tool: String = "secret-tool") {
        self.account = "cli|" + Self.homeHash(codexHome)
        self.tool = tool
        self.file = AuthFileStorage(codexHome: codexHome)
    }

    public func storedVersion() -> AuthStoredVersion { .unknown }
    public var lockPath: String { file.lockPath }

    /// First 16 hex digits of SHA-256 of the canonical (symlink-free) CODEX_HOME path.
    static func homeHash(_ codexHome: String) -> String {
        let canonical = AbsolutePath.resolvingSymlinks(codexHome)?.string ?? codexHome
        let digest = SHA256.hash(data: Array(canonical.utf8))
        return String(digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined().prefix(16))
    }

    private var attributes: [String] { ["service", Self.service, "username", account, "target", "default"] }

    /// The stored credentials, nil when there is no item.
    public func load() async throws(AuthFileError) -> AuthDotJson? {
        let result = try await run(["lookup"] + attributes, input: nil)
        if result.status != 0 {
            // `lookup` exits 1 without output when there is no such item.
            if result.stderr.isEmpty { return nil }
            throw .io("the OS keyring is not available: \(result.stderr)")
        }
        guard !result.stdout.isEmpty else { return nil }
        return try AuthDotJson.parse(Array(result.stdout.utf8))
    }

    /// Stores (replaces) the item.
    public func save(_ auth: AuthDotJson) async throws(AuthFileError) {
        let label = "\(account)@\(Self.service):default (keyring v3.6.3)"
        let secret = String(decoding: auth.serializedCompact(), as: UTF8.self)
        let result = try await run(["store", "--label=\(label)", "application", "rust-keyring"] + attributes, input: secret)
        guard result.status == 0 else { throw .io("the OS keyring refused the credentials: \(result.stderr)") }
        try file.delete()
    }

    /// Removes the item and auth.json; false when there was neither.
    @discardableResult
    public func delete() async throws(AuthFileError) -> Bool {
        var removed = false
        if try await load() != nil {
            let result = try await run(["clear"] + attributes, input: nil)
            guard result.status == 0 else { throw .io("the OS keyring could not remove the credentials: \(result.stderr)") }
            removed = true
        }
        return try file.delete() || removed
    }

    private struct ToolResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func run(_ arguments: [String], input: String?) async throws(AuthFileError) -> ToolResult {
        do {
            let result = try await Subprocess.run(
                .name(tool), arguments: Arguments(arguments), input: .string(input ?? ""),
                output: .string(limit: 1 << 20), error: .string(limit: 64 * 1024))
            let status: Int32 = switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
            let stderr = result.standardError.trimmingWhitespace()
            return ToolResult(status: status, stdout: result.standardOutput, stderr: stderr)
        } catch {
            throw .io("the OS keyring is not available: cannot run \(tool) (\(error))")
        }
    }
}

extension AuthDotJson {
    /// The compact JSON the reference stores in the keyring (same members and order as the file).
    public func serializedCompact() -> [UInt8] {
        var object = JSONObject()
        if let authMode { object["auth_mode"] = .string(authMode.rawValue) }
        object["OPENAI_API_KEY"] = openAIAPIKey.map { .string($0) } ?? .null
        if let tokens {
            var inner = JSONObject()
            inner["id_token"] = .string(tokens.idToken)
            inner["access_token"] = .string(tokens.accessToken)
            inner["refresh_token"] = .string(tokens.refreshToken)
            inner["account_id"] = tokens.accountID.map { .string($0) } ?? .null
            object["tokens"] = .object(inner)
        }
        if let lastRefresh { object["last_refresh"] = .string(lastRefresh) }
        return JSONValue.object(object).serializedBytes()
    }
}
