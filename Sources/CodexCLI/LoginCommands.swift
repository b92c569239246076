public import ArgumentParser

/// `codex login`: store credentials (an API key from stdin, or ChatGPT sign-in).
public struct LoginCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in with an API key or a ChatGPT account."
    )

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("with-api-key"), help: "Read the API key from stdin.")
    public var withAPIKey = false

    public init() {}

    public func run() async throws {
        _ = try ConfigBootstrap(global: global).load()
        throw NotImplemented.exit("login")
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
        _ = try ConfigBootstrap(global: global).load()
        throw NotImplemented.exit("logout")
    }
}
