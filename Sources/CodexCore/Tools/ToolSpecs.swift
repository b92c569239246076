public import CodexProtocol

/// The tool definitions offered to the model (JSON, as the Responses API takes them).
///
/// For a model without catalog metadata the reference offers `shell_command`, `apply_patch` and
/// `update_plan`; providers that cannot take freeform (custom) tools get apply_patch as a function.
public enum ToolSpecs {
    /// `shell_command`: a script for the user's shell.
    public static let shellCommand: JSONValue = function(
        name: "shell_command",
        description: """
            Runs a shell command and returns its output. The command is a script for the user's default shell, run as \
            `<shell> -lc <command>`. Always set `workdir`; avoid `cd` in the command.
            """,
        properties: [
            "command": ["type": "string", "description": "The shell script to run."],
            "workdir": ["type": "string", "description": "The working directory to run the command in."],
            "timeout_ms": ["type": "number", "description": "The timeout for the command in milliseconds."],
            "sandbox_permissions": [
                "type": "string",
                "description":
                    "Sandbox permissions for the command. Set to \"require_escalated\" to request running without sandbox restrictions; defaults to \"use_default\".",
            ],
            "justification": [
                "type": "string",
                "description": "Only with sandbox_permissions=\"require_escalated\": one sentence telling the user why the command needs it.",
            ],
            "prefix_rule": [
                "type": "array", "items": ["type": "string"],
                "description": .string(
                    "Only specify when sandbox_permissions is `require_escalated`. Suggest a prefix command pattern that "
                        + "will allow you to fulfill similar requests from the user in the future. Should be a short but "
                        + "reasonable prefix, e.g. [\"git\", \"pull\"] or [\"uv\", \"run\"] or [\"pytest\"]."),
            ],
        ],
        required: ["command"])

    /// `update_plan`: the agent's step list.
    public static let updatePlan: JSONValue = function(
        name: "update_plan",
        description: """
            Updates the task plan. Give an optional explanation and a list of steps with their status; at most one step \
            may be in_progress at a time.
            """,
        properties: [
            "explanation": ["type": "string"],
            "plan": [
                "type": "array",
                "description": "The list of steps",
                "items": [
                    "type": "object",
                    "properties": [
                        "step": ["type": "string"],
                        "status": ["type": "string", "description": "One of: pending, in_progress, completed"],
                    ],
                    "required": ["step", "status"],
                    "additionalProperties": false,
                ],
            ],
        ],
        required: ["plan"])

    /// The default tool list; `freeformApplyPatch` is false for providers without custom tools (Chat Completions).
    public static func defaultTools(freeformApplyPatch: Bool) -> [JSONValue] {
        [
            shellCommand,
            freeformApplyPatch ? ApplyPatchToolDefinition.freeformTool : ApplyPatchToolDefinition.functionTool,
            updatePlan,
        ]
    }

    private static func function(name: String, description: String, properties: JSONObject, required: [String])
        -> JSONValue
    {
        [
            "type": "function",
            "name": .string(name),
            "description": .string(description),
            "strict": false,
            "parameters": [
                "type": "object",
                "properties": .object(properties),
                "required": .array(required.map { .string($0) }),
                "additionalProperties": false,
            ],
        ]
    }
}
