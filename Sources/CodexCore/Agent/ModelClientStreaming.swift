public import CodexConfig

/// The real `ModelStreaming`: one HTTP model call per request through `ModelClient`.
public struct ModelClientStreaming: ModelStreaming {
    public let client: ModelClient

    public init(client: ModelClient) {
        self.client = client
    }

    public func stream(
        _ prompt: ModelPrompt,
        isolation: isolated (any Actor)?,
        onUpdate: (ModelStreamUpdate) async -> Void
    ) async throws {
        var reasoning: ModelRequest.Reasoning?
        if prompt.reasoningEffort != nil || prompt.reasoningSummary != nil {
            reasoning = ModelRequest.Reasoning(effort: prompt.reasoningEffort, summary: prompt.reasoningSummary)
        }
        let request = ModelRequest(
            model: prompt.model, instructions: prompt.instructions, input: prompt.input, tools: prompt.tools,
            reasoning: reasoning, outputSchema: prompt.outputSchema, threadID: prompt.threadID,
            extraHeaders: prompt.extraHeaders)
        try await client.withEventStream(for: request, isolation: isolation) { events in
            for try await event in events {
                switch event {
                case .created: break
                case .outputItemAdded(let item): await onUpdate(.itemAdded(item))
                case .outputTextDelta(let delta): await onUpdate(.textDelta(delta))
                case .reasoningSummaryDelta(let delta, let index): await onUpdate(.reasoningSummaryDelta(delta, summaryIndex: index))
                case .reasoningSummaryPartAdded(let index): await onUpdate(.reasoningSummaryPartAdded(summaryIndex: index))
                case .reasoningContentDelta(let delta, let index): await onUpdate(.reasoningContentDelta(delta, contentIndex: index))
                case .outputItemDone(let item): await onUpdate(.itemDone(item))
                case .completed(_, let usage): await onUpdate(.completed(usage: usage ?? .zero))
                case .retrying(let notice):
                    await onUpdate(.retrying(attempt: notice.attempt, maxAttempts: notice.maxAttempts, message: notice.reason))
                case .rateLimits(let snapshot): await onUpdate(.rateLimits(snapshot))
                }
            }
        }
    }
}

extension ModelProviderSettings {
    /// The settings of a configured provider.
    public init(id: String, info: ModelProviderInfo) {
        var baseURL = info.baseURL ?? "https://api.openai.com/v1"
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        self.init(
            id: id, name: info.name, baseURL: baseURL, envKey: info.envKey, envKeyInstructions: info.envKeyInstructions,
            wireAPI: info.wireAPI, queryParams: info.queryParams, httpHeaders: info.httpHeaders,
            envHTTPHeaders: info.envHTTPHeaders, requestMaxRetries: info.requestMaxRetries,
            streamMaxRetries: info.streamMaxRetries, streamIdleTimeout: .milliseconds(info.streamIdleTimeoutMs),
            requiresOpenAIAuth: info.requiresOpenAIAuth)
    }
}
