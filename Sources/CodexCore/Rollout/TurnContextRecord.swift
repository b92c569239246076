public import CodexProtocol

/// A `turn_context` line: the settings one turn ran with, so a resumed thread can restore them.
public struct TurnContextRecord: Sendable, Hashable {
    public var turnID: String?
    public var cwd: String
    /// `untrusted`, `on-request`, `never`, ... as written.
    public var approvalPolicy: String
    /// The sandbox policy as written, e.g. `{"type":"read-only"}`.
    public var sandboxPolicy: JSONValue
    public var model: String
    /// Reasoning effort (`low`, `medium`, ...), nil when the model default applied.
    public var effort: String?
    /// Reasoning summary mode (`auto`, `concise`, `detailed`, `none`).
    public var summary: String
    /// Members this version does not model, kept as read.
    public var otherFields: JSONObject

    public init(
        turnID: String? = nil, cwd: String, approvalPolicy: String, sandboxPolicy: JSONValue, model: String,
        effort: String? = nil, summary: String, otherFields: JSONObject = JSONObject()
    ) {
        self.turnID = turnID
        self.cwd = cwd
        self.approvalPolicy = approvalPolicy
        self.sandboxPolicy = sandboxPolicy
        self.model = model
        self.effort = effort
        self.summary = summary
        self.otherFields = otherFields
    }

    init(payload: JSONValue) throws(RolloutFieldError) {
        let context = "turn_context"
        let object = try payload.requireObject(in: context)
        turnID = try object.optionalString("turn_id", in: context)
        cwd = try object.requiredString("cwd", in: context)
        approvalPolicy = try object.requiredString("approval_policy", in: context)
        sandboxPolicy = object["sandbox_policy"] ?? .null
        model = try object.requiredString("model", in: context)
        effort = try object.optionalString("effort", in: context)
        summary = try object.optionalString("summary", in: context) ?? "auto"
        otherFields = object.removing(["turn_id", "cwd", "approval_policy", "sandbox_policy", "model", "effort", "summary"])
    }

    var payload: JSONValue {
        var object = JSONObject()
        if let turnID { object["turn_id"] = .string(turnID) }
        object["cwd"] = .string(cwd)
        object["approval_policy"] = .string(approvalPolicy)
        object["sandbox_policy"] = sandboxPolicy
        object["model"] = .string(model)
        if let effort { object["effort"] = .string(effort) }
        object["summary"] = .string(summary)
        object.merge(missingFrom: otherFields)
        return .object(object)
    }
}

/// A `compacted` line: the summary that replaced older history, and optionally the exact replacement.
public struct CompactedRecord: Sendable, Hashable {
    /// The summary text produced by compaction.
    public var message: String
    /// The full history that replaces everything before this line (remote compaction); nil for local.
    public var replacementHistory: [ResponseItem]?

    public init(message: String, replacementHistory: [ResponseItem]? = nil) {
        self.message = message
        self.replacementHistory = replacementHistory
    }

    init(payload: JSONValue) throws(RolloutFieldError) {
        let object = try payload.requireObject(in: "compacted")
        message = try object.optionalString("message", in: "compacted") ?? ""
        if let replacement = object["replacement_history"], !replacement.isNull {
            guard let items = replacement.arrayValue else {
                throw RolloutFieldError(message: "compacted: field `replacement_history` must be an array")
            }
            var decoded: [ResponseItem] = []
            for (index, item) in items.enumerated() {
                decoded.append(try ResponseItemJSON.decode(item, context: "compacted.replacement_history[\(index)]"))
            }
            replacementHistory = decoded
        } else {
            replacementHistory = nil
        }
    }

    func payload() throws(RolloutFieldError) -> JSONValue {
        var object = JSONObject([("message", .string(message))])
        if let replacementHistory {
            var items: [JSONValue] = []
            for item in replacementHistory { items.append(try ResponseItemJSON.encode(item)) }
            object["replacement_history"] = .array(items)
        }
        return .object(object)
    }
}
