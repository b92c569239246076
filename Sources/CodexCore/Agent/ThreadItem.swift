/// An item of a turn as the core reports it: what the user said, what the agent said or did.
///
/// Front ends map these onto their wire (app-server `ThreadItem`, exec JSONL items). Ids are
/// stable across started/delta/completed events of one item.
public enum ThreadItem: Sendable, Hashable {
    case userMessage(id: String, content: [UserInput])
    case agentMessage(id: String, text: String)
    case reasoning(id: String, summary: [String], content: [String])
    case commandExecution(CommandExecutionItem)
    case fileChange(FileChangeItem)
    /// A call to an external provider's tool (an MCP server's).
    case externalToolCall(ExternalToolCallItem)
    /// A non-fatal problem worth showing (a warning, a notice).
    case notice(id: String, message: String)
    /// The thread's history was compacted (summarized) to fit the model's context window.
    case contextCompaction(id: String)
    /// A code review began (`request.userFacingHint` is what people see of it).
    case enteredReviewMode(id: String, request: ReviewRequest)
    /// A code review ended: its result, or nil when it was interrupted or failed.
    case exitedReviewMode(id: String, output: ReviewOutput?)
    /// The model's provider searched the web (a `web_search_call` output item).
    case webSearch(WebSearchItem)
    /// `view_image` put a local image into the model's input; `id` is the tool's call id.
    case imageView(id: String, path: String)

    /// The item's id.
    public var id: String {
        switch self {
        case .userMessage(let id, _), .agentMessage(let id, _), .reasoning(let id, _, _), .notice(let id, _),
            .contextCompaction(let id), .enteredReviewMode(let id, _), .exitedReviewMode(let id, _), .imageView(let id, _):
            return id
        case .webSearch(let item): return item.id
        case .commandExecution(let item): return item.id
        case .fileChange(let item): return item.id
        case .externalToolCall(let item): return item.id
        }
    }
}

/// What the user sends in a turn.
public enum UserInput: Sendable, Hashable {
    case text(String)
    /// An image by URL (`data:` URLs included).
    case image(url: String)
    /// An image file on disk, read and sent as a data URL.
    case localImage(path: String)
}

/// Lifecycle of a tool item.
public enum ItemStatus: Sendable, Hashable {
    case inProgress
    case completed
    case failed
    case declined
}

/// A shell command the agent ran (or asked to run).
public struct CommandExecutionItem: Sendable, Hashable {
    public var id: String
    /// The argv actually run (e.g. `["/bin/bash", "-lc", "ls"]`).
    public var command: [String]
    /// Shell-joined for display (`/bin/bash -lc ls`).
    public var displayCommand: String
    public var cwd: String
    public var status: ItemStatus
    public var aggregatedOutput: String
    public var exitCode: Int32?
    public var durationMs: Int64?
    /// What the command does, per sub-command (read / list files / search / unknown).
    public var parsedCommands: [ParsedCommand]

    public init(
        id: String, command: [String], displayCommand: String, cwd: String, status: ItemStatus,
        aggregatedOutput: String = "", exitCode: Int32? = nil, durationMs: Int64? = nil, parsedCommands: [ParsedCommand] = []
    ) {
        self.id = id
        self.command = command
        self.displayCommand = displayCommand
        self.cwd = cwd
        self.status = status
        self.aggregatedOutput = aggregatedOutput
        self.exitCode = exitCode
        self.durationMs = durationMs
        self.parsedCommands = parsedCommands
    }
}

/// A set of file edits made through apply_patch.
public struct FileChangeItem: Sendable, Hashable {
    public var id: String
    public var changes: [FileChange]
    public var status: ItemStatus

    public init(id: String, changes: [FileChange], status: ItemStatus) {
        self.id = id
        self.changes = changes
        self.status = status
    }
}

/// One file of a `FileChangeItem`.
public struct FileChange: Sendable, Hashable {
    /// How the file changes.
    public enum Kind: Sendable, Hashable {
        case add
        case delete
        case update(movePath: String?)
    }

    /// Absolute path of the file.
    public var path: String
    public var kind: Kind
    /// Unified diff (for an add, the new content).
    public var diff: String

    public init(path: String, kind: Kind, diff: String) {
        self.path = path
        self.kind = kind
        self.diff = diff
    }
}
