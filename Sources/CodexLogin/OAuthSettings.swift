/// The ChatGPT OAuth constants and where they may be overridden.
public enum OAuthSettings {
    /// The reference's issuer.
    public static let defaultIssuer = "https://auth.openai.com"
    /// The Codex CLI's OAuth client id.
    public static let clientID = "app_EMoamEEZ73f0CkXaXp7hrann"
    /// The loopback callback port, and the one fallback registered as a redirect URI.
    public static let defaultPort: UInt16 = 1455
    public static let fallbackPort: UInt16 = 1457
    /// Scopes of the authorize request.
    public static let scope = "openid profile email offline_access"
    /// Scopes of a refresh request.
    public static let refreshScope = "openid profile email"

    /// Ours, not the reference's: replaces the issuer base URL (tests point it at a fake issuer on 127.0.0.1).
    public static let issuerOverrideVariable = "CODEX_LOGIN_ISSUER_OVERRIDE"
    /// Ours: the callback server's port (0: any free port), instead of 1455/1457.
    public static let portOverrideVariable = "CODEX_LOGIN_PORT_OVERRIDE"
    /// Ours: milliseconds before an app-server ChatGPT login is abandoned, instead of 10 minutes.
    public static let timeoutOverrideVariable = "CODEX_LOGIN_TIMEOUT_MS_OVERRIDE"

    /// The issuer base URL, without a trailing `/`.
    public static func issuer(environment: [String: String]) -> String {
        var issuer = environment[issuerOverrideVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultIssuer
        while issuer.hasSuffix("/") { issuer.removeLast() }
        return issuer
    }
}
