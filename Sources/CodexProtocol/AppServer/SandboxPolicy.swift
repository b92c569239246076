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
    @PublicMemberwiseInit
    public struct WorkspaceWriteSandbox: Codable, Sendable, Hashable {
        @DefaultWhenAbsent public var writableRoots: [String] = []
        @DefaultWhenAbsent public var networkAccess: Bool = false
        @DefaultWhenAbsent public var excludeTmpdirEnvVar: Bool = false
        @DefaultWhenAbsent public var excludeSlashTmp: Bool = false
    }
}
