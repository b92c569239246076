import CodexCore
import CodexProtocol
import Foundation
import Testing

/// A fresh folder under the system temp dir, removed when the value goes away.
final class ApplyPatchScratchFolder {
    let path: String

    init() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("apply-patch-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.resolvingSymlinksInPath().path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String, mode: Int? = nil) throws {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target) }
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file(name))
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Every file below the folder with its content, to prove nothing changed.
    func snapshot() -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file(relative), isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = read(relative)
            }
        }
        return result
    }
}

private func patch(_ body: String) -> String {
    "*** Begin Patch\n\(body)\n*** End Patch"
}

@Suite("apply_patch applying to files")
struct ApplyPatchApplyTests {
    @Test func addCreatesFileAndParentFolders() throws {
        let folder = try ApplyPatchScratchFolder()
        let result = try ApplyPatch.apply(patch("*** Add File: a/b/c/new.txt\n+ab\n+cd"), cwd: folder.path)
        #expect(folder.read("a/b/c/new.txt") == "ab\ncd\n")
        #expect(result.summary == "Success. Updated the following files:\nA a/b/c/new.txt\n")
        #expect(result.changes == [PatchFileChange(
            path: folder.file("a/b/c/new.txt"), pathInPatch: "a/b/c/new.txt", kind: .add,
            oldContent: nil, newContent: "ab\ncd\n", unifiedDiff: "@@ -0,0 +1,2 @@\n+ab\n+cd\n")])
    }

    @Test func deleteRemovesFile() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("del.txt", "x\n")
        let result = try ApplyPatch.apply(patch("*** Delete File: del.txt"), cwd: folder.path)
        #expect(!folder.exists("del.txt"))
        #expect(result.summary == "Success. Updated the following files:\nD del.txt\n")
        #expect(result.changes.first?.oldContent == "x\n")
        #expect(result.changes.first?.itemDiff == "x\n")
    }

    @Test func updateRewritesInPlaceKeepingMode() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("run.sh", "#!/bin/sh\necho hi\n", mode: 0o751)
        let result = try ApplyPatch.apply(patch("*** Update File: run.sh\n@@\n #!/bin/sh\n-echo hi\n+echo bye"), cwd: folder.path)
        #expect(folder.read("run.sh") == "#!/bin/sh\necho bye\n")
        #expect(try folder.mode("run.sh") == 0o751)
        #expect(result.summary == "Success. Updated the following files:\nM run.sh\n")
        #expect(result.changes.first?.unifiedDiff == "@@ -1,2 +1,2 @@\n #!/bin/sh\n-echo hi\n+echo bye\n")
        // No temporary files are left next to the target.
        #expect(folder.snapshot().keys.sorted() == ["run.sh"])
    }

    @Test func moveWritesDestinationAndRemovesSource() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("src.txt", "line\n", mode: 0o700)
        let result = try ApplyPatch.apply(
            patch("*** Update File: src.txt\n*** Move to: moved/dst.txt\n@@\n-line\n+line2"), cwd: folder.path)
        #expect(!folder.exists("src.txt"))
        #expect(folder.read("moved/dst.txt") == "line2\n")
        #expect(try folder.mode("moved/dst.txt") == 0o700)
        #expect(result.summary == "Success. Updated the following files:\nM moved/dst.txt\n")
        #expect(result.changes.first?.kind == .update(movePath: folder.file("moved/dst.txt")))
        #expect(result.changes.first?.movePathInPatch == "moved/dst.txt")
    }

    @Test func summaryListsAddsThenModificationsThenDeletes() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("gone.txt", "g\n")
        try folder.write("mod.txt", "m\n")
        let text = patch("""
            *** Delete File: gone.txt
            *** Update File: mod.txt
            @@
            -m
            +M
            *** Add File: new.txt
            +n
            """)
        let result = try ApplyPatch.apply(text, cwd: folder.path)
        #expect(result.summary == "Success. Updated the following files:\nA new.txt\nM mod.txt\nD gone.txt\n")
        #expect(result.changes.map(\.pathInPatch) == ["gone.txt", "mod.txt", "new.txt"])
        #expect(folder.snapshot() == ["mod.txt": "M\n", "new.txt": "n\n"])
    }

    @Test func oneBadHunkLeavesEveryFileUntouched() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("a.txt", "a\n")
        try folder.write("b.txt", "b\n")
        try folder.write("c.txt", "c\n")
        let before = folder.snapshot()
        let text = patch("""
            *** Update File: a.txt
            @@
            -a
            +A
            *** Delete File: c.txt
            *** Add File: d/new.txt
            +new
            *** Update File: b.txt
            @@
            -not in the file
            +B
            """)
        #expect(throws: ApplyPatchError.expectedLinesNotFound(path: folder.file("b.txt"), expectedLines: ["not in the file"])) {
            try ApplyPatch.apply(text, cwd: folder.path)
        }
        #expect(folder.snapshot() == before)
        #expect(!folder.exists("d"))
    }

    @Test func updateOfMissingFileFailsWithOSReason() throws {
        let folder = try ApplyPatchScratchFolder()
        let error = #expect(throws: ApplyPatchError.self) {
            try ApplyPatch.apply(patch("*** Update File: nope.txt\n@@\n-a\n+b"), cwd: folder.path)
        }
        #expect(error?.description
            == "Failed to read file to update \(folder.file("nope.txt")): No such file or directory (os error 2)")
    }

    @Test func deleteOfMissingFileOrFolderFails() throws {
        let folder = try ApplyPatchScratchFolder()
        try FileManager.default.createDirectory(atPath: folder.file("dir"), withIntermediateDirectories: true)
        #expect(throws: ApplyPatchError.fileSystem(
            context: "Failed to delete file \(folder.file("missing.txt"))", reason: "No such file or directory (os error 2)")) {
            try ApplyPatch.apply(patch("*** Delete File: missing.txt"), cwd: folder.path)
        }
        #expect(throws: ApplyPatchError.fileSystem(
            context: "Failed to delete file \(folder.file("dir"))", reason: "Is a directory (os error 21)")) {
            try ApplyPatch.apply(patch("*** Delete File: dir"), cwd: folder.path)
        }
        #expect(folder.exists("dir"))
    }

    @Test func addBelowAFileFailsBeforeWritingAnything() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("plain", "p\n")
        let text = patch("*** Add File: first.txt\n+1\n*** Add File: plain/child.txt\n+x")
        #expect(throws: ApplyPatchError.fileSystem(
            context: "Failed to create parent directories for \(folder.file("plain/child.txt"))",
            reason: "Not a directory (os error 20)")) {
            try ApplyPatch.apply(text, cwd: folder.path)
        }
        #expect(!folder.exists("first.txt"))
    }

    @Test func laterHunksSeeEarlierOnes() throws {
        let folder = try ApplyPatchScratchFolder()
        let text = patch("""
            *** Add File: notes.txt
            +one
            *** Update File: notes.txt
            @@
             one
            +two
            *** Update File: notes.txt
            *** Move to: final.txt
            @@
            -one
            +ONE
            """)
        let result = try ApplyPatch.apply(text, cwd: folder.path)
        #expect(folder.snapshot() == ["final.txt": "ONE\ntwo\n"])
        #expect(result.summary == "Success. Updated the following files:\nA notes.txt\nM notes.txt\nM final.txt\n")
    }

    @Test func deletingAFileTwiceFails() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("x.txt", "x\n")
        #expect(throws: ApplyPatchError.self) {
            try ApplyPatch.apply(patch("*** Delete File: x.txt\n*** Delete File: x.txt"), cwd: folder.path)
        }
        #expect(folder.read("x.txt") == "x\n")
    }

    @Test func addOverwritesAnExistingFile() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("a.txt", "old\n", mode: 0o640)
        _ = try ApplyPatch.apply(patch("*** Add File: a.txt\n+new"), cwd: folder.path)
        #expect(folder.read("a.txt") == "new\n")
        #expect(try folder.mode("a.txt") == 0o640)
    }

    @Test func absolutePathsIgnoreTheCwd() throws {
        let folder = try ApplyPatchScratchFolder()
        let elsewhere = try ApplyPatchScratchFolder()
        let target = elsewhere.file("abs.txt")
        let result = try ApplyPatch.apply(patch("*** Add File: \(target)\n+hi"), cwd: folder.path)
        #expect(elsewhere.read("abs.txt") == "hi\n")
        #expect(result.summary == "Success. Updated the following files:\nA \(target)\n")
    }

    @Test func emptyPatchModifiesNothing() throws {
        let folder = try ApplyPatchScratchFolder()
        #expect(throws: ApplyPatchError.noFilesModified) {
            try ApplyPatch.apply("*** Begin Patch\n*** End Patch", cwd: folder.path)
        }
        #expect(ApplyPatchError.noFilesModified.description == "No files were modified.")
        #expect(try ApplyPatch.verify("*** Begin Patch\n*** End Patch", cwd: folder.path).isEmpty)
    }

    @Test func parseErrorsAreWrapped() throws {
        let folder = try ApplyPatchScratchFolder()
        #expect(throws: ApplyPatchError.parse(.invalidPatch("The first line of the patch must be '*** Begin Patch'"))) {
            try ApplyPatch.apply("nonsense", cwd: folder.path)
        }
    }

    @Test func verifyWritesNothingAndDescribesTheChanges() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("keep.txt", "a\nb\n")
        try folder.write("gone.txt", "bye\n")
        let before = folder.snapshot()
        let verified = try ApplyPatch.verify(patch("""
            *** Add File: sub/new.txt
            +n
            *** Update File: keep.txt
            *** Move to: moved.txt
            @@
             a
            -b
            +B
            *** Delete File: gone.txt
            """), cwd: folder.path)
        #expect(folder.snapshot() == before)
        #expect(!folder.exists("sub"))
        #expect(verified.summary == "Success. Updated the following files:\nA sub/new.txt\nM moved.txt\nD gone.txt\n")
        // The turn items' view (the app-server's JSON of these is checked in FileChangeWireMappingTests).
        #expect(verified.changes.map(FileChange.init) == [
            FileChange(path: folder.file("sub/new.txt"), kind: .add, diff: "n\n"),
            FileChange(
                path: folder.file("keep.txt"), kind: .update(movePath: folder.file("moved.txt")),
                diff: "@@ -1,2 +1,2 @@\n a\n-b\n+B\n"),
            FileChange(path: folder.file("gone.txt"), kind: .delete, diff: "bye\n"),
        ])
        #expect(verified.changes.map(\.protocolJSON) == [
            ["type": "add", "content": "n\n"],
            ["type": "update", "unified_diff": "@@ -1,2 +1,2 @@\n a\n-b\n+B\n", "move_path": .string(folder.file("moved.txt"))],
            ["type": "delete", "content": "bye\n"],
        ])
        // The verified preview and the real apply agree.
        let applied = try ApplyPatch.apply(verified.patch, cwd: folder.path)
        #expect(applied.changes == verified.changes)
        #expect(folder.snapshot() == ["sub/new.txt": "n\n", "moved.txt": "a\nB\n"])
    }

    @Test func updateKindWithoutMoveHasNullMovePath() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("f.txt", "x\n")
        let verified = try ApplyPatch.verify(patch("*** Update File: f.txt\n@@\n-x\n+y"), cwd: folder.path)
        #expect(verified.changes.map(FileChange.init).first?.kind == .update(movePath: nil))
    }

    @Test func writesGoThroughSymlinks() throws {
        let folder = try ApplyPatchScratchFolder()
        try folder.write("real.txt", "a\n")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.txt"), withDestinationPath: folder.file("real.txt"))
        _ = try ApplyPatch.apply(patch("*** Update File: link.txt\n@@\n-a\n+b"), cwd: folder.path)
        #expect(folder.read("real.txt") == "b\n")
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.txt"))
        #expect(destination == folder.file("real.txt"))
    }

    @Test func nonUTF8FileCannotBeUpdated() throws {
        let folder = try ApplyPatchScratchFolder()
        try Data([0x66, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: folder.file("bin")))
        #expect(throws: ApplyPatchError.fileSystem(
            context: "Failed to read file to update \(folder.file("bin"))", reason: "stream did not contain valid UTF-8")) {
            try ApplyPatch.apply(patch("*** Update File: bin\n@@\n-f\n+g"), cwd: folder.path)
        }
    }

    @Test func resolveNormalizesLexically() {
        #expect(ApplyPatch.resolve("a/./b/../c.txt", against: "/w") == "/w/a/c.txt")
        #expect(ApplyPatch.resolve("/abs//x", against: "/w") == "/abs/x")
        #expect(ApplyPatch.resolve("../up", against: "/w/sub") == "/w/up")
    }
}
