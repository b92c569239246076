public import CodexProtocol

/// The apply_patch tool as advertised to the model: the freeform (custom, Lark grammar) form and
/// the JSON function form.
public enum ApplyPatchToolDefinition {
    /// The Lark grammar sent as the freeform tool's `format.definition`.
    public static let larkGrammar = """
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

    /// `{"type":"custom","name":"apply_patch",...,"format":{"type":"grammar","syntax":"lark",...}}`.
    public static var freeformTool: JSONValue {
        [
            "type": "custom",
            "name": "apply_patch",
            "description": "The `apply_patch` tool can be used to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.",
            "format": ["type": "grammar", "syntax": "lark", "definition": .string(larkGrammar)],
        ]
    }

    /// The function form (one required string parameter `input`), for models without freeform tools.
    public static var functionTool: JSONValue {
        [
            "type": "function",
            "name": "apply_patch",
            "description": .string(functionDescription),
            "strict": false,
            "parameters": [
                "type": "object",
                "properties": [
                    "input": ["type": "string", "description": "The entire contents of the apply_patch command"],
                ],
                "required": ["input"],
                "additionalProperties": false,
            ],
        ]
    }

    /// The function form's description: how to write a patch.
    static let functionDescription = """
        Use the `apply_patch` tool to edit files.
        The patch is a small, file-oriented diff format. It starts with `*** Begin Patch`, ends with \
        `*** End Patch`, and in between has one or more file operations, each opened by a header:

        *** Add File: <path> - create a new file; every following line starts with `+` and is a line of the file.
        *** Delete File: <path> - remove an existing file; nothing follows.
        *** Update File: <path> - change an existing file in place; optionally followed by \
        `*** Move to: <new path>` to rename it.

        An update holds one or more chunks. A chunk starts with `@@`, optionally followed by one line \
        (such as a class or function header) that occurs before the change and pins it down. Inside a \
        chunk each line starts with ` ` (unchanged context), `-` (removed) or `+` (added). Show about three \
        lines of context above and below each change; if that is not unique, add `@@` lines naming the \
        enclosing class or function. `*** End of File` after a chunk anchors it to the end of the file.

        Example:

        *** Begin Patch
        *** Add File: hello.txt
        +Hello world
        *** Update File: src/app.py
        *** Move to: src/main.py
        @@ def greet():
        -print("Hi")
        +print("Hello, world!")
        *** Delete File: obsolete.txt
        *** End Patch

        File paths are relative to the working directory; never use absolute paths for new files.
        """
}
