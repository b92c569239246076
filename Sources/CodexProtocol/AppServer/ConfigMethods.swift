// Params and results of config/read, config/value/write, config/batchWrite, configRequirements/read.

extension AppServerV2 {
    /// Where a config layer comes from, tagged by `type`.
    public enum ConfigLayerSource: AppServerType, OpenTaggedWireUnion {
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

        public enum CodingKeys: CodingKey, CaseIterable {
            case mdm, system, user, project, sessionFlags, packagedDefaults, enterpriseManaged
            case legacyManagedConfigTomlFromFile, legacyManagedConfigTomlFromMdm, unknown
        }

        public init(unknownVariant raw: JSONValue) { self = .unknown(raw) }

        public var unknownVariantPayload: JSONValue? {
            if case .unknown(let raw) = self { return raw }
            return nil
        }
    }

    /// Params of `config/read`.
    public struct ConfigReadParams: AppServerType {
        @DefaultWhenAbsent public var includeLayers: Bool
        public var cwd: String?

        public init(includeLayers: Bool = false, cwd: String? = nil) {
            self.includeLayers = includeLayers
            self.cwd = cwd
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
    }

    /// Result of `config/read`; `config` uses config.toml (snake_case) keys.
    public struct ConfigReadResponse: AppServerType {
        public var config: JSONObject
        public var origins: [String: ConfigLayerMetadata]
        public var layers: [ConfigLayer]?

        public init(config: JSONObject, origins: [String: ConfigLayerMetadata], layers: [ConfigLayer]? = nil) {
            self.config = config
            self.origins = origins
            self.layers = layers
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
    }

    /// Params of `config/batchWrite`.
    public struct ConfigBatchWriteParams: AppServerType {
        public var edits: [ConfigEdit]
        public var filePath: String?
        public var expectedVersion: String?
        @DefaultWhenAbsent public var reloadUserConfig: Bool

        public init(
            edits: [ConfigEdit], filePath: String? = nil, expectedVersion: String? = nil, reloadUserConfig: Bool = false
        ) {
            self.edits = edits
            self.filePath = filePath
            self.expectedVersion = expectedVersion
            self.reloadUserConfig = reloadUserConfig
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
    }

    /// Result of `configRequirements/read`; requirements are passed through as JSON.
    public struct ConfigRequirementsReadResponse: AppServerType {
        public var requirements: JSONObject?

        public init(requirements: JSONObject? = nil) {
            self.requirements = requirements
        }
    }
}
