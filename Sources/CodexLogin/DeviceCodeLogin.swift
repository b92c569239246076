import CodexBasics
import CodexProtocol
import FoundationEssentials

/// The device-code login: a user code to enter at `{issuer}/codex/device`, then polling until the
/// user approved (or 15 minutes passed), then the code exchange and storing the tokens.
public struct DeviceCodeLogin: Sendable {
    public let issuer: String
    public let deviceAuthID: String
    public let userCode: String
    /// Seconds between polls.
    public let interval: Duration
    let tokenClient: OAuthTokenClient

    /// Where the user enters the code.
    public var verificationURL: String { issuer + "/codex/device" }
    /// How long the code stays valid.
    public static let expiry: Duration = .seconds(15 * 60)

    /// `POST {issuer}/api/accounts/deviceauth/usercode` `{"client_id"}`.
    public static func start(tokenClient: OAuthTokenClient) async throws(LoginError) -> DeviceCodeLogin {
        let issuer = tokenClient.issuer
        let body: JSONValue = ["client_id": .string(OAuthSettings.clientID)]
        let (status, json, raw) = try await tokenClient.post(
            issuer + "/api/accounts/deviceauth/usercode", body: body.serializedBytes(), contentType: "application/json")
        if status == 404 {
            throw .issuer("device code login is not enabled for this Codex server. Use the browser login or verify the server URL.")
        }
        guard (200..<300).contains(status) else {
            throw .issuer("device code request failed with status \(status): \(OAuthTokenClient.errorDetail(json: json, raw: raw))")
        }
        guard let deviceAuthID = json?["device_auth_id"]?.stringValue,
            let userCode = json?["user_code"]?.stringValue ?? json?["usercode"]?.stringValue
        else {
            throw .issuer("device code response is missing device_auth_id or user_code: \(raw)")
        }
        let seconds = json?["interval"]?.stringValue.flatMap { Int($0.trimmingWhitespace()) } ?? json?["interval"]?.intValue.map(Int.init) ?? 5
        return DeviceCodeLogin(
            issuer: issuer, deviceAuthID: deviceAuthID, userCode: userCode, interval: .seconds(max(seconds, 0)),
            tokenClient: tokenClient)
    }

    /// Polls until approved (403/404 mean pending), exchanges the code and stores the tokens.
    /// `expiry` bounds the wait; cancelling the task ends it with `.cancelled`.
    public func complete(manager: AuthManager, forcedWorkspaceIDs: [String], expiry: Duration = DeviceCodeLogin.expiry) async throws(LoginError) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: expiry)
        let body: JSONValue = ["device_auth_id": .string(deviceAuthID), "user_code": .string(userCode)]
        while true {
            let (status, json, raw) = try await tokenClient.post(
                issuer + "/api/accounts/deviceauth/token", body: body.serializedBytes(), contentType: "application/json")
            if (200..<300).contains(status) {
                guard let code = json?["authorization_code"]?.stringValue, let verifier = json?["code_verifier"]?.stringValue else {
                    throw .issuer("device token response is missing authorization_code or code_verifier: \(raw)")
                }
                let tokens = try await tokenClient.exchangeCode(
                    code, redirectURI: issuer + "/deviceauth/callback", codeVerifier: verifier)
                if !forcedWorkspaceIDs.isEmpty, tokens.claims.chatgptAccountID.map({ forcedWorkspaceIDs.contains($0) }) != true {
                    throw .other("Login is restricted to workspace id \(forcedWorkspaceIDs.joined(separator: ", ")).")
                }
                try await manager.loginWithChatGPT(tokens: tokens)
                return
            }
            guard status == 403 || status == 404 else {
                throw .issuer("device auth failed with status \(status): \(OAuthTokenClient.errorDetail(json: json, raw: raw))")
            }
            guard clock.now.advanced(by: interval) < deadline else { throw .issuer("device auth timed out after 15 minutes") }
            do {
                try await clock.sleep(for: interval)
            } catch {
                throw .cancelled
            }
        }
    }
}
