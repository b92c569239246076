public import ArgumentParser
import CodexBasics
import CodexConfig
import CodexCore
import CodexExec
import CodexLogin
import CodexProtocol
import FoundationEssentials
import Glibc

/// `codex exec`: a non-interactive agent run (`exec [OPTIONS] [PROMPT]`, `exec resume ...` or `exec fork ...`).
/// The run form is the default subcommand; `DefaultSubcommandHelp` puts its arguments and options into
/// `codex exec --help`.
public struct ExecCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run Codex non-interactively.",
        usage: """
            codex exec [OPTIONS] [PROMPT]
            codex exec [OPTIONS] <COMMAND> [ARGS]
            """,
        subcommands: [ExecRunCommand.self, ExecResumeCommand.self, ExecForkCommand.self, ExecReviewCommand.self],
        defaultSubcommand: ExecRunCommand.self,
        aliases: ["e"]
    )

    public init() {}
}

/// The default form, `codex exec [OPTIONS] [PROMPT]`: one turn in a new session.
public struct ExecRunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run one turn in a new session.", shouldDisplay: false)

    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var options: ExecOptions

    @Argument(
        help: """
            Initial instructions for the agent; omitted or `-`: read from stdin. When stdin is piped and a \
            prompt is given, stdin is appended as a `<stdin>` block.
            """)
    public var prompt: String?

    public init() {}

    public func run() async throws {
        try await ExecInvocation(global: global, options: options, prompt: prompt, resume: nil).run()
    }
}

/// `codex exec resume [SESSION_ID] [PROMPT]`: continue an earlier session.
public struct ExecResumeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a previous session by id, or the most recent with --last.")

    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var options: ExecOptions

    @Flag(name: .customLong("last"), help: "Resume the most recent session (of this folder unless --all).")
    public var last = false

    @Flag(name: .customLong("all"), help: "With --last: consider sessions from every folder.")
    public var all = false

    @Argument(help: "The session id (a UUID); with --last this is the prompt.")
    public var sessionID: String?

    @Argument(help: "The prompt for the resumed session; `-` reads it from stdin.")
    public var prompt: String?

    public init() {}

    public func run() async throws {
        let resume: ExecRequest.Resume
        var promptArgument = prompt
        if last {
            resume = .last(allFolders: all)
            if promptArgument == nil { promptArgument = sessionID }
        } else if let sessionID {
            resume = .id(sessionID)
        } else {
            StandardError.writeLine("Error: specify a session id or --last")
            throw ExitStatus(code: 2)
        }
        try await ExecInvocation(global: global, options: options, prompt: promptArgument, resume: resume).run()
    }
}

/// `codex exec fork SESSION_ID [PROMPT]`: a new session with a copy of an earlier one's history.
public struct ExecForkCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fork", abstract: "Fork a previous session by id into a new session.")

    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var options: ExecOptions

    @Argument(help: "The session id (a UUID) to fork.")
    public var sessionID: String

    @Argument(help: "The prompt to send after forking; `-` reads it from stdin.")
    public var prompt: String?

    public init() {}

    public func run() async throws {
        try await ExecInvocation(global: global, options: options, prompt: prompt, resume: .fork(sessionID)).run()
    }
}

/// The flags `codex exec`, `codex exec resume` and `codex exec fork` share.
public struct ExecOptions: ParsableArguments, Sendable {
    @Flag(name: [.customLong("json"), .customLong("experimental-json")], help: "Print JSONL events to stdout.")
    public var json = false

    @Option(name: [.customShort("o"), .customLong("output-last-message")], help: "Write the final message to this file.")
    public var outputLastMessage: String?

    @Option(name: .customLong("output-schema"), help: "JSON Schema file the final answer must follow.")
    public var outputSchema: String?

    @Option(name: [.customShort("i"), .customLong("image")], parsing: .upToNextOption, help: "Images to attach.")
    public var images: [String] = []

    @Flag(name: .customLong("skip-git-repo-check"), help: "Allow running outside a Git repository.")
    public var skipGitRepoCheck = false

    @Flag(name: .customLong("full-auto"), help: "Sandboxed automatic execution (workspace-write), as older releases did.")
    public var fullAuto = false

    @Flag(
        name: [.customLong("dangerously-bypass-approvals-and-sandbox"), .customLong("yolo")],
        help: "Skip all confirmation prompts and run commands without a sandbox. EXTREMELY DANGEROUS.")
    public var dangerouslyBypassApprovalsAndSandbox = false

    @Option(name: .customLong("add-dir"), help: "An extra writable folder (repeatable).")
    public var addDir: [String] = []

    @Flag(name: .customLong("ephemeral"), help: "Do not write session files.")
    public var ephemeral = false

    @Flag(name: .customLong("ignore-rules"), help: "Do not load user or project execpolicy `.rules` files")
    public var ignoreRules = false

    @Option(name: .customLong("color"), help: "Colour on stderr: always, never or auto.")
    public var color: ColorChoice = .auto

    public init() {}
}

/// `--color` values.
public enum ColorChoice: String, ExpressibleByArgument, Sendable {
    case always, never, auto
}

/// One `codex exec` invocation: config, checks, prompt, then the run.
struct ExecInvocation {
    let global: GlobalOptions
    let options: ExecOptions
    let prompt: String?
    let resume: ExecRequest.Resume?
    /// For `codex exec review` and `codex review`: what to review (the run is then a review turn).
    var reviewTarget: ReviewTarget?

    func run() async throws {
        var bootstrap = ConfigBootstrap(global: global)
        bootstrap.fullAuto = options.fullAuto
        bootstrap.dangerouslyBypassApprovalsAndSandbox = options.dangerouslyBypassApprovalsAndSandbox
        // exec is headless: it never asks unless -a says otherwise.
        bootstrap.defaultApprovalPolicy = .never
        let loaded = try bootstrap.load()
        let config = loaded.config
        try await Self.enforceLoginRestrictions(config)
        if !options.skipGitRepoCheck, !options.dangerouslyBypassApprovalsAndSandbox, !Self.isInsideGitRepository(config.cwd) {
            StandardError.writeLine("Not inside a trusted directory and --skip-git-repo-check was not specified.")
            throw ExitStatus(code: 1)
        }
        // As the reference, rules files that cannot be read stop exec before anything runs.
        let ruleFolders = loaded.execPolicyFolders(ignoringUserAndProject: options.ignoreRules)
        do {
            _ = try ExecPolicyFiles.load(configFolders: ruleFolders)
        } catch {
            StandardError.writeLine("Error loading rules:\n\(Self.rulesErrorLine(error))")
            throw ExitStatus(code: 1)
        }
        var request = ExecRequest(prompt: reviewTarget == nil ? try readPrompt() : "")
        request.review = reviewTarget
        request.images = options.images.flatMap { $0.split(separator: ",").map(String.init) }
        request.json = options.json
        request.color = Self.useColor(options.color)
        request.outputLastMessagePath = options.outputLastMessage
        request.outputSchema = try options.outputSchema.map(Self.readSchema)
        request.resume = resume
        request.explicitSettings = explicitSettings
        request.ephemeral = options.ephemeral
        request.additionalWritableRoots = options.addDir.map { ConfigBootstrap.absolute($0, relativeTo: config.cwd) }
        let code = await ExecRun.run(
            request, config: config, environment: ProcessInfo.processInfo.environment, version: CodexCommand.version,
            ruleFolders: ruleFolders)
        throw ExitStatus(code: code)
    }

    /// How a rules error is shown: `path:line: message (problem is on or around line N)` for a parse error.
    static func rulesErrorLine(_ error: ExecPolicyFileError) -> String {
        if case .parse(let parse) = error { return parse.displayLine }
        return "\(error)"
    }

    /// The settings this command line gives explicitly; a resume or fork restores the others from the rollout.
    var explicitSettings: ExplicitSettings {
        var explicit = ExplicitSettings(configKeys: global.config)
        if global.model != nil { explicit.insert(.model) }
        if global.sandbox != nil { explicit.insert(.sandbox) }
        if global.askForApproval != nil { explicit.insert(.approvalPolicy) }
        if global.cd != nil { explicit.insert(.cwd) }
        if options.fullAuto || options.dangerouslyBypassApprovalsAndSandbox { explicit.formUnion([.sandbox, .approvalPolicy]) }
        return explicit
    }

    /// As the reference's exec start: a stored credential `forced_login_method` or
    /// `forced_chatgpt_workspace_id` rules out is deleted, and the run ends with the reason (exit 1).
    private static func enforceLoginRestrictions(_ config: Config) async throws {
        let violation: LoginError?
        do {
            violation = try await LoginFrontEnd.manager(config).enforceLoginRestrictions()
        } catch {
            StandardError.writeLine("\(error)")
            throw ExitStatus(code: 1)
        }
        if let violation {
            StandardError.writeLine(violation.description)
            throw ExitStatus(code: 1)
        }
    }

    private func readPrompt() throws -> String {
        do {
            return try ExecPrompt.resolve(
                argument: prompt, stdinIsTerminal: isatty(STDIN_FILENO) == 1,
                readStdin: { StandardStreams.readInputToEnd() },
                notice: { StandardError.writeLine($0) })
        } catch {
            StandardError.writeLine(error.message)
            throw ExitStatus(code: 1)
        }
    }

    private static func readSchema(_ path: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardError.writeLine("Failed to read output schema file \(path): cannot read the file")
            throw ExitStatus(code: 1)
        }
        do {
            return try JSONParser.parse(bytes: Array(data))
        } catch {
            StandardError.writeLine("Output schema file \(path) is not valid JSON: \(error)")
            throw ExitStatus(code: 1)
        }
    }

    private static func useColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }

    /// True when `path` or an ancestor holds `.git` (a folder, or a worktree's file).
    static func isInsideGitRepository(_ path: String) -> Bool {
        ProjectRoot.find(from: AbsolutePath(resolvingAgainstCurrentDirectory: path), markers: [".git"]) != nil
    }
}
