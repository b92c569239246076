import CodexCore
import CodexExec
import Testing

@Suite struct ExecHumanPrinterTests {
    @Test func transcriptWithoutColor() {
        var printer = ExecHumanPrinter(color: false)
        var command = CommandExecutionItem(
            id: "c", command: ["/bin/bash", "-lc", "ls"], displayCommand: "/bin/bash -lc ls", cwd: "/repo", status: .inProgress)
        var text = printer.render(.itemStarted(turnID: "t", item: .commandExecution(command)))
        command.status = .completed
        command.exitCode = 0
        command.durationMs = 120
        command.aggregatedOutput = "a\nb\n"
        text += printer.render(.itemCompleted(turnID: "t", item: .commandExecution(command)))
        text += printer.render(.itemCompleted(turnID: "t", item: .agentMessage(id: "m", text: "Done.")))
        text += printer.tokensUsed(12345)
        #expect(
            text == """
                exec
                /bin/bash -lc ls in /repo
                 succeeded in 120ms:
                a
                b

                codex
                Done.
                tokens used
                12,345

                """)
    }

    @Test func failuresAndDurations() {
        var printer = ExecHumanPrinter(color: false)
        let command = CommandExecutionItem(
            id: "c", command: ["false"], displayCommand: "false", cwd: "/", status: .failed, exitCode: 2, durationMs: 1340)
        #expect(printer.render(.itemCompleted(turnID: "t", item: .commandExecution(command))) == " exited 2 in 1.3s:\n")
        #expect(printer.render(.streamError(turnID: "t", message: "boom", willRetry: false)) == "ERROR: boom\n")
    }
}
