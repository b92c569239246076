public import CodexConfig
import Synchronization

/// The process's AuthManagers, one per CODEX_HOME, credential store and restriction set, so every
/// thread and front end of a process reads, refreshes and announces through the same one.
public enum SharedAuthManagers {
    private struct Key: Hashable {
        var codexHome: String
        var store: AuthCredentialsStoreMode
        var restrictions: LoginRestrictions
    }

    private static let managers = Mutex<[Key: AuthManager]>([:])

    /// The shared manager for `config` (its CODEX_HOME, `cli_auth_credentials_store` and login
    /// restrictions); token refresh goes to the issuer (`CODEX_REFRESH_TOKEN_URL_OVERRIDE` in
    /// `environment` replaces its token URL).
    public static func manager(for config: Config, environment: [String: String]) -> AuthManager {
        manager(
            codexHome: config.codexHome, store: config.cliAuthCredentialsStore, restrictions: LoginRestrictions(config: config),
            environment: environment)
    }

    /// The shared manager for a CODEX_HOME, credential store and restriction set.
    public static func manager(
        codexHome: String, store: AuthCredentialsStoreMode = .file, restrictions: LoginRestrictions,
        environment: [String: String]
    ) -> AuthManager {
        let key = Key(codexHome: codexHome, store: store, restrictions: restrictions)
        return managers.withLock { managers in
            if let existing = managers[key] { return existing }
            let refresher = OAuthTokenClient(environment: environment)
            let created = AuthManager(
                storage: AuthStorageSelection.storage(mode: store, codexHome: codexHome), restrictions: restrictions,
                refresher: refresher)
            managers[key] = created
            return created
        }
    }
}
