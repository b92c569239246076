public import CodexConfig

/// Where `cli_auth_credentials_store` puts credentials.
///
/// `file`: auth.json. `keyring`: the OS keyring through `KeyringAuthStorage`, for `codex login
/// --with-api-key`, `login status` and `logout` only so far; the ChatGPT logins, the app-server and the
/// model client do not read the keyring yet, so they refuse `keyring` rather than silently use a file
/// the user asked not to have. `auto` uses auth.json (with a one-line notice when credentials are
/// written), so that every front end sees the same credentials.
public enum CredentialStore {
    /// The one-line notice for `auto`, which uses the file.
    public static let autoFallbackNotice = "The OS keyring is not used for cli_auth_credentials_store = \"auto\" in this build; credentials are stored in auth.json."

    /// Why a front end without keyring support refuses `keyring`.
    public static let keyringUnsupported =
        "cli_auth_credentials_store = \"keyring\" is supported only by `codex login --with-api-key`, `codex login status` and `codex logout` in this build; use \"file\" or \"auto\""

    /// Throws for `keyring` (for the front ends that only use auth.json); returns whether the `auto`
    /// fallback applies.
    @discardableResult
    public static func check(_ config: Config) throws(LoginError) -> Bool {
        switch config.cliAuthCredentialsStore {
        case .file: return false
        case .auto: return true
        case .keyring: throw .other(keyringUnsupported)
        }
    }
}
