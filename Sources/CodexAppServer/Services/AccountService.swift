import CodexBasics
import CodexConfig
import CodexCore
import CodexLogin
import CodexProtocol
import FoundationEssentials
import Synchronization

/// `account/*`: the login state as the process's AuthManager holds it, logins and logout, and the
/// rate limits of a ChatGPT account.
///
/// `requiresOpenaiAuth` is the provider's `requires_openai_auth`; when it is false the account is
/// always null (as the reference answers). `account/updated` follows every change of the account:
/// those made here (after the `account/login/completed` or logout response), and, once a client has
/// called any `account/*` method, those made by other processes (the store is checked every second;
/// the keyring at most every `AuthManager.keyringRecheckInterval`).
struct AccountService: Sendable {
    let host: any AppServerServiceHost
    private let logins = ActiveLogins()
    private let state = AccountAnnouncements()

    init(host: any AppServerServiceHost) {
        self.host = host
    }

    /// How long a ChatGPT browser login may take (the reference's 10 minutes; overridable for tests).
    var loginTimeout: Duration {
        host.environment[OAuthSettings.timeoutOverrideVariable].flatMap(Int.init).map { .milliseconds($0) } ?? .seconds(600)
    }

    private func load() throws(JSONRPCErrorObject) -> (Config, AuthManager) {
        let config: Config
        do {
            config = try ConfigLoader.load(host.configLoadOptions(cwd: host.defaultCwd)).config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
        return (config, SharedAuthManagers.manager(for: config, environment: host.environment))
    }

    // MARK: account/read

    func read(_ params: AppServerV2.GetAccountParams, context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.GetAccountResponse
    {
        let (config, manager) = try load()
        startWatching(manager, context: context)
        let requiresOpenAIAuth = config.modelProvider.requiresOpenAIAuth
        guard requiresOpenAIAuth else { return AppServerV2.GetAccountResponse(account: nil, requiresOpenaiAuth: false) }
        var auth = await manager.current()
        if params.refreshToken, case .chatgpt? = auth {
            do {
                auth = try await manager.refreshNow()
            } catch {
                throw .internalError("failed to refresh token: \(error)")
            }
        }
        return AppServerV2.GetAccountResponse(account: Self.account(auth), requiresOpenaiAuth: true)
    }

    static func account(_ auth: CodexAuth?) -> AppServerV2.Account? {
        switch auth {
        case nil: return nil
        case .apiKey: return .apiKey
        case .chatgpt(let credentials):
            return .chatgpt(AppServerV2.ChatgptAccount(email: credentials.email, planType: credentials.tokens.claims.planType))
        }
    }

    // MARK: account/login/start

    func loginStart(_ params: AppServerV2.LoginAccountParams, context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.LoginAccountResponse
    {
        let (config, manager) = try load()
        startWatching(manager, context: context)
        switch params {
        case .apiKey(let apiKey):
            let after = AuthChange(mode: .apiKey, planType: nil)
            reserve(after)
            do {
                try await manager.loginWithAPIKey(apiKey)
            } catch {
                clearReservation()
                throw .invalidRequest(error.description)
            }
            context.startAfterResponse {
                await host.broadcast(
                    AppServerV2.AccountLoginCompletedNotification(loginId: nil, success: true, error: nil), from: context)
                await announce(after, context: context, force: true)
            }
            return .apiKey
        case .chatgpt:
            if config.forcedLoginMethod == .api { throw .invalidRequest(LoginError.chatgptLoginDisabled.description) }
            let options = ChatGPTLoginOptions.fromEnvironment(
                host.environment, originator: context.session.clientInfo.name,
                forcedWorkspaceIDs: config.forcedChatGPTWorkspaceID.map { [$0] } ?? [])
            let login: ChatGPTBrowserLogin
            do {
                login = try await ChatGPTBrowserLogin.start(
                    options: options, manager: manager, tokenClient: tokenClient())
            } catch {
                throw .internalError("failed to start login server: \(error)")
            }
            let loginID = UUID().uuidString.lowercased()
            logins.replace(loginID, cancel: { login.cancel() })
            let timeout = loginTimeout
            context.startAfterResponse {
                let result = await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            try await Task.sleep(for: timeout)
                            login.timeOut()
                        } catch {
                            // The login ended first.
                        }
                    }
                    let result = await login.result()
                    group.cancelAll()
                    return result
                }
                await finishLogin(loginID, result: result, manager: manager, context: context)
            }
            return .chatgpt(loginId: loginID, authUrl: login.authURL)
        case .chatgptDeviceCode:
            if config.forcedLoginMethod == .api { throw .invalidRequest(LoginError.chatgptLoginDisabled.description) }
            let device: DeviceCodeLogin
            do {
                device = try await DeviceCodeLogin.start(tokenClient: tokenClient())
            } catch {
                throw .internalError(error.description)
            }
            let loginID = UUID().uuidString.lowercased()
            let stop = OneShot<Void>()
            logins.replace(loginID, cancel: { stop.resolve(()) })
            let workspaces = config.forcedChatGPTWorkspaceID.map { [$0] } ?? []
            context.startAfterResponse {
                let result: Result<Void, LoginError> = await withTaskGroup(of: Result<Void, LoginError>?.self) { group in
                    group.addTask {
                        do throws(LoginError) {
                            try await device.complete(manager: manager, forcedWorkspaceIDs: workspaces)
                            return .success(())
                        } catch {
                            return .failure(error)
                        }
                    }
                    group.addTask {
                        await stop.wait(orIfCancelled: ())
                        return Task.isCancelled ? nil : .failure(.cancelled)
                    }
                    let first = await group.next() ?? nil
                    group.cancelAll()
                    return first ?? .failure(.cancelled)
                }
                await finishLogin(loginID, result: result, manager: manager, context: context)
            }
            return .chatgptDeviceCode(loginId: loginID, verificationUrl: device.verificationURL, userCode: device.userCode)
        }
    }

    private func tokenClient() -> OAuthTokenClient {
        OAuthTokenClient(environment: host.environment)
    }

    private func finishLogin(
        _ loginID: String, result: Result<Void, LoginError>, manager: AuthManager, context: AppServerRequestContext
    ) async {
        logins.remove(loginID)
        let error: String?
        switch result {
        case .success: error = nil
        case .failure(.cancelled), .failure(.timedOut): error = "Login was not completed"
        case .failure(let failure): error = failure.description
        }
        let after = AuthChange(await manager.current())
        if error == nil { reserve(after) }
        await host.broadcast(
            AppServerV2.AccountLoginCompletedNotification(loginId: loginID, success: error == nil, error: error), from: context)
        if error == nil { await announce(after, context: context, force: true) }
    }

    // MARK: account/login/cancel

    func loginCancel(_ params: AppServerV2.CancelLoginAccountParams) throws(JSONRPCErrorObject)
        -> AppServerV2.CancelLoginAccountResponse
    {
        guard UUID(uuidString: params.loginId) != nil else { throw .invalidRequest("invalid login id: \(params.loginId)") }
        return AppServerV2.CancelLoginAccountResponse(status: logins.cancel(params.loginId.lowercased()) ? .canceled : .notFound)
    }

    // MARK: account/logout

    func logout(context: AppServerRequestContext) async throws(JSONRPCErrorObject) -> AppServerV2.LogoutAccountResponse {
        let (_, manager) = try load()
        startWatching(manager, context: context)
        let after = AuthChange(mode: nil, planType: nil)
        reserve(after)
        do {
            try await manager.logout()
        } catch {
            clearReservation()
            throw .internalError("logout failed: \(error)")
        }
        context.startAfterResponse { await announce(after, context: context, force: true) }
        return AppServerV2.LogoutAccountResponse()
    }

    // MARK: account/rateLimits/read

    func rateLimits(_ params: AppServerV2.GetAccountRateLimitsParams) async throws(JSONRPCErrorObject)
        -> AppServerV2.GetAccountRateLimitsResponse
    {
        let (config, manager) = try load()
        let auth = await manager.auth()
        guard case .chatgpt(let credentials)? = auth else {
            // The reference's two texts: an API key is the wrong kind of login, none at all is none.
            throw .invalidRequest(
                auth == nil
                    ? "codex account authentication required to read rate limits"
                    : "chatgpt authentication required to read rate limits")
        }
        return try await RateLimitsClient(baseURL: config.chatgptBaseURL).read(credentials: credentials)
    }

    // MARK: account/updated

    /// Marks `change` as the state the next explicit `account/updated` will announce, so the watcher
    /// does not announce it first (before `account/login/completed`).
    private func reserve(_ change: AuthChange) {
        state.announced.withLock { $0 = .some(change) }
    }

    private func clearReservation() {
        state.announced.withLock { $0 = nil }
    }

    private func announce(_ change: AuthChange, context: AppServerRequestContext, force: Bool) async {
        let send = state.announced.withLock { last -> Bool in
            defer { last = .some(change) }
            return force || last != .some(change)
        }
        guard send else { return }
        let mode: AppServerV2.AuthMode? = switch change.mode {
        case .apiKey: .apikey
        case .chatgpt: .chatgpt
        case nil: nil
        }
        let plan = change.planType.map { IDTokenClaims(chatgptPlanType: $0).planType }
        await host.broadcast(AppServerV2.AccountUpdatedNotification(authMode: mode, planType: plan), from: context)
    }

    /// Once per server: follows the AuthManager (changes made by other processes included, noticed by
    /// checking auth.json every second) for as long as the requesting connection lives.
    private func startWatching(_ manager: AuthManager, context: AppServerRequestContext) {
        let first = state.watching.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        context.connection.spawn {
            let changes = await manager.changes()
            let initial = AuthChange(await manager.current())
            state.announced.withLock { last in if last == nil { last = .some(initial) } }
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await change in changes { await announce(change, context: context, force: false) }
                }
                group.addTask {
                    while !Task.isCancelled {
                        do {
                            try await Task.sleep(for: .seconds(1))
                        } catch {
                            return
                        }
                        _ = await manager.current()
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }
}

/// The last `account/updated` state sent, and whether the watcher runs.
private final class AccountAnnouncements: Sendable {
    let announced = Mutex<AuthChange??>(nil)
    let watching = Mutex(false)
}

/// The logins `account/login/start` began that have not ended, by login id.
private final class ActiveLogins: Sendable {
    private let cancels = Mutex<[String: @Sendable () -> Void]>([:])

    /// Registers a login; an earlier one still running is cancelled (one login at a time).
    func replace(_ id: String, cancel: @escaping @Sendable () -> Void) {
        let previous = cancels.withLock { cancels in
            defer { cancels = [id: cancel] }
            return Array(cancels.values)
        }
        for cancel in previous { cancel() }
    }

    func remove(_ id: String) {
        _ = cancels.withLock { $0.removeValue(forKey: id) }
    }

    /// Cancels a running login; false when none has this id.
    func cancel(_ id: String) -> Bool {
        guard let cancel = cancels.withLock({ $0.removeValue(forKey: id) }) else { return false }
        cancel()
        return true
    }
}
