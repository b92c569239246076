// Params and results of config/read, config/value/write, config/batchWrite, configRequirements/read.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Where a config layer comes from, tagged by `type`.
    public enum ConfigLayerSource: AppServerType {
        case mdm(domain: String, key: String)
        case system(file: String)
        case user(file: String, profile: String?)
        case project(dotCodexFolder: String)
        case sessionFlags
        case packagedDefaults(file: String)
        case enterpriseManaged(id: String, name: String)
        case legacyManagedConfigTomlFromFile(file: String)
        case legacyManagedConfigTomlFromMdm
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case domain
            case key
            case file
            case profile
            case dotCodexFolder
            case id
            case name
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "mdm":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .mdm(
                    domain: try c.decode(String.self, forKey: .domain), key: try c.decode(String.self, forKey: .key))
            case "system":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .system(file: try c.decode(String.self, forKey: .file))
            case "user":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .user(
                    file: try c.decode(String.self, forKey: .file),
                    profile: try c.decodeIfPresent(String.self, forKey: .profile))
            case "project":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .project(dotCodexFolder: try c.decode(String.self, forKey: .dotCodexFolder))
            case "sessionFlags":
                self = .sessionFlags
            case "packagedDefaults":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .packagedDefaults(file: try c.decode(String.self, forKey: .file))
            case "enterpriseManaged":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .enterpriseManaged(
                    id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name))
            case "legacyManagedConfigTomlFromFile":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .legacyManagedConfigTomlFromFile(file: try c.decode(String.self, forKey: .file))
            case "legacyManagedConfigTomlFromMdm":
                self = .legacyManagedConfigTomlFromMdm
            default:
                self = .unknown(try JSONValue(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .mdm(let domain, let key):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(domain, forKey: .domain)
                try c.encode(key, forKey: .key)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("mdm", forKey: .type)
            case .system(let file):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(file, forKey: .file)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("system", forKey: .type)
            case .user(let file, let profile):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(file, forKey: .file)
                try c.encode(profile, forKey: .profile)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("user", forKey: .type)
            case .project(let dotCodexFolder):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(dotCodexFolder, forKey: .dotCodexFolder)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("project", forKey: .type)
            case .sessionFlags:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("sessionFlags", forKey: .type)
            case .packagedDefaults(let file):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(file, forKey: .file)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("packagedDefaults", forKey: .type)
            case .enterpriseManaged(let id, let name):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(id, forKey: .id)
                try c.encode(name, forKey: .name)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("enterpriseManaged", forKey: .type)
            case .legacyManagedConfigTomlFromFile(let file):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(file, forKey: .file)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("legacyManagedConfigTomlFromFile", forKey: .type)
            case .legacyManagedConfigTomlFromMdm:
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("legacyManagedConfigTomlFromMdm", forKey: .type)
            case .unknown(let raw):
                try raw.encode(to: encoder)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject(
                    "mdm",
                    [SchemaProperty("domain", .string, required: true), SchemaProperty("key", .string, required: true)]),
                .taggedObject("system", [SchemaProperty("file", .string, required: true)]),
                .taggedObject(
                    "user",
                    [SchemaProperty("file", .string, required: true), SchemaProperty("profile", .nullable(.string))]),
                .taggedObject("project", [SchemaProperty("dotCodexFolder", .string, required: true)]),
                .taggedObject("sessionFlags", []),
                .taggedObject("packagedDefaults", [SchemaProperty("file", .string, required: true)]),
                .taggedObject(
                    "enterpriseManaged",
                    [SchemaProperty("id", .string, required: true), SchemaProperty("name", .string, required: true)]),
                .taggedObject("legacyManagedConfigTomlFromFile", [SchemaProperty("file", .string, required: true)]),
                .taggedObject("legacyManagedConfigTomlFromMdm", []),
            ])
        }
    }

    /// Params of `config/read`.
    public struct ConfigReadParams: AppServerType {
        public var includeLayers: Bool
        public var cwd: String?

        public init(includeLayers: Bool = false, cwd: String? = nil) {
            self.includeLayers = includeLayers
            self.cwd = cwd
        }

        private enum CodingKeys: String, CodingKey {
            case includeLayers
            case cwd
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            includeLayers = try c.decodeIfPresent(Bool.self, forKey: .includeLayers) ?? false
            cwd = try c.decodeIfPresent(String.self, forKey: .cwd)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(includeLayers, forKey: .includeLayers)
            try c.encode(cwd, forKey: .cwd)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("includeLayers", .boolean),
                SchemaProperty("cwd", .nullable(.string)),
            ])
        }
    }

    /// Which layer set a value, and its version.
    public struct ConfigLayerMetadata: AppServerType {
        public var name: ConfigLayerSource
        public var version: String

        public init(name: ConfigLayerSource, version: String) {
            self.name = name
            self.version = version
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case version
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(ConfigLayerSource.self, forKey: .name)
            version = try c.decode(String.self, forKey: .version)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(version, forKey: .version)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("name", .ref("ConfigLayerSource"), required: true),
                SchemaProperty("version", .string, required: true),
            ])
        }
    }

    /// One config layer with its raw contents.
    public struct ConfigLayer: AppServerType {
        public var name: ConfigLayerSource
        public var version: String
        public var config: JSONValue
        public var disabledReason: String?

        public init(name: ConfigLayerSource, version: String, config: JSONValue, disabledReason: String? = nil) {
            self.name = name
            self.version = version
            self.config = config
            self.disabledReason = disabledReason
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case version
            case config
            case disabledReason
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(ConfigLayerSource.self, forKey: .name)
            version = try c.decode(String.self, forKey: .version)
            config = try c.decode(JSONValue.self, forKey: .config)
            disabledReason = try c.decodeIfPresent(String.self, forKey: .disabledReason)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(version, forKey: .version)
            try c.encode(config, forKey: .config)
            try c.encode(disabledReason, forKey: .disabledReason)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("name", .ref("ConfigLayerSource"), required: true),
                SchemaProperty("version", .string, required: true),
                SchemaProperty("config", .any, required: true),
                SchemaProperty("disabledReason", .nullable(.string)),
            ])
        }
    }

    /// Result of `config/read`; `config` uses config.toml (snake_case) keys.
    public struct ConfigReadResponse: AppServerType {
        public var config: JSONValue
        public var origins: [String: ConfigLayerMetadata]
        public var layers: [ConfigLayer]?

        public init(config: JSONValue, origins: [String: ConfigLayerMetadata], layers: [ConfigLayer]? = nil) {
            self.config = config
            self.origins = origins
            self.layers = layers
        }

        private enum CodingKeys: String, CodingKey {
            case config
            case origins
            case layers
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            config = try c.decode(JSONValue.self, forKey: .config)
            origins = try c.decode([String: ConfigLayerMetadata].self, forKey: .origins)
            layers = try c.decodeIfPresent([ConfigLayer].self, forKey: .layers)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(config, forKey: .config)
            try c.encode(origins, forKey: .origins)
            try c.encode(layers, forKey: .layers)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("config", .map(.any), required: true),
                SchemaProperty("origins", .map(.ref("ConfigLayerMetadata")), required: true),
                SchemaProperty("layers", .nullable(.array(.ref("ConfigLayer")))),
            ])
        }
    }

    /// Params of `config/value/write`.
    public struct ConfigValueWriteParams: AppServerType {
        public var keyPath: String
        public var value: JSONValue
        public var mergeStrategy: MergeStrategy
        public var filePath: String?
        public var expectedVersion: String?

        public init(
            keyPath: String, value: JSONValue, mergeStrategy: MergeStrategy, filePath: String? = nil,
            expectedVersion: String? = nil
        ) {
            self.keyPath = keyPath
            self.value = value
            self.mergeStrategy = mergeStrategy
            self.filePath = filePath
            self.expectedVersion = expectedVersion
        }

        private enum CodingKeys: String, CodingKey {
            case keyPath
            case value
            case mergeStrategy
            case filePath
            case expectedVersion
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            keyPath = try c.decode(String.self, forKey: .keyPath)
            value = try c.decode(JSONValue.self, forKey: .value)
            mergeStrategy = try c.decode(MergeStrategy.self, forKey: .mergeStrategy)
            filePath = try c.decodeIfPresent(String.self, forKey: .filePath)
            expectedVersion = try c.decodeIfPresent(String.self, forKey: .expectedVersion)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(keyPath, forKey: .keyPath)
            try c.encode(value, forKey: .value)
            try c.encode(mergeStrategy, forKey: .mergeStrategy)
            try c.encode(filePath, forKey: .filePath)
            try c.encode(expectedVersion, forKey: .expectedVersion)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("keyPath", .string, required: true),
                SchemaProperty("value", .any, required: true),
                SchemaProperty("mergeStrategy", .ref("MergeStrategy"), required: true),
                SchemaProperty("filePath", .nullable(.string)),
                SchemaProperty("expectedVersion", .nullable(.string)),
            ])
        }
    }

    /// One edit of `config/batchWrite`.
    public struct ConfigEdit: AppServerType {
        public var keyPath: String
        public var value: JSONValue
        public var mergeStrategy: MergeStrategy

        public init(keyPath: String, value: JSONValue, mergeStrategy: MergeStrategy) {
            self.keyPath = keyPath
            self.value = value
            self.mergeStrategy = mergeStrategy
        }

        private enum CodingKeys: String, CodingKey {
            case keyPath
            case value
            case mergeStrategy
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            keyPath = try c.decode(String.self, forKey: .keyPath)
            value = try c.decode(JSONValue.self, forKey: .value)
            mergeStrategy = try c.decode(MergeStrategy.self, forKey: .mergeStrategy)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(keyPath, forKey: .keyPath)
            try c.encode(value, forKey: .value)
            try c.encode(mergeStrategy, forKey: .mergeStrategy)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("keyPath", .string, required: true),
                SchemaProperty("value", .any, required: true),
                SchemaProperty("mergeStrategy", .ref("MergeStrategy"), required: true),
            ])
        }
    }

    /// Params of `config/batchWrite`.
    public struct ConfigBatchWriteParams: AppServerType {
        public var edits: [ConfigEdit]
        public var filePath: String?
        public var expectedVersion: String?
        public var reloadUserConfig: Bool

        public init(
            edits: [ConfigEdit], filePath: String? = nil, expectedVersion: String? = nil, reloadUserConfig: Bool = false
        ) {
            self.edits = edits
            self.filePath = filePath
            self.expectedVersion = expectedVersion
            self.reloadUserConfig = reloadUserConfig
        }

        private enum CodingKeys: String, CodingKey {
            case edits
            case filePath
            case expectedVersion
            case reloadUserConfig
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            edits = try c.decode([ConfigEdit].self, forKey: .edits)
            filePath = try c.decodeIfPresent(String.self, forKey: .filePath)
            expectedVersion = try c.decodeIfPresent(String.self, forKey: .expectedVersion)
            reloadUserConfig = try c.decodeIfPresent(Bool.self, forKey: .reloadUserConfig) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(edits, forKey: .edits)
            try c.encode(filePath, forKey: .filePath)
            try c.encode(expectedVersion, forKey: .expectedVersion)
            try c.encode(reloadUserConfig, forKey: .reloadUserConfig)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("edits", .array(.ref("ConfigEdit")), required: true),
                SchemaProperty("filePath", .nullable(.string)),
                SchemaProperty("expectedVersion", .nullable(.string)),
                SchemaProperty("reloadUserConfig", .boolean),
            ])
        }
    }

    /// Why a written value is not the effective one.
    public struct OverriddenMetadata: AppServerType {
        public var message: String
        public var overridingLayer: ConfigLayerMetadata
        public var effectiveValue: JSONValue

        public init(message: String, overridingLayer: ConfigLayerMetadata, effectiveValue: JSONValue) {
            self.message = message
            self.overridingLayer = overridingLayer
            self.effectiveValue = effectiveValue
        }

        private enum CodingKeys: String, CodingKey {
            case message
            case overridingLayer
            case effectiveValue
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            message = try c.decode(String.self, forKey: .message)
            overridingLayer = try c.decode(ConfigLayerMetadata.self, forKey: .overridingLayer)
            effectiveValue = try c.decode(JSONValue.self, forKey: .effectiveValue)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(overridingLayer, forKey: .overridingLayer)
            try c.encode(effectiveValue, forKey: .effectiveValue)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("message", .string, required: true),
                SchemaProperty("overridingLayer", .ref("ConfigLayerMetadata"), required: true),
                SchemaProperty("effectiveValue", .any, required: true),
            ])
        }
    }

    /// Result of `config/value/write` and `config/batchWrite`.
    public struct ConfigWriteResponse: AppServerType {
        public var status: WriteStatus
        public var version: String
        public var filePath: String
        public var overriddenMetadata: OverriddenMetadata?

        public init(
            status: WriteStatus, version: String, filePath: String, overriddenMetadata: OverriddenMetadata? = nil
        ) {
            self.status = status
            self.version = version
            self.filePath = filePath
            self.overriddenMetadata = overriddenMetadata
        }

        private enum CodingKeys: String, CodingKey {
            case status
            case version
            case filePath
            case overriddenMetadata
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            status = try c.decode(WriteStatus.self, forKey: .status)
            version = try c.decode(String.self, forKey: .version)
            filePath = try c.decode(String.self, forKey: .filePath)
            overriddenMetadata = try c.decodeIfPresent(OverriddenMetadata.self, forKey: .overriddenMetadata)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(status, forKey: .status)
            try c.encode(version, forKey: .version)
            try c.encode(filePath, forKey: .filePath)
            try c.encode(overriddenMetadata, forKey: .overriddenMetadata)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("status", .ref("WriteStatus"), required: true),
                SchemaProperty("version", .string, required: true),
                SchemaProperty("filePath", .string, required: true),
                SchemaProperty("overriddenMetadata", .nullable(.ref("OverriddenMetadata"))),
            ])
        }
    }

    /// Result of `configRequirements/read`; requirements are passed through as JSON.
    public struct ConfigRequirementsReadResponse: AppServerType {
        public var requirements: JSONValue?

        public init(requirements: JSONValue? = nil) {
            self.requirements = requirements
        }

        private enum CodingKeys: String, CodingKey {
            case requirements
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            requirements = try c.decodeIfPresent(JSONValue.self, forKey: .requirements)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(requirements, forKey: .requirements)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("requirements", .nullable(.map(.any)))
            ])
        }
    }
}
