public import CodexProtocol

/// The first line of every rollout: who started the thread, where, and with which provider.
public struct SessionMeta: Sendable, Hashable {
    public var id: ThreadID
    /// UTC creation time in the line-timestamp format.
    public var timestamp: String
    public var cwd: String
    /// The client that created the thread (`codex_exec`, `codex_cli_rs`, an app-server client's name).
    public var originator: String
    public var cliVersion: String
    public var source: SessionSource
    public var modelProvider: String?
    /// The base instructions the thread was started with (`base_instructions.text`, classic `instructions`).
    public var baseInstructions: String?
    /// The thread this one was forked from.
    public var forkedFromID: ThreadID?
    public var git: GitInfo?
    /// Members this version does not model, kept as read (e.g. 0.163.0's `history_mode`).
    public var otherFields: JSONObject

    public init(
        id: ThreadID, timestamp: String, cwd: String, originator: String, cliVersion: String,
        source: SessionSource, modelProvider: String? = nil, baseInstructions: String? = nil,
        forkedFromID: ThreadID? = nil, git: GitInfo? = nil, otherFields: JSONObject = JSONObject()
    ) {
        self.id = id
        self.timestamp = timestamp
        self.cwd = cwd
        self.originator = originator
        self.cliVersion = cliVersion
        self.source = source
        self.modelProvider = modelProvider
        self.baseInstructions = baseInstructions
        self.forkedFromID = forkedFromID
        self.git = git
        self.otherFields = otherFields
    }

    static let modelledKeys: Set<String> = [
        "id", "timestamp", "cwd", "originator", "cli_version", "source", "model_provider", "base_instructions",
        "instructions", "forked_from_id", "git",
    ]

    /// Reads a `session_meta` payload.
    init(payload: JSONValue) throws(RolloutFieldError) {
        let context = "session_meta"
        let object = try payload.requireObject(in: context)
        let idText = try object.requiredString("id", in: context)
        guard let id = ThreadID(idText) else { throw RolloutFieldError(message: "session_meta: invalid id \"\(idText)\"") }
        self.id = id
        timestamp = try object.optionalString("timestamp", in: context) ?? ""
        cwd = try object.requiredString("cwd", in: context)
        originator = try object.optionalString("originator", in: context) ?? ""
        cliVersion = try object.optionalString("cli_version", in: context) ?? ""
        source = object["source"].map(SessionSource.init(json:)) ?? .unknown(.null)
        modelProvider = try object.optionalString("model_provider", in: context)
        switch object["base_instructions"] {
        case .string(let text)?: baseInstructions = text
        case .object(let wrapper)?: baseInstructions = try wrapper.optionalString("text", in: "session_meta.base_instructions")
        default: baseInstructions = try object.optionalString("instructions", in: context)
        }
        if let forked = try object.optionalString("forked_from_id", in: context) {
            guard let forkedID = ThreadID(forked) else {
                throw RolloutFieldError(message: "session_meta: invalid forked_from_id \"\(forked)\"")
            }
            forkedFromID = forkedID
        } else {
            forkedFromID = nil
        }
        if let gitValue = object["git"], !gitValue.isNull {
            git = try GitInfo(json: gitValue.requireObject(in: "session_meta.git"))
        } else {
            git = nil
        }
        otherFields = object.removing(Self.modelledKeys)
    }

    /// The payload as written: modelled members first in the reference's order, then the preserved ones.
    var payload: JSONValue {
        var object = JSONObject([
            ("id", .string(id.rawValue)), ("timestamp", .string(timestamp)), ("cwd", .string(cwd)),
            ("originator", .string(originator)), ("cli_version", .string(cliVersion)), ("source", source.json),
        ])
        if let modelProvider { object["model_provider"] = .string(modelProvider) }
        if let baseInstructions { object["base_instructions"] = ["text": .string(baseInstructions)] }
        if let forkedFromID { object["forked_from_id"] = .string(forkedFromID.rawValue) }
        if let git { object["git"] = git.json }
        object.merge(missingFrom: otherFields)
        return .object(object)
    }
}

/// Where a thread came from; listings show interactive ones (`cli`, `vscode`) by default.
public enum SessionSource: Sendable, Hashable {
    case cli
    case vscode
    case exec
    /// The reference's `Mcp` source kind, written as `"mcp"`.
    case mcp
    /// A sub-agent thread (`{"subagent": ...}`), with the detail as written.
    case subagent(JSONValue)
    /// Anything else, kept as written.
    case unknown(JSONValue)

    init(json: JSONValue) {
        switch json {
        case .string("cli"): self = .cli
        case .string("vscode"): self = .vscode
        case .string("exec"): self = .exec
        case .string("mcp"): self = .mcp
        case .object(let object) where object.count == 1 && object["subagent"] != nil:
            self = .subagent(object["subagent"] ?? .null)
        default: self = .unknown(json)
        }
    }

    /// The JSON spelling.
    public var json: JSONValue {
        switch self {
        case .cli: return "cli"
        case .vscode: return "vscode"
        case .exec: return "exec"
        case .mcp: return "mcp"
        case .subagent(let detail): return ["subagent": detail]
        case .unknown(let raw): return raw
        }
    }

    /// The kind as a plain word: `cli`, `vscode`, `exec`, `mcp`, `subagent` or `unknown`.
    public var kind: String {
        switch self {
        case .cli: return "cli"
        case .vscode: return "vscode"
        case .exec: return "exec"
        case .mcp: return "mcp"
        case .subagent: return "subagent"
        case .unknown: return "unknown"
        }
    }

    /// True for sources a person drives directly (`cli`, `vscode`).
    public var isInteractive: Bool { self == .cli || self == .vscode }
}

/// The git state recorded when a thread started.
public struct GitInfo: Sendable, Hashable {
    public var commitHash: String?
    public var branch: String?
    public var repositoryURL: String?

    public init(commitHash: String? = nil, branch: String? = nil, repositoryURL: String? = nil) {
        self.commitHash = commitHash
        self.branch = branch
        self.repositoryURL = repositoryURL
    }

    init(json object: JSONObject) throws(RolloutFieldError) {
        commitHash = try object.optionalString("commit_hash", in: "session_meta.git")
        branch = try object.optionalString("branch", in: "session_meta.git")
        repositoryURL = try object.optionalString("repository_url", in: "session_meta.git")
    }

    var json: JSONValue {
        var object = JSONObject()
        if let commitHash { object["commit_hash"] = .string(commitHash) }
        if let branch { object["branch"] = .string(branch) }
        if let repositoryURL { object["repository_url"] = .string(repositoryURL) }
        return .object(object)
    }
}
