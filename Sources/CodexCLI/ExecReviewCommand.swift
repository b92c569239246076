public import ArgumentParser
import CodexBasics
import CodexCore
import CodexExec
import CodexProtocol
import Glibc

/// `codex exec review [--uncommitted | --base BRANCH | --commit SHA [--title T]] [PROMPT]`: one code
/// review turn in a new session, printed as `codex exec` prints a turn.
public struct ExecReviewCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Run a code review against the current repository.")

    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var options: ExecOptions
    @OptionGroup public var target: ReviewTargetOptions

    public init() {}

    public func validate() throws { try target.validate() }

    public func run() async throws {
        let reviewTarget = try target.resolve()
        var invocation = ExecInvocation(global: global, options: options, prompt: nil, resume: nil)
        invocation.reviewTarget = reviewTarget
        try await invocation.run()
    }
}

/// `codex review [OPTIONS] [PROMPT]`: the same review, run non-interactively (as `codex exec review`).
public struct ReviewCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Run a code review non-interactively")

    @OptionGroup public var global: GlobalOptions
    @OptionGroup public var target: ReviewTargetOptions

    public init() {}

    public func validate() throws { try target.validate() }

    public func run() async throws {
        // exec's options at their defaults (parsed, as argument-parser values must be).
        var invocation = ExecInvocation(global: global, options: try ExecOptions.parse([]), prompt: nil, resume: nil)
        invocation.reviewTarget = try target.resolve()
        try await invocation.run()
    }
}

/// What a review looks at, from the command line.
public struct ReviewTargetOptions: ParsableArguments, Sendable {
    @Flag(name: .customLong("uncommitted"), help: "Review staged, unstaged, and untracked changes")
    public var uncommitted = false

    @Option(name: .customLong("base"), help: "Review changes against the given base branch")
    public var base: String?

    @Option(name: .customLong("commit"), help: "Review the changes introduced by a commit")
    public var commit: String?

    @Option(name: .customLong("title"), help: "Optional commit title to display in the review summary")
    public var title: String?

    @Argument(help: "Custom review instructions. If `-` is used, read from stdin")
    public var prompt: String?

    public init() {}

    /// The reference's conflicts: one target at most, and `--title` only with `--commit`.
    public func validate() throws {
        let given: [(String, Bool)] = [
            ("--uncommitted", uncommitted), ("--base <BRANCH>", base != nil), ("--commit <SHA>", commit != nil),
            ("[PROMPT]", prompt != nil),
        ]
        let present = given.filter(\.1).map(\.0)
        if present.count > 1 { throw ValidationError("the argument '\(present[0])' cannot be used with '\(present[1])'") }
        if title != nil, commit == nil {
            throw ValidationError("the following required arguments were not provided:\n  --commit <SHA>")
        }
    }

    /// The target; a custom prompt `-` is read from stdin. Exits 1 with the reference's message when
    /// nothing says what to review or the instructions are empty.
    func resolve() throws -> ReviewTarget {
        if uncommitted { return .uncommittedChanges }
        if let base { return .baseBranch(base) }
        if let commit { return .commit(sha: commit, title: title) }
        guard let prompt else {
            StandardError.writeLine("Error: Specify --uncommitted, --base, --commit, or provide custom review instructions")
            throw ExitStatus(code: 1)
        }
        var instructions = prompt
        if prompt == "-" {
            do {
                instructions = try ExecPrompt.resolve(
                    argument: "-", stdinIsTerminal: isatty(STDIN_FILENO) == 1,
                    readStdin: { StandardStreams.readInputToEnd() }, notice: { StandardError.writeLine($0) })
            } catch {
                StandardError.writeLine(error.message)
                throw ExitStatus(code: 1)
            }
        }
        guard !instructions.trimmingWhitespace().isEmpty else {
            StandardError.writeLine("Error: \(ReviewRequestError.emptyPrompt)")
            throw ExitStatus(code: 1)
        }
        return .custom(instructions: instructions)
    }
}
