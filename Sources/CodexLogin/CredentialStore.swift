public import CodexConfig

/// Where `cli_auth_credentials_store` puts credentials in this build: always auth.json.
///
/// The OS keyring (Secret Service) is not implemented: `keyring` is refused with a clear error rather
/// than silently writing a file the user asked not to have, and `auto` falls back to the file.
public enum CredentialStore {
    /// The one-line notice for `auto`, which uses the file.
    public static let autoFallbackNotice = "The OS keyring is not available in this build; credentials are stored in auth.json."

    /// Throws for `keyring`; returns whether the `auto` fallback applies.
    @discardableResult
    public static func check(_ config: Config) throws(LoginError) -> Bool {
        switch config.cliAuthCredentialsStore {
        case .file: return false
        case .auto: return true
        case .keyring:
            throw .other(
                "cli_auth_credentials_store = \"keyring\" is not supported by this build (no OS keyring access); use \"file\" or \"auto\"")
        }
    }
}
