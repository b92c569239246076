// Approval policy: a kebab-case string or `{"granular": {...}}`.

extension AppServerV2 {
    /// When the agent must ask before acting; unknown strings (e.g. the removed `on-failure`) are rejected.
    public enum AskForApproval: AppServerType {
        case untrusted
        case onRequest
        case never
        case granular(GranularApprovalConfig)

        private enum ObjectKey: String, CodingKey { case granular }

        public init(from decoder: any Decoder) throws {
            if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
                switch text {
                case "untrusted": self = .untrusted
                case "on-request": self = .onRequest
                case "never": self = .never
                default:
                    throw DecodingError.dataCorruptedError(
                        in: container,
                        debugDescription:
                            "unknown variant `\(text)`, expected one of `untrusted`, `on-request`, `never`, `granular`")
                }
                return
            }
            let object = try decoder.container(keyedBy: ObjectKey.self)
            self = .granular(try object.decode(GranularApprovalConfig.self, forKey: .granular))
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .untrusted, .onRequest, .never:
                var container = encoder.singleValueContainer()
                try container.encode(stringValue ?? "")
            case .granular(let config):
                var container = encoder.container(keyedBy: ObjectKey.self)
                try container.encode(config, forKey: .granular)
            }
        }

        /// The wire string of the simple forms; nil for `granular`.
        public var stringValue: String? {
            switch self {
            case .untrusted: return "untrusted"
            case .onRequest: return "on-request"
            case .never: return "never"
            case .granular: return nil
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .stringEnum(["untrusted", "on-request", "never"]),
                .object([SchemaProperty("granular", .ref("GranularApprovalConfig"), required: true)]),
            ])
        }
    }
}
