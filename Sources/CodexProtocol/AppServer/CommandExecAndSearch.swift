// Params and results of command/exec and fuzzyFileSearch.

extension AppServerV2 {
    /// Terminal size for a tty command.
    @PublicMemberwiseInit
    public struct CommandExecTerminalSize: AppServerType {
        public var rows: Int64
        public var cols: Int64
    }

    /// Params of `command/exec` (one-off command outside any thread).
    @PublicMemberwiseInit
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
    }

    /// Result of `command/exec`.
    @PublicMemberwiseInit
    public struct CommandExecResponse: AppServerType {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Params of `fuzzyFileSearch`.
    @PublicMemberwiseInit
    public struct FuzzyFileSearchParams: AppServerType {
        public var query: String
        public var roots: [String]
        public var cancellationToken: String?
    }

    /// One fuzzy match (snake_case on the wire).
    @PublicMemberwiseInit
    public struct FuzzyFileSearchResult: AppServerType {
        public var root: String
        public var path: String
        public var matchType: FuzzyFileSearchMatchType
        public var fileName: String
        public var score: UInt32
        public var indices: [UInt32]?

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
    @PublicMemberwiseInit
    public struct FuzzyFileSearchResponse: AppServerType {
        public var files: [FuzzyFileSearchResult]
    }
}
