/// What a test runs: executable, arguments, complete environment, working directory and stdin.
public struct ProcessSpec: Sendable, Hashable {
    /// How the child's standard input is fed.
    public enum StandardInput: Sendable, Hashable {
        /// Closed at once: the child reads end-of-file.
        case none
        /// These bytes, then end-of-file.
        case data([UInt8])
        /// Left open for `RunningProcess.write(_:)`; closed by `closeStandardInput()` or at teardown.
        case writable
    }

    /// Absolute path of the program.
    public var executable: String
    public var arguments: [String]
    /// The child's whole environment; nothing is inherited from the test process.
    public var environment: [String: String]
    /// Working directory; nil keeps the test process's.
    public var workingDirectory: String?
    public var standardInput: StandardInput

    public init(
        executable: String, arguments: [String] = [], environment: [String: String] = ProcessSpec.minimalEnvironment(),
        workingDirectory: String? = nil, standardInput: StandardInput = .none
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
    }

    /// `PATH` (a fixed system search path) plus the given extras; no variables from the test process.
    public static func minimalEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(extra) { _, new in new }
        return environment
    }
}

/// How a child process ended.
public enum ProcessExit: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    /// The exit code, or nil when a signal ended the process.
    public var exitCode: Int32? {
        if case .exited(let code) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exited(\(code))"
        case .signaled(let signal): return "signaled(\(signal))"
        }
    }
}

/// A finished child: how it ended and everything it wrote.
public struct ProcessResult: Sendable, Hashable {
    public var exit: ProcessExit
    public var stdout: String
    public var stderr: String

    public init(exit: ProcessExit, stdout: String, stderr: String) {
        self.exit = exit
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The exit code, or nil when a signal ended the process.
    public var exitCode: Int32? { exit.exitCode }

    /// Stdout split into lines (without the final empty piece after a trailing newline).
    public var stdoutLines: [String] {
        var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// A child process did not finish in time; carries what it had written so far for the failure message.
public struct ProcessTimeoutError: Error, Sendable, CustomStringConvertible {
    public var executable: String
    public var timeout: Duration
    public var stdout: String
    public var stderr: String

    public var description: String {
        "\(executable) did not exit within \(timeout)\n"
            + "--- stdout so far ---\n\(stdout)\n--- stderr so far ---\n\(stderr)"
    }
}
