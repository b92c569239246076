import CodexProtocol

/// `$CODEX_HOME/auth.json` as the reference writes it: `auth_mode`, `OPENAI_API_KEY`, `tokens`,
/// `last_refresh`.
///
/// Readers tolerate a missing `auth_mode` (older writers); `tokens` and `last_refresh` are left out
/// when absent. The text is pretty-printed with a two-space indent and no trailing newline, in the
/// reference's key order.
public struct AuthDotJson: Sendable, Hashable {
    /// `auth_mode`; nil in files from older writers.
    public var authMode: AuthMode?
    /// `OPENAI_API_KEY`: the API key (API-key login, or the key exchanged after a ChatGPT login).
    public var openAIAPIKey: String?
    /// `tokens`: the ChatGPT OAuth tokens.
    public var tokens: TokenData?
    /// `last_refresh`: RFC 3339 UTC, kept as written.
    public var lastRefresh: String?

    public init(authMode: AuthMode?, openAIAPIKey: String?, tokens: TokenData? = nil, lastRefresh: String? = nil) {
        self.authMode = authMode
        self.openAIAPIKey = openAIAPIKey
        self.tokens = tokens
        self.lastRefresh = lastRefresh
    }

    /// The mode the file stands for: `auth_mode` when present; else (the classic rule) a non-null
    /// `OPENAI_API_KEY` means an API key, and anything else ChatGPT.
    public var resolvedMode: AuthMode {
        if let authMode { return authMode }
        return openAIAPIKey != nil ? .apiKey : .chatgpt
    }

    /// Parses the file's text; errors use serde's words where the reference's do.
    public static func parse(_ bytes: [UInt8]) throws(AuthFileError) -> AuthDotJson {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            throw .malformed(error.description)
        }
        guard case .object(let object) = value else {
            throw .malformed("invalid type: \(value.typeName), expected struct AuthDotJson")
        }
        var auth = AuthDotJson(authMode: nil, openAIAPIKey: nil)
        if let mode = object["auth_mode"], !mode.isNull {
            guard let text = mode.stringValue, let parsed = AuthMode(rawValue: text) else {
                throw .malformed("auth_mode: unknown variant `\(mode.stringValue ?? mode.typeName)`, expected `apikey` or `chatgpt`")
            }
            auth.authMode = parsed
        }
        auth.openAIAPIKey = try optionalString(object, "OPENAI_API_KEY", path: "OPENAI_API_KEY")
        auth.lastRefresh = try optionalString(object, "last_refresh", path: "last_refresh")
        if let tokens = object["tokens"], !tokens.isNull {
            guard case .object(let fields) = tokens else {
                throw .malformed("tokens: invalid type: \(tokens.typeName), expected struct TokenData")
            }
            func required(_ key: String) throws(AuthFileError) -> String {
                guard let text = try optionalString(fields, key, path: "tokens.\(key)") else {
                    throw .malformed("tokens: missing field `\(key)`")
                }
                return text
            }
            let idToken = try required("id_token")
            let claims: IDTokenClaims
            do {
                claims = try IDTokenClaims.parse(jwt: idToken)
            } catch {
                throw .malformed("tokens.id_token: \(error)")
            }
            auth.tokens = TokenData(
                idToken: idToken, claims: claims, accessToken: try required("access_token"),
                refreshToken: try required("refresh_token"),
                accountID: try optionalString(fields, "account_id", path: "tokens.account_id"))
        }
        return auth
    }

    private static func optionalString(_ object: JSONObject, _ key: String, path: String) throws(AuthFileError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw .malformed("\(path): invalid type: \(value.typeName), expected a string")
        }
        return text
    }

    /// The file's text in the reference's layout.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        func key(_ name: String, indent: Int) {
            output.append(contentsOf: Array(repeating: UInt8(ascii: " "), count: indent))
            JSONValue.appendSerialized(string: name, to: &output)
            output.append(contentsOf: Array(": ".utf8))
        }
        func string(_ value: String?) {
            if let value { JSONValue.appendSerialized(string: value, to: &output) } else { output.append(contentsOf: Array("null".utf8)) }
        }
        var members: [() -> Void] = []
        if let authMode { members.append { key("auth_mode", indent: 2); string(authMode.rawValue) } }
        members.append { key("OPENAI_API_KEY", indent: 2); string(openAIAPIKey) }
        if let tokens {
            members.append {
                key("tokens", indent: 2)
                output.append(contentsOf: Array("{\n".utf8))
                let fields: [(String, String?)] = [
                    ("id_token", tokens.idToken), ("access_token", tokens.accessToken),
                    ("refresh_token", tokens.refreshToken), ("account_id", tokens.accountID),
                ]
                for (position, field) in fields.enumerated() {
                    key(field.0, indent: 4)
                    string(field.1)
                    output.append(contentsOf: Array((position == fields.count - 1 ? "\n" : ",\n").utf8))
                }
                output.append(contentsOf: Array("  }".utf8))
            }
        }
        if let lastRefresh { members.append { key("last_refresh", indent: 2); string(lastRefresh) } }
        output.append(contentsOf: Array("{\n".utf8))
        for (position, member) in members.enumerated() {
            member()
            output.append(contentsOf: Array((position == members.count - 1 ? "\n" : ",\n").utf8))
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}

/// `auth_mode` of auth.json: how the stored credential authenticates.
public enum AuthMode: String, Sendable, Hashable {
    case apiKey = "apikey"
    case chatgpt
}

/// The ChatGPT OAuth tokens of auth.json, with the id_token's claims read on load.
public struct TokenData: Sendable, Hashable {
    /// The raw id_token JWT, written back unchanged.
    public var idToken: String
    /// The id_token's claims (read, not verified).
    public var claims: IDTokenClaims
    public var accessToken: String
    public var refreshToken: String
    /// The ChatGPT workspace/account id.
    public var accountID: String?

    public init(idToken: String, claims: IDTokenClaims, accessToken: String, refreshToken: String, accountID: String?) {
        self.idToken = idToken
        self.claims = claims
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.accountID = accountID
    }

    /// Tokens from an id_token, reading its claims; the account id defaults to the token's.
    public init(idToken: String, accessToken: String, refreshToken: String) throws(JWTClaimsError) {
        let claims = try IDTokenClaims.parse(jwt: idToken)
        self.init(
            idToken: idToken, claims: claims, accessToken: accessToken, refreshToken: refreshToken,
            accountID: claims.chatgptAccountID)
    }
}

/// Why auth.json could not be read or written.
public enum AuthFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a valid auth.json; the message is the parse error.
    case malformed(String)
    /// Reading, writing or deleting failed.
    case io(String)

    public var description: String {
        switch self {
        case .malformed(let message), .io(let message): message
        }
    }
}
