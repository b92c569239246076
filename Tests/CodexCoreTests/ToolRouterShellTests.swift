import CodexConfig
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// `shell_command` through the router without a sandbox (danger-full-access, policy never).
struct ToolRouterShellTests {
    @Test func echoRunsAndReportsInTheReferenceFormat() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("echo hello-router"), context: recorder.context(settings: settings))
        #expect(!result.abortTurn)
        #expect(result.output.hasPrefix("Exit code: 0\nWall time: "))
        #expect(result.output.hasSuffix(" seconds\nOutput:\nhello-router\n"))

        let items = await recorder.commandItems
        #expect(items.map(\.phase) == ["started", "completed"])
        let started = try #require(items.first?.item)
        #expect(started.id == "call-1")
        #expect(started.command == ["/bin/bash", "-lc", "echo hello-router"])
        #expect(started.displayCommand == "/bin/bash -lc 'echo hello-router'")
        #expect(started.cwd == folder.path)
        #expect(started.status == .inProgress)
        #expect(started.parsedCommands.count == 1)
        #expect(started.parsedCommands.first == .unknown(cmd: "echo hello-router"))
        let completed = try #require(items.last?.item)
        #expect(completed.status == .completed)
        #expect(completed.exitCode == 0)
        #expect(completed.aggregatedOutput == "hello-router\n")
        #expect(completed.durationMs != nil)
    }

    @Test func nonZeroExitIsAFailedItemAndTheCodeGoesToTheModel() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("echo oops >&2; exit 3"), context: recorder.context(settings: settings))
        #expect(result.output.hasPrefix("Exit code: 3\n"))
        #expect(result.output.hasSuffix("Output:\noops\n"))
        let completed = try #require(await recorder.commandItems.last?.item)
        #expect(completed.status == .failed)
        #expect(completed.exitCode == 3)
    }

    @Test func workdirResolvesAgainstTheThreadCwd() async throws {
        let folder = try ToolScratchFolder()
        let sub = try folder.directory("sub/inner")
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .dangerFullAccess)
        let router = ToolTestSupport.router()
        let relative = await router.execute(
            ToolTestSupport.shell("pwd", workdir: "sub/inner"), context: recorder.context(settings: settings))
        #expect(relative.output.hasSuffix("Output:\n\(sub)\n"))
        let absolute = await router.execute(
            ToolTestSupport.shell("pwd", callID: "call-2", workdir: sub + "/.."),
            context: recorder.context(settings: settings))
        #expect(absolute.output.hasSuffix("Output:\n\(folder.path)/sub\n"))
        let none = await router.execute(
            ToolTestSupport.shell("pwd", callID: "call-3"), context: recorder.context(settings: settings))
        #expect(none.output.hasSuffix("Output:\n\(folder.path)\n"))
        #expect(await recorder.commandItems.first?.item.cwd == sub)
    }

    @Test func timeoutEndsWithExit124AndANote() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .dangerFullAccess)
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("echo before; sleep 30", timeoutMs: 500),
            context: recorder.context(settings: settings))
        #expect(clock.now - start < .seconds(20))
        #expect(result.output.hasPrefix("Exit code: 124\n"))
        #expect(result.output.contains("Output:\ncommand timed out after "))
        #expect(result.output.contains(" milliseconds\n"))
        let completed = try #require(await recorder.commandItems.last?.item)
        #expect(completed.status == .failed)
        #expect(completed.exitCode == 124)
    }

    @Test func outputDeltasStreamBetweenStartAndCompletion() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .dangerFullAccess)
        _ = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("for i in 1 2 3; do echo line$i; sleep 0.05; done"),
            context: recorder.context(settings: settings))
        let events = await recorder.events
        let kinds = events.map { event -> String in
            switch event {
            case .itemStarted: "started"
            case .itemCompleted: "completed"
            case .commandOutputDelta(let turnID, let itemID, _):
                turnID == "turn-1" && itemID == "call-1" ? "delta" : "bad"
            default: "other"
            }
        }
        #expect(kinds.first == "started")
        #expect(kinds.last == "completed")
        #expect(kinds.dropFirst().dropLast().allSatisfy { $0 == "delta" })
        #expect(kinds.count >= 3)
        #expect(await recorder.outputDeltas.joined() == "line1\nline2\nline3\n")
    }

    @Test func environmentComesFromTheSettings() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        var settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .dangerFullAccess)
        settings.commandEnvironment["ROUTER_MARKER"] = "marker-42"
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("echo \"$ROUTER_MARKER/${CODEX_SANDBOX_NETWORK_DISABLED:-unset}\""),
            context: recorder.context(settings: settings))
        // danger-full-access has full network access: the variable is not set.
        #expect(result.output.hasSuffix("Output:\nmarker-42/unset\n"))
    }

    @Test func badArgumentsAreReportedToTheModel() async throws {
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: "/", approval: .never, mode: .dangerFullAccess)
        let router = ToolTestSupport.router()
        let notJSON = await router.execute(
            ToolCall(callID: "c", name: "shell_command", payload: .function(arguments: "{not json")),
            context: recorder.context(settings: settings))
        #expect(notJSON.output.hasPrefix("failed to parse function arguments: "))
        let missing = await router.execute(
            ToolCall(callID: "c", name: "shell_command", payload: .function(arguments: #"{"workdir":"/"}"#)),
            context: recorder.context(settings: settings))
        #expect(missing.output == "failed to parse function arguments: missing field `command`")
        let badMode = await router.execute(
            ToolCall(
                callID: "c", name: "shell_command",
                payload: .function(arguments: #"{"command":"true","sandbox_permissions":"sometimes"}"#)),
            context: recorder.context(settings: settings))
        #expect(badMode.output.hasPrefix("failed to parse function arguments: unknown variant `sometimes`"))
        #expect(await recorder.events.isEmpty)
    }

    @Test func unknownToolIsUnsupported() async {
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: "/", approval: .never, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolCall(callID: "c", name: "no_such_tool", payload: .function(arguments: "{}")),
            context: recorder.context(settings: settings))
        #expect(result.output == "unsupported call: no_such_tool")
        #expect(!result.abortTurn)
    }

    @Test func updatePlanIsWired() async {
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: "/", approval: .never, mode: .dangerFullAccess)
        let arguments =
            #"{"explanation":"why","plan":[{"step":"a","status":"in_progress"},{"step":"b","status":"pending"}]}"#
        let result = await ToolTestSupport.router().execute(
            ToolCall(callID: "c", name: "update_plan", payload: .function(arguments: arguments)),
            context: recorder.context(settings: settings))
        #expect(result.output == "Plan updated")
        #expect(
            await recorder.events == [
                .planUpdated(
                    turnID: "turn-1", explanation: "why",
                    plan: [PlanStep(step: "a", status: .inProgress), PlanStep(step: "b", status: .pending)])
            ])
    }

    @Test func toolSpecsFollowFreeformSupport() throws {
        let router = ToolTestSupport.router()
        var settings = ToolTestSupport.settings(cwd: "/", approval: .never, mode: .dangerFullAccess)
        let freeform = router.toolSpecs(for: settings)
        #expect(freeform.compactMap { $0["name"]?.stringValue } == ["shell_command", "apply_patch", "update_plan"])
        #expect(freeform[1]["type"] == "custom")
        settings.supportsFreeformTools = false
        #expect(router.toolSpecs(for: settings)[1]["type"] == "function")
    }
}
