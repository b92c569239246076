// Granular approval settings (the object form of AskForApproval).

extension AppServerV2 {
    /// Per-category approval switches (snake_case on the wire).
    @PublicMemberwiseInit
    public struct GranularApprovalConfig: AppServerType {
        public var sandboxApproval: Bool
        public var rules: Bool
        public var mcpElicitations: Bool
        @DefaultWhenAbsent public var requestPermissions: Bool = false
        @DefaultWhenAbsent public var skillApproval: Bool = false

        private enum CodingKeys: String, CodingKey {
            case sandboxApproval = "sandbox_approval"
            case rules
            case mcpElicitations = "mcp_elicitations"
            case requestPermissions = "request_permissions"
            case skillApproval = "skill_approval"
        }
    }
}
