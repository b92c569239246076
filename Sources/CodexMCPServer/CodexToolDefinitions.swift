public import CodexProtocol

/// The two tools `codex mcp-server` offers, `codex` and `codex-reply`, as `tools/list` describes them
/// (names, titles, descriptions, input and output schemas of upstream's `codex-rs/mcp-server`).
public enum CodexToolDefinitions {
    public static let codexToolName = "codex"
    public static let replyToolName = "codex-reply"

    /// Both tools' output: the thread to continue and the final message.
    public static let outputSchema: JSONValue = [
        "type": "object",
        "properties": ["threadId": ["type": "string"], "content": ["type": "string"]],
        "required": ["threadId", "content"],
    ]

    /// Input of `codex`: kebab-case properties, only `prompt` required.
    public static let codexInputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "prompt": ["type": "string", "description": "The initial user prompt that starts the Codex session."],
            "model": ["type": "string", "description": "Model override (e.g. `gpt-5.2-codex`)."],
            "profile": ["type": "string", "description": "A configuration profile from config.toml to take defaults from."],
            "cwd": [
                "type": "string",
                "description": "Working directory of the session; a relative path resolves against the server's working directory.",
            ],
            "approval-policy": [
                "type": "string", "enum": ["untrusted", "on-failure", "on-request", "never"],
                "description": "When shell commands the model proposes need approval.",
            ],
            "sandbox": [
                "type": "string", "enum": ["read-only", "workspace-write", "danger-full-access"],
                "description": "Sandbox mode for the commands the model runs.",
            ],
            "config": [
                "type": "object", "additionalProperties": true,
                "description": "Config settings (dotted keys to values) that override CODEX_HOME/config.toml, as `-c` does.",
            ],
            "base-instructions": ["type": "string", "description": "Instructions to use instead of the default ones."],
            "developer-instructions": [
                "type": "string", "description": "Instructions injected as a developer-role message.",
            ],
            "compact-prompt": ["type": "string", "description": "The prompt used when the conversation is compacted."],
        ],
        "required": ["prompt"],
    ]

    /// Input of `codex-reply`: the thread and the next prompt (`conversationId` is the deprecated name of `threadId`).
    public static let replyInputSchema: JSONValue = [
        "type": "object",
        "properties": [
            "threadId": ["type": "string", "description": "The thread to continue (the `threadId` a `codex` call returned)."],
            "conversationId": ["type": "string", "description": "Deprecated: the same as `threadId`."],
            "prompt": ["type": "string", "description": "The next user prompt of the conversation."],
        ],
        "required": ["prompt"],
    ]

    /// The `tools/list` entries, in order.
    public static let all: [JSONValue] = [
        [
            "name": .string(codexToolName), "title": "Codex",
            "description": "Run a Codex session. Accepts configuration parameters matching the Codex Config struct.",
            "inputSchema": codexInputSchema, "outputSchema": outputSchema,
        ],
        [
            "name": .string(replyToolName), "title": "Codex Reply",
            "description": "Continue a Codex conversation by providing the thread id and prompt.",
            "inputSchema": replyInputSchema, "outputSchema": outputSchema,
        ],
    ]
}
