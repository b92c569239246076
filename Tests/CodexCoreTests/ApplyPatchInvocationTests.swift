import CodexCore
import Testing

@Suite("apply_patch invocation recognition")
struct ApplyPatchInvocationTests {
    private let patchText = "*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch"
    private var expectedHunks: [PatchHunk] { [.add(path: "foo", contents: "hi\n")] }

    private func heredoc(_ prefix: String, suffix: String = "") -> String {
        "\(prefix)apply_patch <<'PATCH'\n\(patchText)\nPATCH\(suffix)"
    }

    private func hunksAndWorkdir(_ argv: [String]) -> ([PatchHunk], String?)? {
        guard case .patch(let parsed, let workdir) = ApplyPatchInvocation.recognize(argv) else { return nil }
        return (parsed.hunks, workdir)
    }

    @Test(arguments: ["apply_patch", "applypatch"])
    func directCall(name: String) {
        let result = hunksAndWorkdir([name, patchText + "\n"])
        #expect(result?.0 == expectedHunks)
        #expect(result?.1 == nil)
    }

    @Test(arguments: [["bash", "-lc"], ["/bin/bash", "-c"], ["zsh", "-lc"], ["/usr/bin/sh", "-c"]])
    func heredocInAShell(shell: [String]) {
        let result = hunksAndWorkdir(shell + [heredoc("")])
        #expect(result?.0 == expectedHunks)
        #expect(result?.1 == nil)
    }

    @Test func heredocDelimiterQuotingVariants() {
        for opener in ["<<EOF", "<<'EOF'", "<< \"EOF\""] {
            let script = "applypatch \(opener)\n\(patchText)\nEOF\n"
            #expect(hunksAndWorkdir(["bash", "-lc", script])?.0 == expectedHunks, "\(opener)")
        }
    }

    @Test(arguments: [("cd foo && ", "foo"), ("cd 'foo bar' && ", "foo bar"), ("cd \"foo bar\" && ", "foo bar"),
                      ("cd ../x/y && ", "../x/y")])
    func leadingCdSetsTheWorkdir(prefix: String, workdir: String) {
        let result = hunksAndWorkdir(["bash", "-lc", heredoc(prefix)])
        #expect(result?.0 == expectedHunks)
        #expect(result?.1 == workdir)
    }

    @Test(arguments: ["cd foo; ", "cd bar || ", "cd bar | ", "echo foo && ", "cd foo && cd bar && ", "cd foo bar && ",
                      "echo foo; cd bar && ", "cd \"$HOME\" && "])
    func otherShapesAreOrdinaryCommands(prefix: String) {
        #expect(ApplyPatchInvocation.recognize(["bash", "-lc", heredoc(prefix)]) == .notApplyPatch)
    }

    @Test func trailingCommandsOrArgumentsAreNotMatched() {
        #expect(ApplyPatchInvocation.recognize(["bash", "-lc", heredoc("cd bar && ", suffix: " && echo done")]) == .notApplyPatch)
        #expect(ApplyPatchInvocation.recognize(["bash", "-lc", heredoc("", suffix: "\necho done")]) == .notApplyPatch)
        let withArgument = "apply_patch foo <<'PATCH'\n\(patchText)\nPATCH"
        #expect(ApplyPatchInvocation.recognize(["bash", "-lc", withArgument]) == .notApplyPatch)
        #expect(ApplyPatchInvocation.recognize(["bash", "-x", heredoc("")]) == .notApplyPatch)
        #expect(ApplyPatchInvocation.recognize(["fish", "-c", heredoc("")]) == .notApplyPatch)
        #expect(ApplyPatchInvocation.recognize(["ls", "-la"]) == .notApplyPatch)
    }

    @Test func barePatchIsAnImplicitInvocation() {
        #expect(ApplyPatchInvocation.recognize([patchText]) == .implicitInvocation)
        #expect(ApplyPatchInvocation.recognize(["bash", "-lc", patchText]) == .implicitInvocation)
        #expect(ApplyPatchInvocation.implicitInvocationMessage
            == "patch detected without explicit call to apply_patch. Rerun as [\"apply_patch\", \"<patch>\"]")
    }

    @Test func badPatchIsReportedAsSuch() {
        #expect(ApplyPatchInvocation.recognize(["apply_patch", "*** Begin Patch\nnope\n*** End Patch"])
            == .invalidPatch(.invalidHunk(
                message: "'nope' is not a valid hunk header. Valid hunk headers: "
                    + "'*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
                lineNumber: 2)))
    }

    @Test func effectiveDirectoryResolvesTheWorkdir() {
        #expect(ApplyPatchInvocation.effectiveDirectory(cwd: "/w", workdir: nil) == "/w")
        #expect(ApplyPatchInvocation.effectiveDirectory(cwd: "/w", workdir: "sub/dir") == "/w/sub/dir")
        #expect(ApplyPatchInvocation.effectiveDirectory(cwd: "/w", workdir: "/abs") == "/abs")
    }
}
