public import AsyncHTTPClient
import CodexProtocol
import NIOCore
import NIOHTTP1

/// The issuer's token endpoints: authorization-code exchange, refresh, API-key exchange, and the
/// device-code endpoints.
public struct OAuthTokenClient: TokenRefreshing {
    /// The issuer base URL (no trailing `/`).
    public let issuer: String
    /// Where refresh requests go (`CODEX_REFRESH_TOKEN_URL_OVERRIDE`), else `{issuer}/oauth/token`.
    public let refreshURL: String
    /// Where logout revokes the refresh token (`CODEX_REVOKE_TOKEN_URL_OVERRIDE`), else `{issuer}/oauth/revoke`.
    public let revokeURL: String
    let httpClient: HTTPClient

    public init(issuer: String, refreshURL: String? = nil, revokeURL: String? = nil, httpClient: HTTPClient = .shared) {
        self.issuer = issuer
        self.refreshURL = refreshURL.flatMap { $0.isEmpty ? nil : $0 } ?? issuer + "/oauth/token"
        self.revokeURL = revokeURL.flatMap { $0.isEmpty ? nil : $0 } ?? issuer + "/oauth/revoke"
        self.httpClient = httpClient
    }

    /// The issuer as the environment configures it: the reference's `CODEX_REFRESH_TOKEN_URL_OVERRIDE`
    /// and `CODEX_REVOKE_TOKEN_URL_OVERRIDE`, and our issuer override.
    public init(environment: [String: String], httpClient: HTTPClient = .shared) {
        self.init(
            issuer: OAuthSettings.issuer(environment: environment), refreshURL: environment["CODEX_REFRESH_TOKEN_URL_OVERRIDE"],
            revokeURL: environment["CODEX_REVOKE_TOKEN_URL_OVERRIDE"], httpClient: httpClient)
    }

    static let requestTimeout: TimeAmount = .seconds(30)
    /// Logout does not wait longer than this for the issuer.
    static let revokeTimeout: TimeAmount = .seconds(10)

    // MARK: Revoke

    /// `POST {revokeURL}` JSON `{token, token_type_hint: refresh_token, client_id}` (0.163.0's request);
    /// a status other than 2xx is an error.
    public func revoke(refreshToken: String) async throws(LoginError) {
        let body: JSONValue = [
            "token": .string(refreshToken), "token_type_hint": "refresh_token", "client_id": .string(OAuthSettings.clientID),
        ]
        let (status, json, raw) = try await post(
            revokeURL, body: body.serializedBytes(), contentType: "application/json", timeout: Self.revokeTimeout)
        guard (200..<300).contains(status) else {
            throw .issuer("token revocation failed with status \(status): \(Self.errorDetail(json: json, raw: raw))")
        }
    }
    static let maximumBody = 1 << 20

    // MARK: Refresh

    /// `POST {refreshURL}` JSON `{client_id, grant_type: refresh_token, refresh_token, scope}`.
    public func refresh(refreshToken: String) async throws(LoginError) -> RefreshedTokens {
        let body: JSONValue = [
            "client_id": .string(OAuthSettings.clientID), "grant_type": "refresh_token",
            "refresh_token": .string(refreshToken), "scope": .string(OAuthSettings.refreshScope),
        ]
        let (status, json, raw) = try await post(refreshURL, body: body.serializedBytes(), contentType: "application/json")
        guard (200..<300).contains(status) else {
            throw Self.refreshError(status: status, json: json, raw: raw)
        }
        return RefreshedTokens(
            idToken: json?["id_token"]?.stringValue, accessToken: json?["access_token"]?.stringValue,
            refreshToken: json?["refresh_token"]?.stringValue)
    }

    /// The reference's refresh failures: 401 with a known code is permanent; anything else is not.
    static func refreshError(status: Int, json: JSONValue?, raw: String) -> LoginError {
        let code = json?["error"]?["code"]?.stringValue ?? json?["error"]?.stringValue ?? json?["code"]?.stringValue
        guard status == 401 else {
            return .refreshFailed(message: "Failed to refresh token: \(status): \(raw)", permanent: false)
        }
        let message: String
        switch code {
        case "refresh_token_expired":
            message = "Your access token could not be refreshed because your refresh token has expired. Please log out and sign in again."
        case "refresh_token_reused":
            message = "Your access token could not be refreshed because your refresh token was already used. Please log out and sign in again."
        case "refresh_token_invalidated":
            message = "Your access token could not be refreshed because your refresh token was revoked. Please log out and sign in again."
        default:
            message = "Your access token could not be refreshed. Please log out and sign in again."
        }
        return .refreshFailed(message: message, permanent: true)
    }

    // MARK: Authorization code

    /// `POST {issuer}/oauth/token` form `grant_type=authorization_code&code&redirect_uri&client_id&code_verifier`.
    public func exchangeCode(_ code: String, redirectURI: String, codeVerifier: String) async throws(LoginError) -> TokenData {
        let form = FormEncoding.encode([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("client_id", OAuthSettings.clientID), ("code_verifier", codeVerifier),
        ])
        let (status, json, raw) = try await post(
            issuer + "/oauth/token", body: Array(form.utf8), contentType: "application/x-www-form-urlencoded")
        guard (200..<300).contains(status) else {
            throw .issuer("token endpoint returned status \(status): \(Self.errorDetail(json: json, raw: raw))")
        }
        guard let idToken = json?["id_token"]?.stringValue, let accessToken = json?["access_token"]?.stringValue,
            let refreshToken = json?["refresh_token"]?.stringValue
        else {
            throw .issuer("token endpoint returned an incomplete response: \(raw)")
        }
        do {
            return try TokenData(idToken: idToken, accessToken: accessToken, refreshToken: refreshToken)
        } catch {
            throw .issuer("the id_token cannot be read: \(error)")
        }
    }

    /// Best effort: trades the id_token for an API key (`requested_token=openai-api-key`); nil on any failure.
    public func exchangeForAPIKey(idToken: String) async -> String? {
        let form = FormEncoding.encode([
            ("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"), ("client_id", OAuthSettings.clientID),
            ("requested_token", "openai-api-key"), ("subject_token", idToken),
            ("subject_token_type", "urn:ietf:params:oauth:token-type:id_token"),
        ])
        do {
            let (status, json, _) = try await post(
                issuer + "/oauth/token", body: Array(form.utf8), contentType: "application/x-www-form-urlencoded")
            guard (200..<300).contains(status) else { return nil }
            return json?["access_token"]?.stringValue
        } catch {
            return nil
        }
    }

    /// The reference's error detail: `error_description`, `error.message`, the `error` code, or the body.
    static func errorDetail(json: JSONValue?, raw: String) -> String {
        if let text = json?["error_description"]?.stringValue { return text }
        if let text = json?["error"]?["message"]?.stringValue { return text }
        if let text = json?["error"]?.stringValue { return text }
        return raw
    }

    // MARK: HTTP

    /// POSTs `body`; returns the status, the body parsed as JSON when it is JSON, and the raw text.
    func post(
        _ url: String, body: [UInt8], contentType: String, timeout: TimeAmount = requestTimeout
    ) async throws(LoginError) -> (Int, JSONValue?, String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: contentType)
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: Self.maximumBody)
            let bytes = Array(buffer: buffer)
            let json = try? JSONParser.parse(bytes: bytes)
            return (Int(response.status.code), json, String(decoding: bytes, as: UTF8.self))
        } catch {
            throw .issuer("request to \(url) failed: \(error)")
        }
    }
}

/// `application/x-www-form-urlencoded` and URL query encoding.
public enum FormEncoding {
    /// `k=v&k=v` in `application/x-www-form-urlencoded` (the `url` crate's serializer, as the reference).
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    /// Form encoding of one part: `A-Z a-z 0-9 * - . _` kept, space as `+`, every other byte as `%XX`.
    public static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                output += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return output
    }

    /// Decodes a query or form string into pairs (`+` as space, `%XX` decoded).
    public static func decode(_ query: Substring) -> [(String, String)] {
        query.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (percentDecode(pieces[0]), pieces.count > 1 ? percentDecode(pieces[1]) : "")
        }
    }

    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
