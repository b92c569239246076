import CodexConfig
public import FoundationEssentials

/// The one owner of the process's login state, shared by every thread and front end.
///
/// It loads the store once and caches the result; every read first checks whether the store changed
/// (another process logged in, out, or refreshed): auth.json by its `stat`, the keyring by reading
/// it again when the last read is more than `keyringRecheckInterval` old. Subscribers of
/// `changes()` hear every change of the account, whichever front end or process caused it (a
/// change made by another process is noticed on the next read, or on `reload()`).
///
/// `forced_login_method` and `forced_chatgpt_workspace_id` are applied on every read: a stored
/// credential of the other mode, or ChatGPT tokens of another workspace, reads as logged out
/// (`enforceLoginRestrictions()` also deletes it, as the reference's start-up check does).
public actor AuthManager {
    public let storage: any AuthStorage
    public let restrictions: LoginRestrictions
    /// Refreshes ChatGPT tokens; nil when this process never refreshes (tests, API-key only).
    let refresher: (any TokenRefreshing)?
    let clock: @Sendable () -> Date

    private var cached: AuthDotJson?
    private var cachedVersion: AuthStoredVersion?
    /// When the store was last read (for stores whose version is unknown without a read).
    private var loadedAt: ContinuousClock.Instant?
    /// The last load failure (the file is unreadable or malformed); reads then report logged out.
    public private(set) var loadError: AuthFileError?
    private let subscribers = AuthSubscribers()
    private var lastAnnounced: AuthChange?

    /// ChatGPT tokens refreshed more than this long ago are refreshed before use (the reference's 8 days).
    public static let refreshInterval: TimeInterval = 8 * 24 * 60 * 60
    /// An access token expiring within this margin is refreshed before use.
    public static let expiryMargin: TimeInterval = 5 * 60
    /// How old a keyring read may be before the next read goes to the keyring again.
    public static let keyringRecheckInterval: Duration = .seconds(2)

    /// A manager of auth.json in `codexHome`.
    public init(
        codexHome: String, restrictions: LoginRestrictions = LoginRestrictions(),
        refresher: (any TokenRefreshing)? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(
            storage: AuthFileStorage(codexHome: codexHome), restrictions: restrictions, refresher: refresher, clock: clock)
    }

    /// A manager of any store (the keyring, `auto`).
    public init(
        storage: any AuthStorage, restrictions: LoginRestrictions = LoginRestrictions(),
        refresher: (any TokenRefreshing)? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.storage = storage
        self.restrictions = restrictions
        self.refresher = refresher
        self.clock = clock
    }

    // MARK: Reading

    /// The stored credential allowed by the restrictions, reloading first when auth.json changed.
    public func current() async -> CodexAuth? {
        await reloadIfChanged()
        return allowed(cached)
    }

    /// The stored file as last loaded (no restrictions applied), reloading when it changed.
    public func storedFile() async -> AuthDotJson? {
        await reloadIfChanged()
        return cached
    }

    /// The credential to send now: like `current()`, but ChatGPT tokens that are old or about to
    /// expire are refreshed first. A failed proactive refresh keeps the stale tokens (the request's
    /// 401 then gets its own attempt).
    public func auth() async -> CodexAuth? {
        guard let auth = await current() else { return nil }
        guard case .chatgpt(let credentials) = auth, refresher != nil, needsRefresh(credentials) else { return auth }
        do {
            return try await refresh(replacing: credentials.tokens.refreshToken)
        } catch {
            return auth
        }
    }

    /// Reads the store now, surfacing a malformed or unreadable file as an error; returns whether the
    /// account changed.
    @discardableResult
    public func reload() async throws(AuthFileError) -> Bool {
        let before = allowed(cached)
        cachedVersion = storage.storedVersion()
        loadedAt = .now
        do {
            cached = try await storage.load()
            loadError = nil
        } catch {
            cached = nil
            loadError = error
            announceIfChanged()
            throw error
        }
        announceIfChanged()
        return before != allowed(cached)
    }

    private func reloadIfChanged() async {
        if let loadedAt {
            switch storage.storedVersion() {
            case .file(let fingerprint):
                if cachedVersion == .file(fingerprint) { return }
            case .unknown:
                if loadedAt.duration(to: .now) < Self.keyringRecheckInterval { return }
            }
        }
        do {
            try await reload()
        } catch {
            // Recorded in `loadError`; a broken file reads as logged out, as in the reference.
        }
    }

    /// Applies forced method and workspace.
    private func allowed(_ file: AuthDotJson?) -> CodexAuth? {
        guard let file, let auth = CodexAuth(file) else { return nil }
        return restrictions.violation(of: auth) == nil ? auth : nil
    }

    // MARK: Writing

    /// Stores an API key (`{"auth_mode": "apikey", "OPENAI_API_KEY": key}`); refused when ChatGPT login is forced.
    public func loginWithAPIKey(_ key: String) async throws(LoginError) {
        if restrictions.forcedMethod == .chatgpt { throw .apiKeyLoginDisabled }
        try await save(AuthDotJson(authMode: .apiKey, openAIAPIKey: key))
    }

    /// Stores ChatGPT tokens (after a browser or device-code login), checking the forced workspace.
    public func loginWithChatGPT(tokens: TokenData, apiKey: String? = nil) async throws(LoginError) {
        if restrictions.forcedMethod == .api { throw .chatgptLoginDisabled }
        if let violation = restrictions.workspaceViolation(accountID: tokens.claims.chatgptAccountID) { throw violation }
        try await save(
            AuthDotJson(authMode: .chatgpt, openAIAPIKey: apiKey, tokens: tokens, lastRefresh: AuthTimestamp.format(clock())))
    }

    /// Deletes the stored credentials; false when there were none. ChatGPT tokens are first revoked at
    /// the issuer, best effort as the reference does: an issuer that fails or cannot be reached does
    /// not stop the logout.
    @discardableResult
    public func logout() async throws(LoginError) -> Bool {
        await reloadIfChanged()
        if let refresher, let refreshToken = cached?.tokens?.refreshToken, !refreshToken.isEmpty {
            do {
                try await refresher.revoke(refreshToken: refreshToken)
            } catch {
                // Deliberately ignored (0.163.0 logs out silently too): the local credentials go anyway.
            }
        }
        let removed: Bool
        do {
            removed = try await storage.delete()
        } catch {
            throw .storage(error)
        }
        cached = nil
        loadError = nil
        cachedVersion = storage.storedVersion()
        loadedAt = .now
        announceIfChanged()
        return removed
    }

    /// Deletes a stored credential the restrictions forbid; returns the reason, nil when it was allowed.
    @discardableResult
    public func enforceLoginRestrictions() async throws(LoginError) -> LoginError? {
        await reloadIfChanged()
        guard let file = cached, let auth = CodexAuth(file), let violation = restrictions.violation(of: auth) else {
            return nil
        }
        try await logout()
        return violation
    }

    private func save(_ file: AuthDotJson) async throws(LoginError) {
        do {
            try await storage.save(file)
        } catch {
            throw .storage(error)
        }
        cached = file
        loadError = nil
        cachedVersion = storage.storedVersion()
        loadedAt = .now
        announceIfChanged()
    }

    // MARK: Subscribers

    /// Every later change of the account (mode or plan), starting with none.
    public func changes() async -> AsyncStream<AuthChange> {
        await reloadIfChanged()
        if lastAnnounced == nil { lastAnnounced = AuthChange(allowed(cached)) }
        return subscribers.subscribe()
    }

    private func announceIfChanged() {
        let now = AuthChange(allowed(cached))
        defer { lastAnnounced = now }
        if let lastAnnounced, lastAnnounced != now { subscribers.broadcast(now) }
    }

    // MARK: Refresh

    func needsRefresh(_ credentials: ChatGPTCredentials) -> Bool {
        let now = clock()
        if let expiry = (try? IDTokenClaims.parse(jwt: credentials.tokens.accessToken))?.expiresAt,
            Date(timeIntervalSince1970: TimeInterval(expiry)) <= now.addingTimeInterval(Self.expiryMargin)
        {
            return true
        }
        guard let stamp = credentials.lastRefresh, let refreshed = AuthTimestamp.parse(stamp) else { return true }
        return now.timeIntervalSince(refreshed) > Self.refreshInterval
    }

    /// After a 401 in ChatGPT mode: adopts tokens another process stored meanwhile, else refreshes once.
    /// Returns the credential to retry with (nil: nothing to retry with).
    public func recoverFromUnauthorized(usedAccessToken: String) async throws(LoginError) -> CodexAuth? {
        await reloadIfChanged()
        guard let auth = allowed(cached), case .chatgpt(let credentials) = auth else { return nil }
        if credentials.tokens.accessToken != usedAccessToken { return auth }
        return try await refresh(replacing: credentials.tokens.refreshToken)
    }

    /// Refreshes the ChatGPT tokens now (the app-server's `account/read {refreshToken: true}`).
    public func refreshNow() async throws(LoginError) -> CodexAuth? {
        let auth = await current()
        guard case .chatgpt(let credentials)? = auth else { return auth }
        return try await refresh(replacing: credentials.tokens.refreshToken)
    }

    /// One refresh at a time, in this process and across processes: an advisory lock on
    /// `auth.json.lock` is held while the stored tokens are read, refreshed and written, and a refresh
    /// token someone else already replaced is not spent again: the newer stored tokens are adopted.
    private func refresh(replacing refreshToken: String) async throws(LoginError) -> CodexAuth? {
        guard let refresher else { throw .refreshUnavailable }
        let storage = self.storage
        let clock = self.clock
        do {
            try await AuthFileLock.withLock(path: storage.lockPath) { @Sendable () async throws -> Void in
                guard let stored = try await storage.load(), let tokens = stored.tokens, tokens.refreshToken == refreshToken else {
                    return
                }
                let refreshed = try await refresher.refresh(refreshToken: refreshToken)
                var updated = stored
                updated.tokens = try refreshed.merged(into: tokens)
                updated.lastRefresh = AuthTimestamp.format(clock())
                try await storage.save(updated)
            }
        } catch {
            throw LoginError.wrap(error)
        }
        do {
            try await reload()
        } catch {
            throw .storage(error)
        }
        return allowed(cached)
    }
}

/// What subscribers hear: the account's mode and plan after a change (mode nil: logged out).
public struct AuthChange: Sendable, Hashable {
    public var mode: AuthMode?
    public var planType: String?

    public init(mode: AuthMode?, planType: String?) {
        self.mode = mode
        self.planType = planType
    }

    /// The change that leaves the account at `auth`.
    public init(_ auth: CodexAuth?) {
        mode = auth?.mode
        if case .chatgpt(let credentials)? = auth { planType = credentials.tokens.claims.chatgptPlanType } else { planType = nil }
    }
}
