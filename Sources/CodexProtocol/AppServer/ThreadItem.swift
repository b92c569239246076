// Items inside a turn (tagged by `type`).
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// What a shell command does, as parsed for display.
    public enum CommandAction: AppServerType {
        case read(command: String, name: String, path: String)
        case listFiles(command: String, path: String?)
        case search(command: String, query: String?, path: String?)
        case unknown(command: String)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case command
            case name
            case path
            case query
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "read":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .read(
                    command: try c.decode(String.self, forKey: .command),
                    name: try c.decode(String.self, forKey: .name), path: try c.decode(String.self, forKey: .path))
            case "listFiles":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .listFiles(
                    command: try c.decode(String.self, forKey: .command),
                    path: try c.decodeIfPresent(String.self, forKey: .path))
            case "search":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .search(
                    command: try c.decode(String.self, forKey: .command),
                    query: try c.decodeIfPresent(String.self, forKey: .query),
                    path: try c.decodeIfPresent(String.self, forKey: .path))
            case "unknown":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .unknown(command: try c.decode(String.self, forKey: .command))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: TagKey.type, in: try decoder.container(keyedBy: TagKey.self),
                    debugDescription: "unknown CommandAction type `\(tag)`")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .read(let command, let name, let path):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(command, forKey: .command)
                try c.encode(name, forKey: .name)
                try c.encode(path, forKey: .path)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("read", forKey: .type)
            case .listFiles(let command, let path):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(command, forKey: .command)
                try c.encode(path, forKey: .path)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("listFiles", forKey: .type)
            case .search(let command, let query, let path):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(command, forKey: .command)
                try c.encode(query, forKey: .query)
                try c.encode(path, forKey: .path)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("search", forKey: .type)
            case .unknown(let command):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(command, forKey: .command)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("unknown", forKey: .type)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject(
                    "read",
                    [
                        SchemaProperty("command", .string, required: true),
                        SchemaProperty("name", .string, required: true),
                        SchemaProperty("path", .string, required: true),
                    ]),
                .taggedObject(
                    "listFiles",
                    [SchemaProperty("command", .string, required: true), SchemaProperty("path", .nullable(.string))]),
                .taggedObject(
                    "search",
                    [
                        SchemaProperty("command", .string, required: true), SchemaProperty("query", .nullable(.string)),
                        SchemaProperty("path", .nullable(.string)),
                    ]),
                .taggedObject("unknown", [SchemaProperty("command", .string, required: true)]),
            ])
        }
    }

    /// Kind of a file change.
    public enum PatchChangeKind: AppServerType {
        case add
        case delete
        case update(movePath: String?)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case movePath = "move_path"
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "add":
                self = .add
            case "delete":
                self = .delete
            case "update":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .update(movePath: try c.decodeIfPresent(String.self, forKey: .movePath))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: TagKey.type, in: try decoder.container(keyedBy: TagKey.self),
                    debugDescription: "unknown PatchChangeKind type `\(tag)`")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .add:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("add", forKey: .type)
            case .delete:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("delete", forKey: .type)
            case .update(let movePath):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(movePath, forKey: .movePath)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("update", forKey: .type)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject("add", []),
                .taggedObject("delete", []),
                .taggedObject("update", [SchemaProperty("move_path", .nullable(.string))]),
            ])
        }
    }

    /// One file touched by a patch.
    public struct FileUpdateChange: AppServerType {
        public var path: String
        public var kind: PatchChangeKind
        public var diff: String

        public init(path: String, kind: PatchChangeKind, diff: String) {
            self.path = path
            self.kind = kind
            self.diff = diff
        }

        private enum CodingKeys: String, CodingKey {
            case path
            case kind
            case diff
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            path = try c.decode(String.self, forKey: .path)
            kind = try c.decode(PatchChangeKind.self, forKey: .kind)
            diff = try c.decode(String.self, forKey: .diff)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .path)
            try c.encode(kind, forKey: .kind)
            try c.encode(diff, forKey: .diff)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("path", .string, required: true),
                SchemaProperty("kind", .ref("PatchChangeKind"), required: true),
                SchemaProperty("diff", .string, required: true),
            ])
        }
    }

    /// One item of a turn; kinds this build does not model are kept verbatim.
    public enum ThreadItem: AppServerType {
        case userMessage(id: String, content: [UserInput], clientId: String?)
        case agentMessage(id: String, text: String)
        case reasoning(id: String, summary: [String], content: [String])
        case commandExecution(CommandExecutionItem)
        case fileChange(id: String, changes: [FileUpdateChange], status: PatchApplyStatus)
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case id
            case content
            case clientId
            case text
            case summary
            case changes
            case status
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "userMessage":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .userMessage(
                    id: try c.decode(String.self, forKey: .id),
                    content: try c.decode([UserInput].self, forKey: .content),
                    clientId: try c.decodeIfPresent(String.self, forKey: .clientId))
            case "agentMessage":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .agentMessage(
                    id: try c.decode(String.self, forKey: .id), text: try c.decode(String.self, forKey: .text))
            case "reasoning":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .reasoning(
                    id: try c.decode(String.self, forKey: .id),
                    summary: try c.decodeIfPresent([String].self, forKey: .summary) ?? [],
                    content: try c.decodeIfPresent([String].self, forKey: .content) ?? [])
            case "commandExecution":
                self = .commandExecution(try CommandExecutionItem(from: decoder))
            case "fileChange":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .fileChange(
                    id: try c.decode(String.self, forKey: .id),
                    changes: try c.decode([FileUpdateChange].self, forKey: .changes),
                    status: try c.decode(PatchApplyStatus.self, forKey: .status))
            default:
                self = .unknown(try JSONValue(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .userMessage(let id, let content, let clientId):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(id, forKey: .id)
                try c.encode(content, forKey: .content)
                try c.encodeIfPresent(clientId, forKey: .clientId)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("userMessage", forKey: .type)
            case .agentMessage(let id, let text):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(id, forKey: .id)
                try c.encode(text, forKey: .text)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("agentMessage", forKey: .type)
            case .reasoning(let id, let summary, let content):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(id, forKey: .id)
                try c.encode(summary, forKey: .summary)
                try c.encode(content, forKey: .content)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("reasoning", forKey: .type)
            case .commandExecution(let payload):
                try payload.encode(to: encoder)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("commandExecution", forKey: .type)
            case .fileChange(let id, let changes, let status):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(id, forKey: .id)
                try c.encode(changes, forKey: .changes)
                try c.encode(status, forKey: .status)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("fileChange", forKey: .type)
            case .unknown(let raw):
                try raw.encode(to: encoder)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject(
                    "userMessage",
                    [
                        SchemaProperty("id", .string, required: true),
                        SchemaProperty("content", .array(.ref("UserInput")), required: true),
                        SchemaProperty("clientId", .string),
                    ]),
                .taggedObject(
                    "agentMessage",
                    [SchemaProperty("id", .string, required: true), SchemaProperty("text", .string, required: true)]),
                .taggedObject(
                    "reasoning",
                    [
                        SchemaProperty("id", .string, required: true), SchemaProperty("summary", .array(.string)),
                        SchemaProperty("content", .array(.string)),
                    ]),
                .taggedObject("commandExecution", CommandExecutionItem.objectProperties),
                .taggedObject(
                    "fileChange",
                    [
                        SchemaProperty("id", .string, required: true),
                        SchemaProperty("changes", .array(.ref("FileUpdateChange")), required: true),
                        SchemaProperty("status", .ref("PatchApplyStatus"), required: true),
                    ]),
            ])
        }
    }

    /// A shell command the agent ran.
    public struct CommandExecutionItem: Codable, Sendable, Hashable {
        public var id: String
        public var command: String
        public var cwd: String
        public var processId: String?
        public var status: CommandExecutionStatus
        public var commandActions: [CommandAction]
        public var aggregatedOutput: String?
        public var exitCode: Int32?
        public var durationMs: Int64?
        public var source: CommandExecutionSource

        public init(
            id: String, command: String, cwd: String, processId: String? = nil, status: CommandExecutionStatus,
            commandActions: [CommandAction], aggregatedOutput: String? = nil, exitCode: Int32? = nil,
            durationMs: Int64? = nil, source: CommandExecutionSource = .agent
        ) {
            self.id = id
            self.command = command
            self.cwd = cwd
            self.processId = processId
            self.status = status
            self.commandActions = commandActions
            self.aggregatedOutput = aggregatedOutput
            self.exitCode = exitCode
            self.durationMs = durationMs
            self.source = source
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case command
            case cwd
            case processId
            case status
            case commandActions
            case aggregatedOutput
            case exitCode
            case durationMs
            case source
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            command = try c.decode(String.self, forKey: .command)
            cwd = try c.decode(String.self, forKey: .cwd)
            processId = try c.decodeIfPresent(String.self, forKey: .processId)
            status = try c.decode(CommandExecutionStatus.self, forKey: .status)
            commandActions = try c.decode([CommandAction].self, forKey: .commandActions)
            aggregatedOutput = try c.decodeIfPresent(String.self, forKey: .aggregatedOutput)
            exitCode = try c.decodeIfPresent(Int32.self, forKey: .exitCode)
            durationMs = try c.decodeIfPresent(Int64.self, forKey: .durationMs)
            source = try c.decodeIfPresent(CommandExecutionSource.self, forKey: .source) ?? .agent
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(command, forKey: .command)
            try c.encode(cwd, forKey: .cwd)
            try c.encode(processId, forKey: .processId)
            try c.encode(status, forKey: .status)
            try c.encode(commandActions, forKey: .commandActions)
            try c.encode(aggregatedOutput, forKey: .aggregatedOutput)
            try c.encode(exitCode, forKey: .exitCode)
            try c.encode(durationMs, forKey: .durationMs)
            try c.encode(source, forKey: .source)
        }

        /// The object schema without the union tag; the union adds `type`.
        public static var objectProperties: [SchemaProperty] {
            [
                SchemaProperty("id", .string, required: true),
                SchemaProperty("command", .string, required: true),
                SchemaProperty("cwd", .string, required: true),
                SchemaProperty("processId", .nullable(.string)),
                SchemaProperty("status", .ref("CommandExecutionStatus"), required: true),
                SchemaProperty("commandActions", .array(.ref("CommandAction")), required: true),
                SchemaProperty("aggregatedOutput", .nullable(.string)),
                SchemaProperty("exitCode", .nullable(.integer)),
                SchemaProperty("durationMs", .nullable(.integer)),
                SchemaProperty("source", .ref("CommandExecutionSource")),
            ]
        }
    }
}
