import CodexProtocol

/// `request_user_input`: questions for the user, answered only in Plan collaboration mode.
///
/// The reference offers the tool to catalogued models in every mode; outside Plan mode a call gets
/// "request_user_input is unavailable in Default mode". This core has no Plan mode yet, so that is
/// every call's answer.
enum RequestUserInputTool {
    /// The tool definition, as the reference offers it.
    static let definition: JSONValue = [
        "type": "function",
        "name": "request_user_input",
        "description":
            "Request user input for one to three short questions and wait for the response. This tool is only available in Plan mode.",
        "strict": false,
        "parameters": [
            "type": "object",
            "properties": [
                "questions": [
                    "type": "array",
                    "description": "Questions to show the user. Prefer 1 and do not exceed 3",
                    "items": [
                        "type": "object",
                        "properties": [
                            "header": [
                                "type": "string",
                                "description": "Short header label shown in the UI (12 or fewer chars).",
                            ],
                            "id": [
                                "type": "string", "description": "Stable identifier for mapping answers (snake_case).",
                            ],
                            "options": [
                                "type": "array",
                                "description": .string(
                                    "Provide 2-3 mutually exclusive choices. Put the recommended option first and suffix its "
                                        + "label with \"(Recommended)\". Do not include an \"Other\" option in this list; the "
                                        + "client will add a free-form \"Other\" option automatically."),
                                "items": [
                                    "type": "object",
                                    "properties": [
                                        "description": [
                                            "type": "string",
                                            "description": "One short sentence explaining impact/tradeoff if selected.",
                                        ],
                                        "label": ["type": "string", "description": "User-facing label (1-5 words)."],
                                    ],
                                    "required": ["label", "description"],
                                    "additionalProperties": false,
                                ],
                            ],
                            "question": ["type": "string", "description": "Single-sentence prompt shown to the user."],
                        ],
                        "required": ["id", "header", "question", "options"],
                        "additionalProperties": false,
                    ],
                ]
            ],
            "required": ["questions"],
            "additionalProperties": false,
        ],
    ]

    /// The answer to a call made outside Plan mode.
    static let unavailableInDefaultMode = "request_user_input is unavailable in Default mode"

    /// Runs one call.
    static func run() -> ToolResult {
        ToolResult(output: unavailableInDefaultMode)
    }
}
