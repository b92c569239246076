import CodexBasics
public import CodexConfig
import CodexProtocol
import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The OAuth tokens stored for one MCP server: one entry of the reference's `.credentials.json` (spec §7.3).
public struct MCPOAuthTokens: Sendable, Equatable {
    public var serverName: String
    public var serverURL: String
    /// The authorization server's issuer (0.163.0 writes it; older entries lack it).
    public var issuer: String?
    public var clientID: String
    public var accessToken: String
    /// Unix time in milliseconds; nil when the token endpoint gave no `expires_in`.
    public var expiresAt: Int64?
    public var refreshToken: String?
    public var scopes: [String]

    public init(
        serverName: String, serverURL: String, issuer: String?, clientID: String, accessToken: String, expiresAt: Int64?,
        refreshToken: String?, scopes: [String]
    ) {
        self.serverName = serverName
        self.serverURL = serverURL
        self.issuer = issuer
        self.clientID = clientID
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.refreshToken = refreshToken
        self.scopes = scopes
    }

    /// 0.163.0 refreshes a token that expires within 30 seconds.
    static let refreshSkewMilliseconds: Int64 = 30_000

    /// Whether the access token expires within 30 s of `now` (unix ms); never without an expiry.
    public func needsRefresh(now: Int64) -> Bool {
        guard let expiresAt else { return false }
        return now + Self.refreshSkewMilliseconds >= expiresAt
    }

    /// The entry as 0.163.0 writes it, in its field order.
    var json: JSONValue {
        var object = JSONObject()
        object["server_name"] = .string(serverName)
        object["server_url"] = .string(serverURL)
        if let issuer { object["issuer"] = .string(issuer) }
        object["client_id"] = .string(clientID)
        object["access_token"] = .string(accessToken)
        object["expires_at"] = expiresAt.map { .int($0) } ?? .null
        object["refresh_token"] = refreshToken.map(JSONValue.string) ?? .null
        object["scopes"] = .array(scopes.map(JSONValue.string))
        return .object(object)
    }

    /// An entry read back; nil when a required field is missing.
    init?(json: JSONValue) {
        guard let serverName = json["server_name"]?.stringValue, let serverURL = json["server_url"]?.stringValue,
            let clientID = json["client_id"]?.stringValue, let accessToken = json["access_token"]?.stringValue
        else { return nil }
        self.init(
            serverName: serverName, serverURL: serverURL, issuer: json["issuer"]?.stringValue, clientID: clientID,
            accessToken: accessToken, expiresAt: json["expires_at"]?.intValue, refreshToken: json["refresh_token"]?.stringValue,
            scopes: json["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    /// The current time in unix milliseconds.
    static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}

/// Why stored MCP OAuth credentials could not be read, written or removed.
public struct MCPOAuthStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Where MCP OAuth tokens are kept (`mcp_oauth_credentials_store`). The file store is the reference's
/// `$CODEX_HOME/.credentials.json`: one compact JSON object (keys sorted) mapping `"<server>|<k>"` to a
/// ``MCPOAuthTokens`` entry, `k` being the first 16 hex digits of SHA-256 of `{"type":"http","url":"<url>","headers":{}}`;
/// written atomically with mode 0600, removed when its last entry goes. `keyring` and `auto` are not built: the
/// keyring is never used and every mode reads and writes the file (what 0.163.0's `auto` does on a machine
/// without a keyring).
public struct MCPOAuthCredentialStore: Sendable {
    /// The CODEX_HOME folder.
    public let codexHome: String
    public let mode: AuthCredentialsStoreMode

    public init(codexHome: String, mode: AuthCredentialsStoreMode) {
        self.codexHome = codexHome
        self.mode = mode
    }

    /// The store `config` names (`mcp_oauth_credentials_store` under its CODEX_HOME).
    public init(config: Config) {
        self.init(codexHome: config.codexHome, mode: config.mcpOAuthCredentialsStore)
    }

    /// `$CODEX_HOME/.credentials.json`.
    public var path: String { codexHome.hasSuffix("/") ? codexHome + ".credentials.json" : codexHome + "/.credentials.json" }

    /// `"<server>|<first 16 hex digits of SHA-256 of {"type":"http","url":...,"headers":{}}>"`.
    public static func key(server: String, url: String) -> String {
        let payload: JSONValue = ["type": "http", "url": .string(url), "headers": .object(JSONObject())]
        let digest = SHA256.hash(data: payload.serializedBytes())
        let hex = digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return server + "|" + String(hex.prefix(16))
    }

    /// The tokens stored for `server` at `url`, nil when there are none.
    public func load(server: String, url: String) throws(MCPOAuthStoreError) -> MCPOAuthTokens? {
        let key = Self.key(server: server, url: url)
        for (_, entry) in try readFile() {
            guard let tokens = MCPOAuthTokens(json: entry) else { continue }
            if Self.key(server: tokens.serverName, url: tokens.serverURL) == key { return tokens }
        }
        return nil
    }

    /// Stores (replaces) the tokens of `tokens.serverName` at `tokens.serverURL`.
    public func save(_ tokens: MCPOAuthTokens) throws(MCPOAuthStoreError) {
        var entries = try readFile()
        entries[Self.key(server: tokens.serverName, url: tokens.serverURL)] = tokens.json
        try writeFile(entries)
    }

    /// Removes the tokens of `server` at `url`; false when none were stored.
    @discardableResult
    public func delete(server: String, url: String) throws(MCPOAuthStoreError) -> Bool {
        var entries = try readFile()
        guard entries.removeValue(forKey: Self.key(server: server, url: url)) != nil else { return false }
        try writeFile(entries)
        return true
    }

    private func readFile() throws(MCPOAuthStoreError) -> [String: JSONValue] {
        let bytes: [UInt8]
        do {
            bytes = try FileDescriptorIO.readFile(atPath: path)
        } catch {
            if error.errno == ENOENT { return [:] }
            throw MCPOAuthStoreError(description: "failed to read credentials file at \(path): \(error.reason)")
        }
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(bytes: bytes)
        } catch {
            throw MCPOAuthStoreError(description: "failed to parse credentials file at \(path): \(error)")
        }
        guard let object = parsed.objectValue else {
            throw MCPOAuthStoreError(description: "failed to parse credentials file at \(path): not a JSON object")
        }
        var entries: [String: JSONValue] = [:]
        for (key, value) in object { entries[key] = value }
        return entries
    }

    private func writeFile(_ entries: [String: JSONValue]) throws(MCPOAuthStoreError) {
        if entries.isEmpty {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw MCPOAuthStoreError(description: "failed to remove \(path): \(String(cString: strerror(errno)))")
            }
            return
        }
        let object = JSONObject(entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        do {
            try AtomicFileWriter.write(JSONValue.object(object).serializedBytes(), to: path, newFileMode: 0o600)
        } catch {
            throw MCPOAuthStoreError(description: "failed to write \(path): \(error)")
        }
        // An existing file keeps its mode through the atomic write; credentials are never group/world readable.
        guard chmod(path, 0o600) == 0 else {
            throw MCPOAuthStoreError(description: "failed to set permissions of \(path): \(String(cString: strerror(errno)))")
        }
    }
}
