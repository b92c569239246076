import CodexProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a run of the apply_patch command printed and its exit status.
public struct ApplyPatchCommandOutcome: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    public init(exitCode: Int32, standardOutput: String = "", standardError: String = "") {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// The standalone apply_patch program: the `apply_patch`/`applypatch` arg0 personality and
/// `codex --codex-run-as-apply-patch PATCH`.
public enum ApplyPatchCommand {
    /// The hidden flag core uses to run a patch through the codex binary.
    public static let runAsApplyPatchFlag = "--codex-run-as-apply-patch"
    static let preserveCRLFFlag = "--preserve-crlf"
    static let usage = "Usage: apply_patch 'PATCH'\n       echo 'PATCH' | apply_patch"

    /// Runs with the full argv (argv[0] first) in the process's current directory, printing the
    /// summary on stdout and errors on stderr; returns the exit status (0 applied, 1 failed,
    /// 2 usage error).
    public static func main(arguments: [String], standardInput: () -> [UInt8]) -> Int32 {
        let outcome: ApplyPatchCommandOutcome
        if let cwd = PatchFileSystem.currentDirectory() {
            outcome = run(arguments: arguments, standardInput: standardInput, workingDirectory: cwd)
        } else {
            let reason = PatchFileSystem.OSError(code: errno).reason
            outcome = ApplyPatchCommandOutcome(
                exitCode: 1, standardError: "Error: Failed to determine current directory.\n\(reason)\n")
        }
        StandardStreams.writeOutput(outcome.standardOutput)
        StandardStreams.writeError(outcome.standardError)
        return outcome.exitCode
    }

    /// The same program with the folder given and the output captured (used by `main`, by
    /// in-process execution and by tests).
    public static func run(
        arguments: [String], standardInput: () -> [UInt8], workingDirectory: String
    ) -> ApplyPatchCommandOutcome {
        let rest = Array(arguments.dropFirst())
        if rest.first == runAsApplyPatchFlag {
            guard rest.count >= 2 else {
                return ApplyPatchCommandOutcome(
                    exitCode: 1, standardError: "Error: \(runAsApplyPatchFlag) requires a UTF-8 PATCH argument.\n")
            }
            return applyPrinting(rest[1], cwd: workingDirectory, options: ApplyPatchOptions())
        }

        var options = ApplyPatchOptions()
        var patchArguments = rest[...]
        if patchArguments.first == preserveCRLFFlag {
            options.preserveCRLF = true
            patchArguments = patchArguments.dropFirst()
        }
        if patchArguments.count > 1 {
            return ApplyPatchCommandOutcome(
                exitCode: 2, standardError: "Error: apply_patch accepts exactly one argument.\n")
        }
        let patch: String
        if let argument = patchArguments.first {
            patch = argument
        } else {
            let bytes = standardInput()
            if bytes.isEmpty {
                return ApplyPatchCommandOutcome(exitCode: 2, standardError: usage + "\n")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return ApplyPatchCommandOutcome(
                    exitCode: 1,
                    standardError: "Error: Failed to read PATCH from stdin.\nstream did not contain valid UTF-8\n")
            }
            patch = text
        }
        return applyPrinting(patch, cwd: workingDirectory, options: options)
    }

    /// Reads all of standard input (for `main`'s `standardInput` argument).
    public static func readStandardInput() -> [UInt8] {
        StandardStreams.readInputToEnd()
    }

    private static func applyPrinting(
        _ patch: String, cwd: String, options: ApplyPatchOptions
    ) -> ApplyPatchCommandOutcome {
        do {
            let result = try ApplyPatch.apply(patch, cwd: cwd, options: options)
            return ApplyPatchCommandOutcome(exitCode: 0, standardOutput: result.summary)
        } catch {
            return ApplyPatchCommandOutcome(exitCode: 1, standardError: error.description + "\n")
        }
    }
}
