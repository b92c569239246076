import CodexConfig
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// `apply_patch` through the router: verification, approval, file changes, items and turn diffs.
struct ToolApplyPatchTests {
    private func settings(_ folder: ToolScratchFolder, _ approval: AskForApproval = .onRequest) -> ThreadSettings {
        ToolTestSupport.settings(cwd: folder.path, approval: approval, mode: .workspaceWrite)
    }

    @Test func addUpdateDeleteAndMoveInOnePatch() async throws {
        let folder = try ToolScratchFolder()
        try folder.write("update.txt", "one\ntwo\nthree\n")
        try folder.write("delete.txt", "bye\n")
        try folder.write("move.txt", "moving\n")
        let recorder = ToolContextRecorder()
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.patch(
                """
                *** Add File: added.txt
                +fresh
                *** Update File: update.txt
                @@
                 one
                -two
                +TWO
                 three
                *** Delete File: delete.txt
                *** Update File: move.txt
                *** Move to: sub/moved.txt
                @@
                -moving
                +moved

                """),
            context: recorder.context(settings: settings(folder)))
        #expect(result.output.hasPrefix("Exit code: 0\nWall time: "))
        #expect(
            result.output.hasSuffix(
                " seconds\nOutput:\nSuccess. Updated the following files:\nA added.txt\nM update.txt\nM sub/moved.txt\nD delete.txt\n"
            ))
        #expect(folder.read("added.txt") == "fresh\n")
        #expect(folder.read("update.txt") == "one\nTWO\nthree\n")
        #expect(!folder.exists("delete.txt"))
        #expect(!folder.exists("move.txt"))
        #expect(folder.read("sub/moved.txt") == "moved\n")
        #expect(await recorder.approvalRequests.isEmpty)

        let items = await recorder.fileChangeItems
        #expect(items.map(\.phase) == ["started", "completed"])
        #expect(items.first?.item.id == "patch-1")
        #expect(items.first?.item.status == .inProgress)
        #expect(items.last?.item.status == .completed)
        let changes = try #require(items.first?.item.changes)
        #expect(changes.map(\.path) == ["added.txt", "update.txt", "delete.txt", "move.txt"].map(folder.file))
        #expect(
            changes.map(\.kind) == [
                .add, .update(movePath: nil), .delete, .update(movePath: folder.file("sub/moved.txt")),
            ])
        #expect(changes[0].diff == "fresh\n")
        #expect(changes[1].diff.contains("-two\n+TWO\n"))
        // The turn diff shows the move as a deletion and an addition, files in patch order.
        let diff = try #require(await recorder.turnDiffs.last)
        let headers = diff.split(separator: "\n").filter { $0.hasPrefix("diff --git ") }
        #expect(
            headers == [
                "diff --git a/added.txt b/added.txt", "diff --git a/update.txt b/update.txt",
                "diff --git a/delete.txt b/delete.txt", "diff --git a/move.txt b/move.txt",
                "diff --git a/sub/moved.txt b/sub/moved.txt",
            ])
        #expect(diff.contains("diff --git a/move.txt b/move.txt\ndeleted file mode 100644\n"))
    }

    @Test func invalidPatchLeavesFilesUntouchedAndExplains() async throws {
        let folder = try ToolScratchFolder()
        try folder.write("keep.txt", "original\n")
        let recorder = ToolContextRecorder()
        let router = ToolTestSupport.router()
        let unmatched = await router.execute(
            ToolTestSupport.patch(
                """
                *** Add File: new.txt
                +should not appear
                *** Update File: keep.txt
                @@
                -not there
                +changed

                """),
            context: recorder.context(settings: settings(folder)))
        #expect(unmatched.output.hasPrefix("apply_patch verification failed: Failed to find expected lines in "))
        #expect(folder.read("keep.txt") == "original\n")
        #expect(!folder.exists("new.txt"))

        let malformed = await router.execute(
            ToolCall(callID: "p2", name: "apply_patch", payload: .custom(input: "not a patch")),
            context: recorder.context(settings: settings(folder)))
        #expect(malformed.output.hasPrefix("apply_patch verification failed: invalid patch: "))
        #expect(await recorder.events.isEmpty)
    }

    @Test func functionFormTakesTheInputArgument() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let patch = "*** Begin Patch\n*** Add File: f.txt\n+via function\n*** End Patch\n"
        let arguments = JSONValue.object(["input": .string(patch)]).serialized()
        let router = ToolTestSupport.router()
        let result = await router.execute(
            ToolCall(callID: "p", name: "apply_patch", payload: .function(arguments: arguments)),
            context: recorder.context(settings: settings(folder)))
        #expect(result.output.hasSuffix("Output:\nSuccess. Updated the following files:\nA f.txt\n"))
        #expect(folder.read("f.txt") == "via function\n")
        let missing = await router.execute(
            ToolCall(callID: "p", name: "apply_patch", payload: .function(arguments: "{}")),
            context: recorder.context(settings: settings(folder)))
        #expect(missing.output == "failed to parse function arguments: missing field `input`")
    }

    @Test func shellCallThatIsAPatchGoesThroughThePatchFlow() async throws {
        let folder = try ToolScratchFolder()
        _ = try folder.directory("dir")
        let recorder = ToolContextRecorder()
        let script =
            "cd dir && apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: h.txt\n+heredoc\n*** End Patch\nEOF\n"
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.shell(script), context: recorder.context(settings: settings(folder)))
        #expect(result.output.hasSuffix("Output:\nSuccess. Updated the following files:\nA h.txt\n"))
        #expect(folder.read("dir/h.txt") == "heredoc\n")
        #expect(await recorder.commandItems.isEmpty)
        #expect(await recorder.fileChangeItems.map(\.phase) == ["started", "completed"])
    }

    @Test func patchOutsideTheRootsAsksAndDeclineWritesNothing() async throws {
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.denied])
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.patch("*** Add File: \(outside.file("out.txt"))\n+x\n"),
            context: recorder.context(settings: settings(folder)))
        #expect(result.output == "patch rejected by user")
        #expect(!outside.exists("out.txt"))
        let request = try #require(await recorder.approvalRequests.first)
        #expect(request.approvalID == "patch-1")
        guard case .fileChange(let item, _, _) = request.kind else {
            Issue.record("expected a file change approval, got \(request.kind)")
            return
        }
        #expect(item.changes.map(\.path) == [outside.file("out.txt")])
        let items = await recorder.fileChangeItems
        #expect(items.map(\.phase) == ["started", "completed"])
        #expect(items.last?.item.status == .declined)
    }

    @Test func patchOutsideTheRootsIsAppliedAfterApproval() async throws {
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.approvedForSession])
        let router = ToolTestSupport.router()
        let first = await router.execute(
            ToolTestSupport.patch("*** Add File: \(outside.file("out.txt"))\n+x\n"),
            context: recorder.context(settings: settings(folder)))
        #expect(first.output.hasPrefix("Exit code: 0\n"))
        #expect(outside.read("out.txt") == "x\n")
        // The file was approved for the session: the next patch to it is not asked about.
        let second = await router.execute(
            ToolTestSupport.patch("*** Update File: \(outside.file("out.txt"))\n@@\n-x\n+y\n", callID: "patch-2"),
            context: recorder.context(settings: settings(folder)))
        #expect(second.output.hasPrefix("Exit code: 0\n"))
        #expect(outside.read("out.txt") == "y\n")
        #expect(await recorder.approvalRequests.count == 1)
    }

    @Test func patchOutsideTheRootsUnderNeverIsRejected() async throws {
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.patch("*** Add File: \(outside.file("out.txt"))\n+x\n"),
            context: recorder.context(settings: settings(folder, .never)))
        #expect(result.output == "patch rejected: writing outside of the project; rejected by user approval settings")
        #expect(!outside.exists("out.txt"))
        #expect(await recorder.events.isEmpty)
    }

    @Test func onFailureAsksBeforeWritingWhereTheSandboxWouldRefuse() async throws {
        let folder = try ToolScratchFolder()
        let outside = try ToolScratchFolder()
        let recorder = ToolContextRecorder(decisions: [.approved])
        let router = ToolTestSupport.router()
        let inside = await router.execute(
            ToolTestSupport.patch("*** Add File: in.txt\n+in\n"),
            context: recorder.context(settings: settings(folder, .onFailure)))
        #expect(inside.output.hasPrefix("Exit code: 0\n"))
        #expect(await recorder.approvalRequests.isEmpty)

        let result = await router.execute(
            ToolTestSupport.patch("*** Add File: \(outside.file("out.txt"))\n+x\n", callID: "patch-2"),
            context: recorder.context(settings: settings(folder, .onFailure)))
        #expect(result.output.hasPrefix("Exit code: 0\n"))
        #expect(outside.read("out.txt") == "x\n")
        let request = try #require(await recorder.approvalRequests.first)
        guard case .fileChange(_, let reason, _) = request.kind else {
            Issue.record("expected a file change approval, got \(request.kind)")
            return
        }
        #expect(reason == "command failed; retry without sandbox?")
    }

    @Test func protectedGitFolderNeedsApproval() async throws {
        let folder = try ToolScratchFolder()
        _ = try folder.directory(".git")
        let recorder = ToolContextRecorder(decisions: [.abort])
        let result = await ToolTestSupport.router().execute(
            ToolTestSupport.patch("*** Add File: .git/hooks/pre-commit\n+evil\n"),
            context: recorder.context(settings: settings(folder)))
        #expect(result.abortTurn)
        #expect(!folder.exists(".git/hooks/pre-commit"))
        #expect(await recorder.approvalRequests.count == 1)
    }

    @Test func turnDiffAggregatesEveryPatchOfTheTurn() async throws {
        let folder = try ToolScratchFolder()
        try folder.write("a.txt", "1\n2\n3\n")
        let recorder = ToolContextRecorder()
        let router = ToolTestSupport.router()
        let context = recorder.context(settings: settings(folder))
        _ = await router.execute(ToolTestSupport.patch("*** Update File: a.txt\n@@\n-1\n+one\n"), context: context)
        _ = await router.execute(
            ToolTestSupport.patch("*** Update File: a.txt\n@@\n-3\n+three\n*** Add File: b.txt\n+bee\n", callID: "p2"),
            context: context)
        let diffs = await recorder.turnDiffs
        #expect(diffs.count == 2)
        #expect(
            diffs.first == "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n-1\n+one\n 2\n 3\n")
        #expect(
            diffs.last
                == """
                diff --git a/a.txt b/a.txt
                --- a/a.txt
                +++ b/a.txt
                @@ -1,3 +1,3 @@
                -1
                +one
                 2
                -3
                +three
                diff --git a/b.txt b/b.txt
                new file mode 100644
                --- /dev/null
                +++ b/b.txt
                @@ -0,0 +1 @@
                +bee

                """)
        // The turn-diff event follows the item's completion.
        let events = await recorder.events
        guard case .turnDiffUpdated = events.last, case .itemCompleted = events.dropLast().last else {
            Issue.record("expected itemCompleted then turnDiffUpdated at the end: \(events)")
            return
        }

        // A new turn starts from the files as they are now.
        let nextTurn = recorder.context(settings: settings(folder), turnID: "turn-2")
        _ = await router.execute(ToolTestSupport.patch("*** Delete File: b.txt\n", callID: "p3"), context: nextTurn)
        #expect(
            await recorder.turnDiffs.last
                == "diff --git a/b.txt b/b.txt\ndeleted file mode 100644\n--- a/b.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bee\n"
        )
    }

    @Test func emptyPatchIsRejected() async throws {
        let folder = try ToolScratchFolder()
        let recorder = ToolContextRecorder()
        let result = await ToolTestSupport.router().execute(
            ToolCall(callID: "p", name: "apply_patch", payload: .custom(input: "*** Begin Patch\n*** End Patch\n")),
            context: recorder.context(settings: settings(folder)))
        #expect(result.output == "patch rejected: empty patch")
        #expect(await recorder.events.isEmpty)
    }
}
