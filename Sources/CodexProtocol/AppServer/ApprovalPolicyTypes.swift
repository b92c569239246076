// Granular approval settings (the object form of AskForApproval).
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// Per-category approval switches (snake_case on the wire).
    public struct GranularApprovalConfig: AppServerType {
        public var sandboxApproval: Bool
        public var rules: Bool
        public var mcpElicitations: Bool
        public var requestPermissions: Bool
        public var skillApproval: Bool

        public init(
            sandboxApproval: Bool, rules: Bool, mcpElicitations: Bool, requestPermissions: Bool = false,
            skillApproval: Bool = false
        ) {
            self.sandboxApproval = sandboxApproval
            self.rules = rules
            self.mcpElicitations = mcpElicitations
            self.requestPermissions = requestPermissions
            self.skillApproval = skillApproval
        }

        private enum CodingKeys: String, CodingKey {
            case sandboxApproval = "sandbox_approval"
            case rules
            case mcpElicitations = "mcp_elicitations"
            case requestPermissions = "request_permissions"
            case skillApproval = "skill_approval"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sandboxApproval = try c.decode(Bool.self, forKey: .sandboxApproval)
            rules = try c.decode(Bool.self, forKey: .rules)
            mcpElicitations = try c.decode(Bool.self, forKey: .mcpElicitations)
            requestPermissions = try c.decodeIfPresent(Bool.self, forKey: .requestPermissions) ?? false
            skillApproval = try c.decodeIfPresent(Bool.self, forKey: .skillApproval) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sandboxApproval, forKey: .sandboxApproval)
            try c.encode(rules, forKey: .rules)
            try c.encode(mcpElicitations, forKey: .mcpElicitations)
            try c.encode(requestPermissions, forKey: .requestPermissions)
            try c.encode(skillApproval, forKey: .skillApproval)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("sandbox_approval", .boolean, required: true),
                SchemaProperty("rules", .boolean, required: true),
                SchemaProperty("mcp_elicitations", .boolean, required: true),
                SchemaProperty("request_permissions", .boolean),
                SchemaProperty("skill_approval", .boolean),
            ])
        }
    }
}
