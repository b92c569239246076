public import CodexProtocol

/// What one sub-command of a shell call does, for display (`parsed_cmd` in core events; front ends
/// map it onto their own wire).
///
/// Core JSON (snake_case): `{"type":"read","cmd","name","path"}`, `{"type":"list_files","cmd","path"}`,
/// `{"type":"search","cmd","query","path"}`, `{"type":"unknown","cmd"}`; absent optionals are `null`.
public enum ParsedCommand: Sendable, Hashable {
    /// Reads one file; `name` is the short display name, `path` the path as written (joined to any `cd`).
    case read(cmd: String, name: String, path: String)
    case listFiles(cmd: String, path: String?)
    case search(cmd: String, query: String?, path: String?)
    case unknown(cmd: String)

    /// The core JSON of this command (the shape above), as rollouts and core events carry it.
    public var coreJSON: JSONValue {
        switch self {
        case .read(let cmd, let name, let path):
            return ["type": "read", "cmd": .string(cmd), "name": .string(name), "path": .string(path)]
        case .listFiles(let cmd, let path):
            return ["type": "list_files", "cmd": .string(cmd), "path": path.map(JSONValue.string) ?? .null]
        case .search(let cmd, let query, let path):
            return [
                "type": "search", "cmd": .string(cmd), "query": query.map(JSONValue.string) ?? .null,
                "path": path.map(JSONValue.string) ?? .null,
            ]
        case .unknown(let cmd):
            return ["type": "unknown", "cmd": .string(cmd)]
        }
    }

    /// The display text of the (sub-)command.
    public var cmd: String {
        switch self {
        case .read(let cmd, _, _), .listFiles(let cmd, _), .search(let cmd, _, _), .unknown(let cmd):
            return cmd
        }
    }
}

extension ParsedCommand: Codable {
    private enum CodingKeys: String, CodingKey {
        case type
        case cmd
        case name
        case path
        case query
    }

    /// The `type` tag spellings of the core event.
    private enum Kind: String, Codable {
        case read
        case listFiles = "list_files"
        case search
        case unknown
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cmd = try container.decode(String.self, forKey: .cmd)
        switch try container.decode(Kind.self, forKey: .type) {
        case .read:
            self = .read(
                cmd: cmd,
                name: try container.decode(String.self, forKey: .name),
                path: try container.decode(String.self, forKey: .path)
            )
        case .listFiles:
            self = .listFiles(cmd: cmd, path: try container.decodeIfPresent(String.self, forKey: .path))
        case .search:
            self = .search(
                cmd: cmd,
                query: try container.decodeIfPresent(String.self, forKey: .query),
                path: try container.decodeIfPresent(String.self, forKey: .path)
            )
        case .unknown:
            self = .unknown(cmd: cmd)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .read(let cmd, let name, let path):
            try container.encode(Kind.read, forKey: .type)
            try container.encode(cmd, forKey: .cmd)
            try container.encode(name, forKey: .name)
            try container.encode(path, forKey: .path)
        case .listFiles(let cmd, let path):
            try container.encode(Kind.listFiles, forKey: .type)
            try container.encode(cmd, forKey: .cmd)
            try container.encodeOrNull(path, forKey: .path)
        case .search(let cmd, let query, let path):
            try container.encode(Kind.search, forKey: .type)
            try container.encode(cmd, forKey: .cmd)
            try container.encodeOrNull(query, forKey: .query)
            try container.encodeOrNull(path, forKey: .path)
        case .unknown(let cmd):
            try container.encode(Kind.unknown, forKey: .type)
            try container.encode(cmd, forKey: .cmd)
        }
    }
}

extension KeyedEncodingContainer {
    /// Writes the value, or an explicit `null` (serde's default for `Option` fields).
    mutating func encodeOrNull(_ value: String?, forKey key: Key) throws {
        if let value {
            try encode(value, forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }
}
