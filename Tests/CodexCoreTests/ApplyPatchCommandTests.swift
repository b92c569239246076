import CodexCore
import Testing

@Suite("apply_patch command entry")
struct ApplyPatchCommandTests {
    private let addPatch = "*** Begin Patch\n*** Add File: created.txt\n+hi\n*** End Patch\n"

    @Test func patchFromArgument() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["apply_patch", addPatch], standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome == ApplyPatchCommandOutcome(
            exitCode: 0, standardOutput: "Success. Updated the following files:\nA created.txt\n"))
        #expect(folder.read("created.txt") == "hi\n")
    }

    @Test func patchFromStandardInput() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["/usr/bin/applypatch"], standardInput: { Array(addPatch.utf8) }, workingDirectory: folder.path)
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput == "Success. Updated the following files:\nA created.txt\n")
        #expect(folder.read("created.txt") == "hi\n")
    }

    @Test func emptyStandardInputPrintsUsage() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(arguments: ["apply_patch"], standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome == ApplyPatchCommandOutcome(
            exitCode: 2, standardError: "Usage: apply_patch 'PATCH'\n       echo 'PATCH' | apply_patch\n"))
    }

    @Test func extraArgumentsAreRefused() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["apply_patch", addPatch, "extra"], standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome == ApplyPatchCommandOutcome(
            exitCode: 2, standardError: "Error: apply_patch accepts exactly one argument.\n"))
        #expect(!folder.exists("created.txt"))
    }

    @Test func nonUTF8StandardInputFails() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(arguments: ["apply_patch"], standardInput: { [0xFF, 0xFE] }, workingDirectory: folder.path)
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.hasPrefix("Error: Failed to read PATCH from stdin.\n"))
    }

    @Test func parseErrorGoesToStandardErrorWithExitOne() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["apply_patch", "*** Begin Patch\n*** Explode File: x\n*** End Patch"],
            standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError == "Invalid patch hunk on line 2: '*** Explode File: x' is not a valid hunk header. "
            + "Valid hunk headers: '*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'\n")
    }

    @Test func emptyPatchSaysNoFilesWereModified() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["apply_patch", "*** Begin Patch\n*** End Patch"], standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome == ApplyPatchCommandOutcome(exitCode: 1, standardError: "No files were modified.\n"))
    }

    @Test func hiddenFlagFormAppliesTheNextArgument() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["/opt/codex", "--codex-run-as-apply-patch", addPatch],
            standardInput: { Array("ignored".utf8) }, workingDirectory: folder.path)
        #expect(outcome.exitCode == 0)
        #expect(folder.read("created.txt") == "hi\n")
    }

    @Test func hiddenFlagWithoutPatchFails() throws {
        let folder = try ApplyPatchScratchFolder()
        let outcome = ApplyPatchCommand.run(
            arguments: ["/opt/codex", "--codex-run-as-apply-patch"], standardInput: { Array(addPatch.utf8) },
            workingDirectory: folder.path)
        #expect(outcome == ApplyPatchCommandOutcome(
            exitCode: 1, standardError: "Error: --codex-run-as-apply-patch requires a UTF-8 PATCH argument.\n"))
        #expect(!folder.exists("created.txt"))
    }

    @Test func preserveCRLFFlagKeepsLineEndings() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("w.txt", "a\r\nb\r\n")
        let outcome = ApplyPatchCommand.run(
            arguments: ["apply_patch", "--preserve-crlf", "*** Begin Patch\n*** Update File: w.txt\n@@\n-b\n+c\n*** End Patch"],
            standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome.exitCode == 0)
        #expect(folder.read("w.txt") == "a\r\nc\r\n")
    }

    @Test func failedMatchReportsAndWritesNothing() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("f.txt", "x\n")
        let outcome = ApplyPatchCommand.run(
            arguments: ["apply_patch", "*** Begin Patch\n*** Add File: new.txt\n+n\n*** Update File: f.txt\n@@\n-y\n+z\n*** End Patch"],
            standardInput: { [] }, workingDirectory: folder.path)
        #expect(outcome == ApplyPatchCommandOutcome(
            exitCode: 1, standardError: "Failed to find expected lines in \(folder.file("f.txt")):\ny\n"))
        #expect(folder.snapshot() == ["f.txt": "x\n"])
    }
}
