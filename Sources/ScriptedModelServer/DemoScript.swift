import CodexTestSupport

/// The built-in demo: a streamed preamble, a command, a patch, and a final answer.
enum DemoScript {
    static let script = MockScript(replies: [
        .functionCall(
            callID: "call_demo_ls", name: "shell_command",
            arguments: #"{"command":"echo 'sandboxed command ran in:' && pwd && ls","workdir":"."}"#),
        .customToolCall(
            callID: "call_demo_patch", name: "apply_patch",
            input: """
                *** Begin Patch
                *** Add File: HELLO_FROM_CODEX.md
                +# Hello
                +
                +This file was written by the scripted demo through apply_patch.
                *** End Patch
                """),
        .assistantText(
            "Done. I listed the folder inside the sandbox and added `HELLO_FROM_CODEX.md` with apply_patch. "
                + "(This answer came from the scripted demo server, not a real model.)",
            deltas: ["Done. ", "I listed the folder inside the sandbox ", "and added `HELLO_FROM_CODEX.md` with apply_patch. ",
                "(This answer came from the scripted demo server, not a real model.)"]),
        .assistantText(
            "Resumed: this turn continued the earlier session (its history was sent again). "
                + "(Scripted demo server, not a real model.)"),
    ])
}
