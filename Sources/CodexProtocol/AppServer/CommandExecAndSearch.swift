// Params and results of command/exec and fuzzyFileSearch.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Terminal size for a tty command.
    public struct CommandExecTerminalSize: AppServerType {
        public var rows: Int64
        public var cols: Int64

        public init(rows: Int64, cols: Int64) {
            self.rows = rows
            self.cols = cols
        }

        private enum CodingKeys: String, CodingKey {
            case rows
            case cols
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rows = try c.decode(Int64.self, forKey: .rows)
            cols = try c.decode(Int64.self, forKey: .cols)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rows, forKey: .rows)
            try c.encode(cols, forKey: .cols)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("rows", .integer, required: true),
                SchemaProperty("cols", .integer, required: true),
            ])
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
        public var tty: Bool?
        public var streamStdin: Bool?
        public var streamStdoutStderr: Bool?
        public var outputBytesCap: Int64?
        public var disableOutputCap: Bool?
        public var disableTimeout: Bool?
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

        private enum CodingKeys: String, CodingKey {
            case command
            case cwd
            case timeoutMs
            case sandboxPolicy
            case env
            case processId
            case tty
            case streamStdin
            case streamStdoutStderr
            case outputBytesCap
            case disableOutputCap
            case disableTimeout
            case size
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            command = try c.decode([String].self, forKey: .command)
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
            timeoutMs = try c.decodeIfPresent(Int64.self, forKey: .timeoutMs)
            sandboxPolicy = try c.decodeIfPresent(SandboxPolicy.self, forKey: .sandboxPolicy)
            env = try c.decodeIfPresent([String: String?].self, forKey: .env)
            processId = try c.decodeIfPresent(String.self, forKey: .processId)
            tty = try c.decodeIfPresent(Bool.self, forKey: .tty)
            streamStdin = try c.decodeIfPresent(Bool.self, forKey: .streamStdin)
            streamStdoutStderr = try c.decodeIfPresent(Bool.self, forKey: .streamStdoutStderr)
            outputBytesCap = try c.decodeIfPresent(Int64.self, forKey: .outputBytesCap)
            disableOutputCap = try c.decodeIfPresent(Bool.self, forKey: .disableOutputCap)
            disableTimeout = try c.decodeIfPresent(Bool.self, forKey: .disableTimeout)
            size = try c.decodeIfPresent(CommandExecTerminalSize.self, forKey: .size)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(command, forKey: .command)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(timeoutMs, forKey: .timeoutMs)
            try c.encode(sandboxPolicy, forKey: .sandboxPolicy)
            try c.encode(env, forKey: .env)
            try c.encode(processId, forKey: .processId)
            try c.encodeIfPresent(tty, forKey: .tty)
            try c.encodeIfPresent(streamStdin, forKey: .streamStdin)
            try c.encodeIfPresent(streamStdoutStderr, forKey: .streamStdoutStderr)
            try c.encode(outputBytesCap, forKey: .outputBytesCap)
            try c.encodeIfPresent(disableOutputCap, forKey: .disableOutputCap)
            try c.encodeIfPresent(disableTimeout, forKey: .disableTimeout)
            try c.encode(size, forKey: .size)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("command", .array(.string), required: true),
                SchemaProperty("cwd", .nullable(.string)),
                SchemaProperty("timeoutMs", .nullable(.integer)),
                SchemaProperty("sandboxPolicy", .nullable(.ref("SandboxPolicy"))),
                SchemaProperty("env", .nullable(.map(.nullable(.string)))),
                SchemaProperty("processId", .nullable(.string)),
                SchemaProperty("tty", .boolean),
                SchemaProperty("streamStdin", .boolean),
                SchemaProperty("streamStdoutStderr", .boolean),
                SchemaProperty("outputBytesCap", .nullable(.integer)),
                SchemaProperty("disableOutputCap", .boolean),
                SchemaProperty("disableTimeout", .boolean),
                SchemaProperty("size", .nullable(.ref("CommandExecTerminalSize"))),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case exitCode
            case stdout
            case stderr
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            exitCode = try c.decode(Int32.self, forKey: .exitCode)
            stdout = try c.decode(String.self, forKey: .stdout)
            stderr = try c.decode(String.self, forKey: .stderr)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(exitCode, forKey: .exitCode)
            try c.encode(stdout, forKey: .stdout)
            try c.encode(stderr, forKey: .stderr)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("exitCode", .integer, required: true),
                SchemaProperty("stdout", .string, required: true),
                SchemaProperty("stderr", .string, required: true),
            ])
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

        private enum CodingKeys: String, CodingKey {
            case query
            case roots
            case cancellationToken
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            query = try c.decode(String.self, forKey: .query)
            roots = try c.decode([String].self, forKey: .roots)
            cancellationToken = try c.decodeIfPresent(String.self, forKey: .cancellationToken)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(query, forKey: .query)
            try c.encode(roots, forKey: .roots)
            try c.encode(cancellationToken, forKey: .cancellationToken)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("query", .string, required: true),
                SchemaProperty("roots", .array(.string), required: true),
                SchemaProperty("cancellationToken", .nullable(.string)),
            ])
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

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            root = try c.decode(String.self, forKey: .root)
            path = try c.decode(String.self, forKey: .path)
            matchType = try c.decode(FuzzyFileSearchMatchType.self, forKey: .matchType)
            fileName = try c.decode(String.self, forKey: .fileName)
            score = try c.decode(UInt32.self, forKey: .score)
            indices = try c.decodeIfPresent([UInt32].self, forKey: .indices)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(root, forKey: .root)
            try c.encode(path, forKey: .path)
            try c.encode(matchType, forKey: .matchType)
            try c.encode(fileName, forKey: .fileName)
            try c.encode(score, forKey: .score)
            try c.encode(indices, forKey: .indices)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("root", .string, required: true),
                SchemaProperty("path", .string, required: true),
                SchemaProperty("match_type", .ref("FuzzyFileSearchMatchType"), required: true),
                SchemaProperty("file_name", .string, required: true),
                SchemaProperty("score", .integer, required: true),
                SchemaProperty("indices", .nullable(.array(.integer))),
            ])
        }
    }

    /// Result of `fuzzyFileSearch`.
    public struct FuzzyFileSearchResponse: AppServerType {
        public var files: [FuzzyFileSearchResult]

        public init(files: [FuzzyFileSearchResult]) {
            self.files = files
        }

        private enum CodingKeys: String, CodingKey {
            case files
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            files = try c.decode([FuzzyFileSearchResult].self, forKey: .files)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(files, forKey: .files)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("files", .array(.ref("FuzzyFileSearchResult")), required: true)
            ])
        }
    }
}
