// The v2 sandbox policy (camelCase tagged form).

extension AppServerV2 {
    /// Turn-level sandbox policy, tagged by `type`.
    public enum SandboxPolicy: AppServerType, TaggedWireUnion {
        case dangerFullAccess
        case readOnly(networkAccess: Bool)
        case externalSandbox(networkAccess: NetworkAccess)
        case workspaceWrite(WorkspaceWriteSandbox)

        public enum CodingKeys: CodingKey, CaseIterable { case dangerFullAccess, readOnly, externalSandbox, workspaceWrite }

        public static var absentMemberDefaults: [String: [String: JSONValue]] {
            ["readOnly": ["networkAccess": false], "externalSandbox": ["networkAccess": "restricted"]]
        }
    }

    /// Settings of the `workspaceWrite` sandbox policy.
    public struct WorkspaceWriteSandbox: Codable, Sendable, Hashable {
        @DefaultWhenAbsent public var writableRoots: [String]
        @DefaultWhenAbsent public var networkAccess: Bool
        @DefaultWhenAbsent public var excludeTmpdirEnvVar: Bool
        @DefaultWhenAbsent public var excludeSlashTmp: Bool

        public init(
            writableRoots: [String] = [], networkAccess: Bool = false, excludeTmpdirEnvVar: Bool = false,
            excludeSlashTmp: Bool = false
        ) {
            self.writableRoots = writableRoots
            self.networkAccess = networkAccess
            self.excludeTmpdirEnvVar = excludeTmpdirEnvVar
            self.excludeSlashTmp = excludeSlashTmp
        }
    }
}
