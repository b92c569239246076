// Params and results of command/exec and fuzzyFileSearch.

extension AppServerV2 {
    /// Terminal size for a tty command.
    public struct CommandExecTerminalSize: AppServerType {
        public var rows: Int64
        public var cols: Int64

        public init(rows: Int64, cols: Int64) {
            self.rows = rows
            self.cols = cols
        }
    }

    /// Params of `command/exec` (one-off command outside any thread).
    public struct CommandExecParams: AppServerType {
        public var command: [String]
        public var cwd: String?
        public var timeoutMs: Int64?
        public var sandboxPolicy: SandboxPolicy?
        public var env: [String: String?]?
        public var processId: String?
        @OmitWhenNil public var tty: Bool?
        @OmitWhenNil public var streamStdin: Bool?
        @OmitWhenNil public var streamStdoutStderr: Bool?
        public var outputBytesCap: Int64?
        @OmitWhenNil public var disableOutputCap: Bool?
        @OmitWhenNil public var disableTimeout: Bool?
        public var size: CommandExecTerminalSize?

        public init(
            command: [String], cwd: String? = nil, timeoutMs: Int64? = nil, sandboxPolicy: SandboxPolicy? = nil,
            env: [String: String?]? = nil, processId: String? = nil, tty: Bool? = nil, streamStdin: Bool? = nil,
            streamStdoutStderr: Bool? = nil, outputBytesCap: Int64? = nil, disableOutputCap: Bool? = nil,
            disableTimeout: Bool? = nil, size: CommandExecTerminalSize? = nil
        ) {
            self.command = command
            self.cwd = cwd
            self.timeoutMs = timeoutMs
            self.sandboxPolicy = sandboxPolicy
            self.env = env
            self.processId = processId
            self.tty = tty
            self.streamStdin = streamStdin
            self.streamStdoutStderr = streamStdoutStderr
            self.outputBytesCap = outputBytesCap
            self.disableOutputCap = disableOutputCap
            self.disableTimeout = disableTimeout
            self.size = size
        }
    }

    /// Result of `command/exec`.
    public struct CommandExecResponse: AppServerType {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String

        public init(exitCode: Int32, stdout: String, stderr: String) {
            self.exitCode = exitCode
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Params of `fuzzyFileSearch`.
    public struct FuzzyFileSearchParams: AppServerType {
        public var query: String
        public var roots: [String]
        public var cancellationToken: String?

        public init(query: String, roots: [String], cancellationToken: String? = nil) {
            self.query = query
            self.roots = roots
            self.cancellationToken = cancellationToken
        }
    }

    /// One fuzzy match (snake_case on the wire).
    public struct FuzzyFileSearchResult: AppServerType {
        public var root: String
        public var path: String
        public var matchType: FuzzyFileSearchMatchType
        public var fileName: String
        public var score: UInt32
        public var indices: [UInt32]?

        public init(
            root: String, path: String, matchType: FuzzyFileSearchMatchType, fileName: String, score: UInt32,
            indices: [UInt32]? = nil
        ) {
            self.root = root
            self.path = path
            self.matchType = matchType
            self.fileName = fileName
            self.score = score
            self.indices = indices
        }

        private enum CodingKeys: String, CodingKey {
            case root
            case path
            case matchType = "match_type"
            case fileName = "file_name"
            case score
            case indices
        }
    }

    /// Result of `fuzzyFileSearch`.
    public struct FuzzyFileSearchResponse: AppServerType {
        public var files: [FuzzyFileSearchResult]

        public init(files: [FuzzyFileSearchResult]) {
            self.files = files
        }
    }
}
