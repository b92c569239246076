public import ArgumentParser
import CodexBasics
import CodexConfig
import CodexLogin
import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `codex login`: store credentials (an API key from stdin, or ChatGPT sign-in).
public struct LoginCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in with an API key or a ChatGPT account.",
        subcommands: [LoginStatusCommand.self]
    )

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("with-api-key"), help: "Read the API key from stdin (e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`).")
    public var withAPIKey = false

    @Flag(name: .customLong("device-auth"), help: "Sign in with a device code (for remote or headless machines).")
    public var deviceAuth = false

    @Option(name: .customLong("api-key"), help: .hidden)
    public var legacyAPIKey: String?

    /// 0.163.0's agent-identity login (a signed JWT on stdin); not built here, refused with a clear message.
    @Flag(name: .customLong("with-access-token"), help: .hidden)
    public var withAccessToken = false

    public init() {}

    public func run() async throws {
        let loaded = try ConfigBootstrap(global: global).load()
        if legacyAPIKey != nil {
            StandardError.writeLine(
                "The --api-key flag is no longer supported. Pipe the key instead, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.")
            throw ExitStatus(code: 1)
        }
        if withAccessToken {
            StandardError.writeLine(
                "Error logging in with access token: agent identity login (--with-access-token) is not supported by this build; use --with-api-key, --device-auth or the browser login")
            throw ExitStatus(code: 1)
        }
        guard withAPIKey else {
            let manager = LoginFrontEnd.manager(loaded.config)
            try await LoginFrontEnd.chatgptLogin(config: loaded.config, manager: manager, deviceCode: deviceAuth)
            return
        }
        let manager = LoginFrontEnd.manager(loaded.config)
        if isatty(STDIN_FILENO) == 1 {
            StandardError.writeLine(
                "--with-api-key expects the API key on stdin. Try piping it, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.")
            throw ExitStatus(code: 1)
        }
        StandardError.writeLine("Reading API key from stdin...")
        let text = String(decoding: StandardStreams.readInputToEnd(), as: UTF8.self)
        let key = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !key.isEmpty else {
            StandardError.writeLine("No API key provided via stdin.")
            throw ExitStatus(code: 1)
        }
        do {
            try await manager.loginWithAPIKey(key)
        } catch .apiKeyLoginDisabled {
            StandardError.writeLine(LoginError.apiKeyLoginDisabled.description)
            throw ExitStatus(code: 1)
        } catch {
            StandardError.writeLine("Error logging in: \(error)")
            throw ExitStatus(code: 1)
        }
        StandardError.writeLine("Successfully logged in")
    }
}

/// `codex login status`: report the login state on stderr; exit 1 when logged out.
public struct LoginStatusCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the login status.")

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        let loaded = try ConfigBootstrap(global: global).load()
        let status: LoginStatus
        do {
            status = try await LoginFrontEnd.manager(loaded.config).status()
        } catch {
            StandardError.writeLine("Error checking login status: \(error)")
            throw ExitStatus(code: 1)
        }
        switch status {
        case .notLoggedIn:
            StandardError.writeLine("Not logged in")
            throw ExitStatus(code: 1)
        case .apiKey(let key):
            StandardError.writeLine("Logged in using an API key - \(LoginStatus.mask(apiKey: key))")
        case .chatgpt:
            StandardError.writeLine("Logged in using ChatGPT")
        }
    }
}

/// `codex logout`: remove stored credentials.
public struct LogoutCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Remove stored authentication credentials."
    )

    @OptionGroup public var global: GlobalOptions

    public init() {}

    public func run() async throws {
        let loaded = try ConfigBootstrap(global: global).load()
        do {
            let removed = try await LoginFrontEnd.manager(loaded.config).logout()
            StandardError.writeLine(removed ? "Successfully logged out" : "Not logged in")
        } catch {
            StandardError.writeLine("Error logging out: \(error)")
            throw ExitStatus(code: 1)
        }
    }
}

/// The CLI's way to the one AuthManager of the process, and the ChatGPT logins' terminal output.
enum LoginFrontEnd {
    /// The shared manager, over the store `cli_auth_credentials_store` names.
    static func manager(_ config: Config) -> AuthManager {
        SharedAuthManagers.manager(for: config, environment: ProcessInfo.processInfo.environment)
    }

    /// What `codex login --device-auth` prints on stdout, byte for byte as 0.163.0 (its colours are
    /// unconditional there too: dim grey 90, bright blue 94).
    static func deviceCodePrompt(url: String, userCode: String, version: String) -> String {
        func dim(_ text: String) -> String { "\u{1B}[90m\(text)\u{1B}[0m" }
        func blue(_ text: String) -> String { "\u{1B}[94m\(text)\u{1B}[0m" }
        return "\nWelcome to Codex [v\(dim(version))]\n\(dim("OpenAI's command-line coding agent"))\n\n"
            + "Follow these steps to sign in with ChatGPT using device code authorization:\n\n"
            + "1. Open this link in your browser and sign in to your account\n   \(blue(url))\n\n"
            + "2. Enter this one-time code \(dim("(expires in 15 minutes)"))\n   \(blue(userCode))\n\n"
            + dim("Continue only if you started this login in Codex. If a website or another person gave you this code, cancel.")
            + "\n\n"
    }

    /// `codex login` (browser) and `codex login --device-auth`: messages on stderr (the device code's
    /// instructions on stdout, as the reference), exit 1 on failure.
    static func chatgptLogin(config: Config, manager: AuthManager, deviceCode: Bool) async throws {
        if config.forcedLoginMethod == .api {
            StandardError.writeLine(LoginError.chatgptLoginDisabled.description)
            throw ExitStatus(code: 1)
        }
        let environment = ProcessInfo.processInfo.environment
        let workspaces = config.forcedChatGPTWorkspaceID.map { [$0] } ?? []
        let tokenClient = OAuthTokenClient(environment: environment)
        do throws(LoginError) {
            if deviceCode {
                let device = try await DeviceCodeLogin.start(tokenClient: tokenClient)
                StandardStreams.writeOutput(
                    deviceCodePrompt(url: device.verificationURL, userCode: device.userCode, version: CodexCommand.version))
                try await device.complete(manager: manager, forcedWorkspaceIDs: workspaces)
            } else {
                let options = ChatGPTLoginOptions.fromEnvironment(
                    environment, originator: "codex_cli_rs", forcedWorkspaceIDs: workspaces)
                let login = try await ChatGPTBrowserLogin.start(options: options, manager: manager, tokenClient: tokenClient)
                StandardError.writeLine(
                    "Starting local login server on http://localhost:\(login.port).\n"
                        + "If your browser did not open, navigate to this URL to authenticate:\n\n\(login.authURL)\n\n"
                        + "On a remote or headless machine? Use `codex login --device-auth` instead.")
                await BrowserLauncher.open(login.authURL, environment: environment)
                try await login.result().get()
            }
        } catch {
            StandardError.writeLine("Error logging in: \(error)")
            throw ExitStatus(code: 1)
        }
        StandardError.writeLine("Successfully logged in")
    }
}
