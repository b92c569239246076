import CodexConfig
import CodexCore
import CodexProtocol

/// `account/read`: what `$CODEX_HOME/auth.json` holds, for providers that use OpenAI auth.
///
/// `requiresOpenaiAuth` is the provider's `requires_openai_auth`; when it is false the account is
/// always null (as the reference answers). A stored API key reads as `{"type":"apiKey"}`; ChatGPT
/// logins are not supported by this port, so nothing else is reported.
struct AccountService: Sendable {
    let host: any AppServerServiceHost

    func read() throws(JSONRPCErrorObject) -> AppServerV2.GetAccountResponse {
        let config: Config
        do {
            config = try ConfigLoader.load(host.configLoadOptions(cwd: host.defaultCwd)).config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
        let requiresOpenAIAuth = config.modelProvider.requiresOpenAIAuth
        var account: AppServerV2.Account?
        if requiresOpenAIAuth, StoredAPIKey.read(codexHome: host.codexHome.path) != nil {
            account = .apiKey
        }
        return AppServerV2.GetAccountResponse(account: account, requiresOpenaiAuth: requiresOpenAIAuth)
    }
}
