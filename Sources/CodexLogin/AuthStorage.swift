public import CodexConfig
import CodexProtocol
import Synchronization

/// A place the login credentials are kept: auth.json, the OS keyring, or both (`auto`).
public protocol AuthStorage: Sendable {
    /// The stored credentials, nil when there are none.
    func load() async throws(AuthFileError) -> AuthDotJson?
    /// Replaces the stored credentials.
    func save(_ auth: AuthDotJson) async throws(AuthFileError)
    /// Removes the stored credentials from every place this storage covers; false when there were none.
    func delete() async throws(AuthFileError) -> Bool
    /// The version of the stored credentials when it can be told without reading them (auth.json's
    /// `stat`); `.unknown` for stores that must be read to know (the keyring).
    func storedVersion() -> AuthStoredVersion
    /// The lock file that serializes token refreshes across processes.
    var lockPath: String { get }
}

/// What `AuthStorage.storedVersion()` can tell without reading the credentials.
public enum AuthStoredVersion: Sendable, Hashable {
    /// auth.json's identity and version (nil: no file).
    case file(FileFingerprint?)
    /// Unknown without a read: the AuthManager re-reads such a store at most every few seconds.
    case unknown
}

extension AuthFileStorage: AuthStorage {
    public func storedVersion() -> AuthStoredVersion { .file(fingerprint()) }
    public var lockPath: String { path + ".lock" }
}

/// `cli_auth_credentials_store`, as the reference: `file` is auth.json; `keyring` is the OS keyring
/// (saving removes auth.json, logout removes both); `auto` reads the keyring first and the file when
/// the keyring has nothing or cannot be reached, and saves to the keyring, falling back to the file
/// with a one-line notice.
public enum AuthStorageSelection {
    /// The storage for `mode`; `auto`'s fallback notice goes to `notice` (nil: standard error).
    public static func storage(
        mode: AuthCredentialsStoreMode, codexHome: String, notice: (@Sendable (String) -> Void)? = nil
    ) -> any AuthStorage {
        let file = AuthFileStorage(codexHome: codexHome)
        switch mode {
        case .file: return file
        case .keyring: return KeyringAuthStorage(codexHome: codexHome)
        case .auto: return AutoAuthStorage(keyring: KeyringAuthStorage(codexHome: codexHome), file: file, notice: notice ?? { StandardStreams.writeError($0 + "\n") })
        }
    }
}

/// `auto`: the keyring when it can be reached, else auth.json (the reference's fallback rules).
struct AutoAuthStorage: AuthStorage {
    let keyring: KeyringAuthStorage
    let file: AuthFileStorage
    let notice: @Sendable (String) -> Void
    /// The fallback notice is shown once per process and storage, not on every re-read.
    private let noticeShown = NoticeLatch()

    init(keyring: KeyringAuthStorage, file: AuthFileStorage, notice: @escaping @Sendable (String) -> Void) {
        self.keyring = keyring
        self.file = file
        self.notice = notice
    }

    func load() async throws(AuthFileError) -> AuthDotJson? {
        do {
            if let stored = try await keyring.load() { return stored }
        } catch {
            tell("Could not read credentials from the OS keyring; using \(file.path) instead: \(error)")
        }
        return try file.load()
    }

    func save(_ auth: AuthDotJson) async throws(AuthFileError) {
        do {
            try await keyring.save(auth)
        } catch {
            tell("Could not store credentials in the OS keyring; using \(file.path) instead: \(error)")
            try file.save(auth)
        }
    }

    func delete() async throws(AuthFileError) -> Bool {
        let fromKeyring: Bool
        do {
            fromKeyring = try await keyring.delete()
        } catch {
            // Nothing can be in a keyring that cannot be reached; the file is still removed.
            tell("Could not reach the OS keyring to remove credentials: \(error)")
            fromKeyring = false
        }
        let fromFile = try file.delete()
        return fromKeyring || fromFile
    }

    func storedVersion() -> AuthStoredVersion { .unknown }
    var lockPath: String { file.lockPath }

    private func tell(_ message: String) {
        if noticeShown.claim() { notice(message) }
    }
}

/// True the first time only.
final class NoticeLatch: Sendable {
    private let shown = Mutex(false)

    func claim() -> Bool {
        shown.withLock { shown in
            defer { shown = true }
            return !shown
        }
    }
}
