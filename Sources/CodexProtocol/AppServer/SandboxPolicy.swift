// The v2 sandbox policy (camelCase tagged form).
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Turn-level sandbox policy, tagged by `type`.
    public enum SandboxPolicy: AppServerType {
        case dangerFullAccess
        case readOnly(networkAccess: Bool)
        case externalSandbox(networkAccess: NetworkAccess)
        case workspaceWrite(WorkspaceWriteSandbox)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case networkAccess
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "dangerFullAccess":
                self = .dangerFullAccess
            case "readOnly":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .readOnly(networkAccess: try c.decodeIfPresent(Bool.self, forKey: .networkAccess) ?? false)
            case "externalSandbox":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .externalSandbox(
                    networkAccess: try c.decodeIfPresent(NetworkAccess.self, forKey: .networkAccess) ?? .restricted)
            case "workspaceWrite":
                self = .workspaceWrite(try WorkspaceWriteSandbox(from: decoder))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: TagKey.type, in: try decoder.container(keyedBy: TagKey.self),
                    debugDescription: "unknown SandboxPolicy type `\(tag)`")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .dangerFullAccess:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("dangerFullAccess", forKey: .type)
            case .readOnly(let networkAccess):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(networkAccess, forKey: .networkAccess)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("readOnly", forKey: .type)
            case .externalSandbox(let networkAccess):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(networkAccess, forKey: .networkAccess)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("externalSandbox", forKey: .type)
            case .workspaceWrite(let payload):
                try payload.encode(to: encoder)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("workspaceWrite", forKey: .type)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject("dangerFullAccess", []),
                .taggedObject("readOnly", [SchemaProperty("networkAccess", .boolean)]),
                .taggedObject("externalSandbox", [SchemaProperty("networkAccess", .ref("NetworkAccess"))]),
                .taggedObject("workspaceWrite", WorkspaceWriteSandbox.objectProperties),
            ])
        }
    }

    /// Settings of the `workspaceWrite` sandbox policy.
    public struct WorkspaceWriteSandbox: Codable, Sendable, Hashable {
        public var writableRoots: [String]
        public var networkAccess: Bool
        public var excludeTmpdirEnvVar: Bool
        public var excludeSlashTmp: Bool

        public init(
            writableRoots: [String] = [], networkAccess: Bool = false, excludeTmpdirEnvVar: Bool = false,
            excludeSlashTmp: Bool = false
        ) {
            self.writableRoots = writableRoots
            self.networkAccess = networkAccess
            self.excludeTmpdirEnvVar = excludeTmpdirEnvVar
            self.excludeSlashTmp = excludeSlashTmp
        }

        private enum CodingKeys: String, CodingKey {
            case writableRoots
            case networkAccess
            case excludeTmpdirEnvVar
            case excludeSlashTmp
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            writableRoots = try c.decodeIfPresent([String].self, forKey: .writableRoots) ?? []
            networkAccess = try c.decodeIfPresent(Bool.self, forKey: .networkAccess) ?? false
            excludeTmpdirEnvVar = try c.decodeIfPresent(Bool.self, forKey: .excludeTmpdirEnvVar) ?? false
            excludeSlashTmp = try c.decodeIfPresent(Bool.self, forKey: .excludeSlashTmp) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(writableRoots, forKey: .writableRoots)
            try c.encode(networkAccess, forKey: .networkAccess)
            try c.encode(excludeTmpdirEnvVar, forKey: .excludeTmpdirEnvVar)
            try c.encode(excludeSlashTmp, forKey: .excludeSlashTmp)
        }

        /// The object schema without the union tag; the union adds `type`.
        public static var objectProperties: [SchemaProperty] {
            [
                SchemaProperty("writableRoots", .array(.string)),
                SchemaProperty("networkAccess", .boolean),
                SchemaProperty("excludeTmpdirEnvVar", .boolean),
                SchemaProperty("excludeSlashTmp", .boolean),
            ]
        }
    }
}
