// Untagged or externally tagged unions whose set of values grows upstream.

extension AppServerV2 {
    /// Structured cause of a turn error: a camelCase string, or a single-key object with details.
    public enum CodexErrorInfo: AppServerType, WireSchemaPlaceholder {
        public static var schemaPlaceholder: Self { .other }

        /// e.g. `contextWindowExceeded`, `usageLimitExceeded`, `serverOverloaded`, `unauthorized`, `other`.
        case named(String)
        /// e.g. `{"httpConnectionFailed": {"httpStatusCode": 502}}`, `{"activeTurnNotSteerable": {"turnKind": "review"}}`.
        case detailed(String, JSONValue)

        public static let contextWindowExceeded = Self.named("contextWindowExceeded")
        public static let usageLimitExceeded = Self.named("usageLimitExceeded")
        public static let serverOverloaded = Self.named("serverOverloaded")
        public static let internalServerError = Self.named("internalServerError")
        public static let unauthorized = Self.named("unauthorized")
        public static let badRequest = Self.named("badRequest")
        public static let sandboxError = Self.named("sandboxError")
        public static let other = Self.named("other")

        /// `{"httpConnectionFailed": {"httpStatusCode": N}}`.
        public static func httpConnectionFailed(httpStatusCode: Int64?) -> Self {
            .detailed("httpConnectionFailed", .object(["httpStatusCode": httpStatusCode.map(JSONValue.int) ?? .null]))
        }

        /// `{"responseStreamDisconnected": {"httpStatusCode": N}}`.
        public static func responseStreamDisconnected(httpStatusCode: Int64?) -> Self {
            .detailed(
                "responseStreamDisconnected", .object(["httpStatusCode": httpStatusCode.map(JSONValue.int) ?? .null]))
        }

        public init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer().decode(JSONValue.self)
            switch value {
            case .string(let name):
                self = .named(name)
            case .object(let object) where object.count == 1:
                let key = object.keys[0]
                self = .detailed(key, object[key] ?? .null)
            default:
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "codexErrorInfo must be a string or a single-key object"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .named(let name): try JSONValue.string(name).encode(to: encoder)
            case .detailed(let name, let payload): try JSONValue.object([name: payload]).encode(to: encoder)
            }
        }

        public static var schema: SchemaNode { .anyOf([.string, .map(.any)]) }
    }

    /// What created a thread: a known client kind, a custom name, or a sub-agent.
    public enum SessionSource: AppServerType, WireSchemaPlaceholder {
        public static var schemaPlaceholder: Self { .cli }

        /// `cli`, `vscode`, `exec`, `appServer` or `unknown`.
        case named(String)
        case custom(String)
        /// Sub-agent details, passed through as JSON.
        case subAgent(JSONValue)

        public static let cli = Self.named("cli")
        public static let vscode = Self.named("vscode")
        public static let exec = Self.named("exec")
        public static let appServer = Self.named("appServer")
        public static let unknown = Self.named("unknown")

        public init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer().decode(JSONValue.self)
            if case .string(let name) = value {
                self = .named(name)
            } else if let custom = value["custom"]?.stringValue {
                self = .custom(custom)
            } else if let subAgent = value["subAgent"] {
                self = .subAgent(subAgent)
            } else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath, debugDescription: "unknown thread source \(value.serialized())")
                )
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .named(let name): try JSONValue.string(name).encode(to: encoder)
            case .custom(let name): try JSONValue.object(["custom": .string(name)]).encode(to: encoder)
            case .subAgent(let details): try JSONValue.object(["subAgent": details]).encode(to: encoder)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .stringEnum(["cli", "vscode", "exec", "appServer", "unknown"]),
                .object([SchemaProperty("custom", .string, required: true)]),
                .object([SchemaProperty("subAgent", .any, required: true)]),
            ])
        }
    }

    /// The `cwd` filter of thread/list: one directory or several.
    public enum ThreadListCwdFilter: AppServerType, WireSchemaPlaceholder {
        public static var schemaPlaceholder: Self { .single("") }

        case single(String)
        case multiple([String])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode(String.self) {
                self = .single(single)
            } else {
                self = .multiple(try container.decode([String].self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .single(let path): try container.encode(path)
            case .multiple(let paths): try container.encode(paths)
            }
        }

        public static var schema: SchemaNode { .anyOf([.string, .array(.string)]) }
    }

    /// Params of `serverRequest/resolved`: a pending server request was answered or cleared.
    @PublicMemberwiseInit
    public struct ServerRequestResolvedNotification: AppServerType {
        public var threadId: String
        public var requestId: RequestID
    }
}

extension AppServerV2.ServerRequestResolvedNotification: ServerNotification {
    public static let method = "serverRequest/resolved"
}
