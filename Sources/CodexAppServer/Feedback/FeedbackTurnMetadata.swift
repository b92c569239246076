import CodexCore

/// What a report says about the model that produced the reported turn, read from the thread's
/// rollout: the turn's model and reasoning effort, and a hash of the thread's base instructions.
struct FeedbackTurnMetadata: Sendable, Hashable {
    var model: String
    /// The turn's effort (`high`, ...), nil when the model default applied.
    var effort: String?
    var promptHash: String?

    /// The metadata of turn `turnID` (else the last turn) of the rollout at `path`; nil when the
    /// rollout cannot be read or has no such turn.
    static func read(rolloutPath path: String, turnID: String?) -> FeedbackTurnMetadata? {
        guard let rollout = try? RolloutReader.load(path: path, selection: .turns) else { return nil }
        let promptHash = rollout.meta.baseInstructions.map(normalizedPromptHash)
        for line in rollout.lines.reversed() {
            guard case .turnContext(let context) = line.item else { continue }
            if let turnID, context.turnID != turnID { continue }
            return FeedbackTurnMetadata(model: context.model, effort: context.effort, promptHash: promptHash)
        }
        return nil
    }

    /// SHA-256 (hex) of the instructions with every run of whitespace made one space and the ends trimmed.
    static func normalizedPromptHash(_ prompt: String) -> String {
        let normalized = prompt.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return ContentVersion.sha256Hex(Array(normalized.utf8))
    }

    /// The effort tag as 0.163.0 writes it (Rust's debug form of `Option<ReasoningEffort>`): `Some(High)`, `None`.
    var effortTag: String {
        guard let effort else { return "None" }
        let variants = [
            "none": "None", "minimal": "Minimal", "low": "Low", "medium": "Medium", "high": "High", "xhigh": "XHigh",
            "ultra": "Ultra",
        ]
        let name = variants[effort] ?? (effort.prefix(1).uppercased() + effort.dropFirst())
        return "Some(\(name))"
    }

    /// Applies the metadata to a report's tags: drops the client's `prompt_hash` and `prompt_version`
    /// (only the server may vouch for them), then sets `model`, `effort` and `prompt_hash`.
    static func apply(_ metadata: FeedbackTurnMetadata?, to tags: inout [String: String]) {
        tags["prompt_hash"] = nil
        tags["prompt_version"] = nil
        guard let metadata else { return }
        tags["model"] = metadata.model
        tags["effort"] = metadata.effortTag
        if let promptHash = metadata.promptHash { tags["prompt_hash"] = promptHash }
    }
}
