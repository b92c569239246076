import CodexProtocol

/// The models `model/list` offers when the provider has no model listing of its own.
enum ModelPresets {
    static let standardEfforts: [AppServerV2.ReasoningEffortOption] = [
        .init(reasoningEffort: .low, description: "Fast responses with lighter reasoning"),
        .init(reasoningEffort: .medium, description: "Balances speed and reasoning depth for everyday tasks"),
        .init(reasoningEffort: .high, description: "Greater reasoning depth for complex problems"),
        .init(reasoningEffort: .xhigh, description: "Extra high reasoning depth for complex problems"),
    ]

    /// Built-in presets, the default model first.
    static let builtIn: [AppServerV2.Model] = [
        preset("gpt-5.1-codex-max", "Latest Codex-optimized flagship for deep and fast reasoning."),
        preset("gpt-5.1-codex", "Optimized for codex."),
        preset("gpt-5.1-codex-mini", "Optimized for codex. Cheaper, faster, but less capable."),
        preset("gpt-5.1", "Broad world knowledge with strong general reasoning."),
    ]

    /// A preset entry for `slug`.
    static func preset(_ slug: String, _ description: String, hidden: Bool = false) -> AppServerV2.Model {
        AppServerV2.Model(
            id: slug, model: slug, displayName: slug, description: description, hidden: hidden, isDefault: false,
            supportedReasoningEfforts: standardEfforts, defaultReasoningEffort: .medium)
    }

    /// An entry for a model known only by id (the configured model, or a provider's listing).
    static func plain(_ slug: String) -> AppServerV2.Model {
        preset(slug, "")
    }
}
