import CodexConfig
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// `shell_command` under the Linux sandbox helper (the test-only `codex-sandbox-test-helper`
/// binary, spawned as `codex-linux-sandbox`).
struct ToolRouterSandboxTests {
    @Test func writeOutsideTheRootsFailsThenRetriesUnsandboxedAfterApproval() async throws {
        guard await ToolTestSupport.sandboxAvailable() else { return }
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.approved])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .onFailure, mode: .workspaceWrite)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch inside.txt && touch '\(outside.file("retried.txt"))' && echo wrote"),
            context: recorder.context(settings: settings))
        #expect(result.output.hasPrefix("Exit code: 0\n"))
        #expect(result.output.hasSuffix("Output:\nwrote\n"))
        #expect(folder.exists("inside.txt"))
        #expect(outside.exists("retried.txt"))

        let requests = await recorder.approvalRequests
        #expect(requests.count == 1)
        guard case .command(let item, let reason) = requests.first?.kind else {
            Issue.record("expected one command approval, got \(requests)")
            return
        }
        #expect(reason == "command failed; retry without sandbox?")
        #expect(item.id == "call-1")
        // The sandboxed attempt streamed its denial before the question.
        let streamed = await recorder.outputDeltas.joined().lowercased()
        #expect(streamed.contains("read-only file system") || streamed.contains("permission denied"))
        let items = await recorder.commandItems
        #expect(items.map(\.phase) == ["started", "completed"])
        #expect(items.last?.item.status == .completed)
        #expect(items.last?.item.exitCode == 0)
    }

    @Test func declinedRetryReportsRejection() async throws {
        guard await ToolTestSupport.sandboxAvailable() else { return }
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.denied])
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .onRequest, mode: .workspaceWrite)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch '\(outside.file("no.txt"))'"), context: recorder.context(settings: settings))
        #expect(result.output == "rejected by user")
        #expect(!outside.exists("no.txt"))
        #expect(await recorder.approvalRequests.count == 1)
        #expect(await recorder.commandItems.last?.item.status == .declined)
    }

    @Test func underNeverTheDenialGoesToTheModel() async throws {
        guard await ToolTestSupport.sandboxAvailable() else { return }
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .workspaceWrite)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("touch '\(outside.file("never.txt"))'"), context: recorder.context(settings: settings)
        )
        #expect(!result.output.hasPrefix("Exit code: 0\n"))
        #expect(result.output.hasPrefix("Exit code: "))
        #expect(!outside.exists("never.txt"))
        #expect(await recorder.approvalRequests.isEmpty)
        #expect(await recorder.commandItems.last?.item.status == .failed)
    }

    @Test func readOnlySandboxSetsTheNetworkVariableAndBlocksWrites() async throws {
        guard await ToolTestSupport.sandboxAvailable() else { return }
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .readOnly)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell(
                "echo \"net=$CODEX_SANDBOX_NETWORK_DISABLED\"; touch ro.txt 2>/dev/null || echo blocked"),
            context: recorder.context(settings: settings))
        #expect(result.output.hasSuffix("Output:\nnet=1\nblocked\n"))
        #expect(!folder.exists("ro.txt"))
    }

    @Test func workspaceWriteWithNetworkLeavesTheVariableUnset() async throws {
        guard await ToolTestSupport.sandboxAvailable() else { return }
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let settings = ToolTestSupport.settings(
            cwd: folder.path, approval: .never, mode: .workspaceWrite, networkAccess: true)
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell("echo \"net=${CODEX_SANDBOX_NETWORK_DISABLED:-unset}\" && touch ok.txt"),
            context: recorder.context(settings: settings))
        #expect(result.output.hasSuffix("Output:\nnet=unset\n"))
        #expect(folder.exists("ok.txt"))
    }

    @Test func dangerFullAccessRunsUnsandboxed() async throws {
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        // A helper path that does not exist proves the helper is not involved.
        let router = ToolRouter(sandboxHelperExecutable: folder.file("no-such-helper"))
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .onRequest, mode: .dangerFullAccess)
        let result = await router.execute(
            ToolTestSupport.shell("touch '\(outside.file("free.txt"))' && echo free"),
            context: recorder.context(settings: settings))
        #expect(result.output.hasSuffix("Output:\nfree\n"))
        #expect(outside.exists("free.txt"))
        #expect(await recorder.approvalRequests.isEmpty)
    }

    @Test func missingHelperIsAnExecutionErrorNotACrash() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let router = ToolRouter(sandboxHelperExecutable: folder.file("no-such-helper"))
        let settings = ToolTestSupport.settings(cwd: folder.path, approval: .never, mode: .workspaceWrite)
        let result = await router.execute(
            ToolTestSupport.shell("echo hi"), context: recorder.context(settings: settings))
        #expect(result.output.hasPrefix("execution error: "))
        #expect(await recorder.commandItems.last?.item.status == .failed)
    }
}
