public import CodexProtocol

/// The tool definitions offered to the model (JSON, as the Responses API takes them).
///
/// For a model without catalog metadata the reference offers `shell_command`, `apply_patch` and
/// `update_plan`; providers that cannot take freeform (custom) tools get apply_patch as a function.
public enum ToolSpecs {
    /// The Lark grammar of the apply_patch freeform tool (the patch format, see docs).
    public static let applyPatchGrammar = """
        start: begin_patch hunk+ end_patch
        begin_patch: "*** Begin Patch" LF
        end_patch: "*** End Patch" LF?

        hunk: add_hunk | delete_hunk | update_hunk
        add_hunk: "*** Add File: " filename LF add_line+
        delete_hunk: "*** Delete File: " filename LF
        update_hunk: "*** Update File: " filename LF change_move? change?

        filename: /(.+)/
        add_line: "+" /(.*)/ LF -> line

        change_move: "*** Move to: " filename LF
        change: (change_context | change_line)+ eof_line?
        change_context: ("@@" | "@@ " /(.+)/) LF
        change_line: ("+" | "-" | " ") /(.*)/ LF
        eof_line: "*** End of File" LF

        %import common.LF
        """

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

    /// `apply_patch` as a freeform (custom) tool with the patch grammar.
    public static let applyPatchFreeform: JSONValue = [
        "type": "custom",
        "name": "apply_patch",
        "description": "Use the `apply_patch` tool to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.",
        "format": ["type": "grammar", "syntax": "lark", "definition": .string(applyPatchGrammar)],
    ]

    /// `apply_patch` as a function taking the patch text, for providers without custom tools.
    public static let applyPatchFunction: JSONValue = function(
        name: "apply_patch",
        description: """
            Edits files with a patch. The `input` is the whole patch: `*** Begin Patch`, then one or more file sections \
            (`*** Add File: path` followed by `+` lines; `*** Delete File: path`; `*** Update File: path`, optionally \
            `*** Move to: new/path`, then hunks starting with `@@` (optionally followed by a line of context) whose lines \
            start with ' ' (context), '-' (removed) or '+' (added)), then `*** End Patch`. Paths are relative to the \
            working directory. Grammar:
            \(applyPatchGrammar)
            """,
        properties: ["input": ["type": "string", "description": "The entire contents of the apply_patch command"]],
        required: ["input"])

    /// The default tool list; `freeformApplyPatch` is false for providers without custom tools (Chat Completions).
    public static func defaultTools(freeformApplyPatch: Bool) -> [JSONValue] {
        [shellCommand, freeformApplyPatch ? applyPatchFreeform : applyPatchFunction, updatePlan]
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
