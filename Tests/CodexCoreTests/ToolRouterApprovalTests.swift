import CodexConfig
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// The ask / decline / abort / session-approval / reject paths of `shell_command`.
struct ToolRouterApprovalTests {
    @Test func untrustedAsksAndRunsAfterApproval() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.approved])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .untrusted, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch accepted.txt && echo done"), context: recorder.context(settings: settings))
        #expect(result.output.hasPrefix("Exit code: 0\n"))
        #expect(result.output.hasSuffix("Output:\ndone\n"))
        #expect(folder.exists("accepted.txt"))

        let requests = await recorder.approvalRequests
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.approvalID == "call-1")
        #expect(request.turnID == "turn-1")
        guard case .command(let item, let reason) = request.kind else {
            Issue.record("expected a command approval, got \(request.kind)")
            return
        }
        #expect(item.id == "call-1")
        #expect(item.status == .inProgress)
        #expect(item.displayCommand == "/bin/bash -lc 'touch accepted.txt && echo done'")
        #expect(reason == nil)
        // The item starts before the question and completes after the run.
        let events = await recorder.events
        guard case .itemStarted(_, .commandExecution) = events.first else {
            Issue.record("first event should start the command item: \(events)")
            return
        }
        #expect(await recorder.commandItems.map(\.phase) == ["started", "completed"])
        #expect(await recorder.commandItems.last?.item.status == .completed)
    }

    @Test func knownSafeCommandRunsWithoutAskingUnderUntrusted() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .untrusted, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("echo safe"), context: recorder.context(settings: settings))
        #expect(result.output.hasSuffix("Output:\nsafe\n"))
        #expect(await recorder.approvalRequests.isEmpty)
    }

    @Test func declineLeavesTheCommandUnrunAndTellsTheModel() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.denied])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .untrusted, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch declined.txt"), context: recorder.context(settings: settings))
        #expect(result.output == "rejected by user")
        #expect(!result.abortTurn)
        #expect(!folder.exists("declined.txt"))
        let items = await recorder.commandItems
        #expect(items.map(\.phase) == ["started", "completed"])
        #expect(items.last?.item.status == .declined)
        #expect(items.last?.item.exitCode == nil)
    }

    @Test func abortEndsTheTurn() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.abort])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .untrusted, mode: .dangerFullAccess)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch aborted.txt"), context: recorder.context(settings: settings))
        #expect(result.abortTurn)
        #expect(!folder.exists("aborted.txt"))
        #expect(await recorder.commandItems.last?.item.status == .declined)
    }

    @Test func approvalForTheSessionSkipsTheNextQuestion() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.approvedForSession])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .untrusted, mode: .dangerFullAccess)
        let router = ToolTestSupport.router()
        let first = await router.execute(
            ToolTestSupport.shell("touch again.txt"), context: recorder.context(settings: settings))
        #expect(first.output.hasPrefix("Exit code: 0\n"))
        let second = await router.execute(
            ToolTestSupport.shell("touch again.txt", callID: "call-2"), context: recorder.context(settings: settings))
        #expect(second.output.hasPrefix("Exit code: 0\n"))
        #expect(await recorder.approvalRequests.count == 1)
        // A different folder is a different command for the session cache.
        let sub = try folder.directory("sub")
        let third = await router.execute(
            ToolTestSupport.shell("touch again.txt", callID: "call-3", workdir: sub),
            context: recorder.context(settings: settings))
        #expect(third.output == "rejected by user")
        #expect(await recorder.approvalRequests.count == 2)
    }

    @Test func escalationRequestUnderNeverIsRejectedWithoutEvents() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .workspaceWrite)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch x", escalate: true, justification: "needs it"),
            context: recorder.context(settings: settings))
        #expect(
            result.output
                == "approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never"
        )
        #expect(await recorder.events.isEmpty)
        #expect(!folder.exists("x"))
    }

    @Test func dangerousCommandUnderNeverInASandboxIsBlocked() async throws {
        let folder = try ToolScratchFolder()
        try folder.write("victim", "keep")
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .workspaceWrite)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("rm -rf victim"), context: recorder.context(settings: settings))
        #expect(result.output == "`/bin/bash -lc 'rm -rf victim'` rejected: blocked by policy")
        #expect(folder.exists("victim"))
        #expect(await recorder.approvalRequests.isEmpty)
    }

    @Test func approvedEscalationRunsOutsideTheSandboxWithTheNetworkVariable() async throws {
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.approved])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .onRequest, mode: .workspaceWrite)
        let script = "touch '\(outside.file("escalated.txt"))' && echo \"net=$CODEX_SANDBOX_NETWORK_DISABLED\""
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell(script, escalate: true, justification: "write elsewhere"),
            context: recorder.context(settings: settings))
        #expect(result.output.hasSuffix("Output:\nnet=1\n"))
        #expect(outside.exists("escalated.txt"))
        let request = try #require(await recorder.approvalRequests.first)
        guard case .command(_, let reason) = request.kind else {
            Issue.record("expected a command approval")
            return
        }
        #expect(reason == "write elsewhere")
    }
}
