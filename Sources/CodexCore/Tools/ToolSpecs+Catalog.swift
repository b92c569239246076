import CodexConfig
public import CodexProtocol

extension ToolSpecs {
    /// `exec_command` as the reference 0.163.0 offers it to unified-exec models.
    public static let execCommand: JSONValue = [
        "type": "function",
        "name": "exec_command",
        "description": "Runs a command in a PTY, returning output or a session ID for ongoing interaction.",
        "strict": false,
        "parameters": [
            "type": "object",
            "properties": [
                "cmd": ["type": "string", "description": "Shell command to execute."],
                "justification": [
                    "type": "string",
                    "description": "User-facing approval question for `require_escalated`; omit otherwise.",
                ],
                "login": [
                    "type": "boolean",
                    "description": "True runs the shell with -l/-i semantics; false disables them. Defaults to true.",
                ],
                "max_output_tokens": [
                    "type": "number",
                    "description": "Output token budget. Defaults to 10000 tokens; larger requests may be capped by policy.",
                ],
                "prefix_rule": [
                    "type": "array",
                    "description":
                        "Reusable approval prefix for `cmd`, only with `sandbox_permissions: \"require_escalated\"`; for example [\"git\", \"pull\"].",
                    "items": ["type": "string"],
                ],
                "sandbox_permissions": [
                    "type": "string",
                    "description":
                        "Per-command sandbox override. Defaults to `use_default`; use `require_escalated` for unsandboxed execution.",
                    "enum": ["use_default", "require_escalated"],
                ],
                "shell": ["type": "string", "description": "Shell binary to launch. Defaults to the user's default shell."],
                "tty": [
                    "type": "boolean",
                    "description": "True allocates a PTY for the command; false or omitted uses plain pipes.",
                ],
                "workdir": [
                    "type": "string", "description": "Working directory for the command. Defaults to the turn cwd.",
                ],
                "yield_time_ms": [
                    "type": "number",
                    "description": "Wait before yielding output. Defaults to 10000 ms; effective range is 250-30000 ms.",
                ],
            ],
            "required": ["cmd"],
            "additionalProperties": false,
        ],
    ]

    /// `write_stdin` as the reference 0.163.0 offers it to unified-exec models.
    public static let writeStdin: JSONValue = [
        "type": "function",
        "name": "write_stdin",
        "description": "Writes characters to an existing unified exec session and returns recent output.",
        "strict": false,
        "parameters": [
            "type": "object",
            "properties": [
                "chars": [
                    "type": "string",
                    "description": "Bytes to write to stdin. Defaults to empty, which polls without writing.",
                ],
                "max_output_tokens": [
                    "type": "number",
                    "description": "Output token budget. Defaults to 10000 tokens; larger requests may be capped by policy.",
                ],
                "session_id": ["type": "number", "description": "Identifier of the running unified exec session."],
                "yield_time_ms": [
                    "type": "number",
                    "description":
                        "Wait before yielding output. Non-empty writes default to 250 ms and cap at 30000 ms; empty polls wait 5000-300000 ms by default.",
                ],
            ],
            "required": ["session_id"],
            "additionalProperties": false,
        ],
    ]

    /// The provider's own `web_search` tool: `external_web_access` is true for live results, false for cached.
    public static func webSearch(live: Bool) -> JSONValue {
        ["type": "web_search", "external_web_access": .bool(live)]
    }

    /// `view_image`: a local image into the model's next request.
    public static var viewImage: JSONValue { ViewImageTool.definition }

    /// `request_user_input`: questions for the user (answered in Plan mode only).
    public static var requestUserInput: JSONValue { RequestUserInputTool.definition }

    /// The tools for the thread's model: the catalog's choice when the model has an entry
    /// (`shell_type`, `apply_patch_tool_type`), else today's default (`shell_command`, apply_patch, update_plan).
    ///
    /// For a catalog model the list follows the reference's order: the shell tools, `request_user_input`,
    /// apply_patch, `view_image`, then `web_search` unless config `web_search` is `disabled`. It leaves out
    /// `update_plan`, which 0.163.0 does not offer there, and the reference's multi-agent and goal tools,
    /// which this build does not have. Shell types other than `unified_exec` and `disabled` (the classic
    /// `shell`, `local_shell`) get `shell_command`.
    public static func tools(for settings: ThreadSettings) -> [JSONValue] {
        guard let entry = settings.modelCatalog?.entry(for: settings.model) else {
            return defaultTools(freeformApplyPatch: settings.supportsFreeformTools)
        }
        var tools: [JSONValue] = []
        switch entry.shellType {
        case "unified_exec": tools += [execCommand, writeStdin]
        case "disabled": break
        default: tools.append(shellCommand)
        }
        tools.append(requestUserInput)
        switch entry.applyPatchToolType {
        case "freeform":
            tools.append(
                settings.supportsFreeformTools ? ApplyPatchToolDefinition.freeformTool : ApplyPatchToolDefinition.functionTool)
        case "function": tools.append(ApplyPatchToolDefinition.functionTool)
        default: break
        }
        tools.append(viewImage)
        switch settings.webSearch {
        case .disabled: break
        case .cached: tools.append(webSearch(live: false))
        case .live: tools.append(webSearch(live: true))
        }
        return tools
    }
}
