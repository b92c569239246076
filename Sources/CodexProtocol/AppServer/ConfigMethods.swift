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
    @PublicMemberwiseInit
    public struct ConfigReadParams: AppServerType {
        @DefaultWhenAbsent public var includeLayers: Bool = false
        public var cwd: String?
    }

    /// Which layer set a value, and its version.
    @PublicMemberwiseInit
    public struct ConfigLayerMetadata: AppServerType {
        public var name: ConfigLayerSource
        public var version: String
    }

    /// One config layer with its raw contents.
    @PublicMemberwiseInit
    public struct ConfigLayer: AppServerType {
        public var name: ConfigLayerSource
        public var version: String
        public var config: JSONValue
        /// Left out when the layer is enabled, as the reference does.
        @OmitWhenNil public var disabledReason: String?
    }

    /// Result of `config/read`; `config` uses config.toml (snake_case) keys.
    @PublicMemberwiseInit
    public struct ConfigReadResponse: AppServerType {
        public var config: JSONObject
        public var origins: [String: ConfigLayerMetadata]
        /// Only with `includeLayers` (highest precedence first); left out otherwise, as the reference does.
        @OmitWhenNil public var layers: [ConfigLayer]?
    }

    /// Params of `config/value/write`.
    @PublicMemberwiseInit
    public struct ConfigValueWriteParams: AppServerType {
        public var keyPath: String
        public var value: JSONValue
        public var mergeStrategy: MergeStrategy
        public var filePath: String?
        public var expectedVersion: String?
    }

    /// One edit of `config/batchWrite`.
    @PublicMemberwiseInit
    public struct ConfigEdit: AppServerType {
        public var keyPath: String
        public var value: JSONValue
        public var mergeStrategy: MergeStrategy
    }

    /// Params of `config/batchWrite`.
    @PublicMemberwiseInit
    public struct ConfigBatchWriteParams: AppServerType {
        public var edits: [ConfigEdit]
        public var filePath: String?
        public var expectedVersion: String?
        @DefaultWhenAbsent public var reloadUserConfig: Bool = false
    }

    /// Why a written value is not the effective one.
    @PublicMemberwiseInit
    public struct OverriddenMetadata: AppServerType {
        public var message: String
        public var overridingLayer: ConfigLayerMetadata
        public var effectiveValue: JSONValue
    }

    /// Result of `config/value/write` and `config/batchWrite`.
    @PublicMemberwiseInit
    public struct ConfigWriteResponse: AppServerType {
        public var status: WriteStatus
        public var version: String
        public var filePath: String
        public var overriddenMetadata: OverriddenMetadata?
    }

    /// Result of `configRequirements/read`; requirements are passed through as JSON.
    @PublicMemberwiseInit
    public struct ConfigRequirementsReadResponse: AppServerType {
        public var requirements: JSONObject?
    }
}
