@testable import CodexAppServer
import CodexCore
import CodexProtocol
import Testing

/// The app-server's `fileChange.changes` JSON for the core's file changes (these assertions were
/// on a core `appServerJSON` property before the core stopped spelling app-server JSON).
@Suite struct FileChangeWireMappingTests {
    private func wire(_ change: FileChange) throws -> JSONValue {
        try JSONValue(encoding: WireMapping.fileChange(change))
    }

    @Test func addUpdateWithMoveAndDelete() throws {
        let changes = [
            FileChange(path: "/w/sub/new.txt", kind: .add, diff: "n\n"),
            FileChange(path: "/w/keep.txt", kind: .update(movePath: "/w/moved.txt"), diff: "@@ -1,2 +1,2 @@\n a\n-b\n+B\n"),
            FileChange(path: "/w/gone.txt", kind: .delete, diff: "bye\n"),
        ]
        #expect(try changes.map(wire) == [
            ["path": "/w/sub/new.txt", "kind": ["type": "add"], "diff": "n\n"],
            ["path": "/w/keep.txt", "kind": ["type": "update", "move_path": "/w/moved.txt"],
             "diff": "@@ -1,2 +1,2 @@\n a\n-b\n+B\n"],
            ["path": "/w/gone.txt", "kind": ["type": "delete"], "diff": "bye\n"],
        ])
    }

    @Test func updateKindWithoutMoveHasNullMovePath() throws {
        let change = FileChange(path: "/w/f.txt", kind: .update(movePath: nil), diff: "@@\n-x\n+y\n")
        #expect(try wire(change)["kind"] == ["type": "update", "move_path": nil])
    }
}
