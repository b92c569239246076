public import CodexProtocol

/// One model call: the whole history plus what the turn offers (tools, reasoning, output schema).
public struct ModelRequest: Sendable, Hashable {
    /// Reasoning options sent as `reasoning: {effort, summary}`; a nil field is omitted.
    public struct Reasoning: Sendable, Hashable {
        public var effort: String?
        public var summary: String?

        public init(effort: String? = nil, summary: String? = nil) {
            self.effort = effort
            self.summary = summary
        }
    }

    public var model: String
    /// Base instructions; omitted from the body when empty.
    public var instructions: String
    public var input: [ResponseItem]
    /// Tool definitions in Responses form (`{"type":"function","name",...}` or `custom`, ...).
    public var tools: [JSONValue]
    public var parallelToolCalls: Bool
    public var reasoning: Reasoning?
    /// JSON Schema for the final answer (`codex exec --output-schema`).
    public var outputSchema: JSONValue?
    /// `text.verbosity` (`low`/`medium`/`high`) for models that support it.
    public var verbosity: String?
    /// The thread id: `prompt_cache_key` and the `session-id`/`thread-id` headers.
    public var threadID: String
    /// Sent as `client_metadata` when set.
    public var clientMetadata: JSONValue?
    /// Extra per-request headers (e.g. `x-codex-turn-metadata`, `x-openai-subagent`).
    public var extraHeaders: [String: String]

    public init(
        model: String,
        instructions: String = "",
        input: [ResponseItem],
        tools: [JSONValue] = [],
        parallelToolCalls: Bool = false,
        reasoning: Reasoning? = nil,
        outputSchema: JSONValue? = nil,
        verbosity: String? = nil,
        threadID: String,
        clientMetadata: JSONValue? = nil,
        extraHeaders: [String: String] = [:]
    ) {
        self.model = model
        self.instructions = instructions
        self.input = input
        self.tools = tools
        self.parallelToolCalls = parallelToolCalls
        self.reasoning = reasoning
        self.outputSchema = outputSchema
        self.verbosity = verbosity
        self.threadID = threadID
        self.clientMetadata = clientMetadata
        self.extraHeaders = extraHeaders
    }

    /// The `POST /responses` body, keys in the reference's order. Item `id`s are dropped, except for
    /// Azure endpoints (`azure: true`), which also get `store: true`.
    public func responsesBody(azure: Bool = false) throws -> JSONValue {
        var body = JSONObject()
        body["model"] = .string(model)
        if !instructions.isEmpty { body["instructions"] = .string(instructions) }
        body["input"] = .array(try input.map { try Self.encode($0, keepID: azure) })
        body["tools"] = .array(tools)
        body["tool_choice"] = "auto"
        body["parallel_tool_calls"] = .bool(parallelToolCalls)
        if let reasoning {
            var object = JSONObject()
            if let effort = reasoning.effort { object["effort"] = .string(effort) }
            if let summary = reasoning.summary { object["summary"] = .string(summary) }
            body["reasoning"] = .object(object)
        }
        body["store"] = .bool(azure)
        body["stream"] = true
        body["include"] = JSONValue.array(reasoning == nil ? [] : ["reasoning.encrypted_content"])
        body["prompt_cache_key"] = .string(threadID)
        if verbosity != nil || outputSchema != nil {
            var text = JSONObject()
            if let verbosity { text["verbosity"] = .string(verbosity) }
            if let outputSchema {
                text["format"] = [
                    "type": "json_schema", "name": "codex_output_schema", "strict": true, "schema": outputSchema,
                ]
            }
            body["text"] = .object(text)
        }
        if let clientMetadata { body["client_metadata"] = clientMetadata }
        return .object(body)
    }

    static func encode(_ item: ResponseItem, keepID: Bool) throws -> JSONValue {
        let value = try JSONValue(encoding: item)
        guard !keepID, case .object(let object) = value, object["id"] != nil else { return value }
        return .object(JSONObject(object.filter { $0.key != "id" }.map { ($0.key, $0.value) }))
    }
}
