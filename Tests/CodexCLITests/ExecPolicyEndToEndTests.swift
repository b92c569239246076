import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex execpolicy check` and how `codex exec` treats rules files, end to end.
@Suite struct ExecPolicyEndToEndTests {
    static func writeRules(_ text: String, name: String = "default.rules", home: CodexTestHome) throws -> String {
        let folder = home.codexHome + "/rules"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(filePath: path))
        return path
    }

    @Test func checkPrintsTheReferenceJSON() async throws {
        try await withExec { exec in
            let path = try Self.writeRules(
                """
                prefix_rule(pattern=["git", ["status", "log"]], decision="prompt", justification="why")
                prefix_rule(pattern=["rm"], decision="forbidden")
                """, name: "a.rules", home: exec.home)
            let prompt = try await exec.run(["execpolicy", "check", "--rules", path, "git", "status", "-s"])
            #expect(prompt.exit == .exited(0), "\(prompt.stderr)")
            #expect(
                prompt.stdout
                    == #"{"matchedRules":[{"prefixRuleMatch":{"matchedPrefix":["git","status"],"decision":"prompt","justification":"why"}}],"decision":"prompt"}"#
                    + "\n")
            let none = try await exec.run(["execpolicy", "check", "-r", path, "ls"])
            #expect(none.stdout == "{\"matchedRules\":[]}\n")
            let pretty = try await exec.run(["execpolicy", "check", "-r", path, "--pretty", "rm", "-rf", "/"])
            #expect(
                pretty.stdout == """
                    {
                      "matchedRules": [
                        {
                          "prefixRuleMatch": {
                            "matchedPrefix": [
                              "rm"
                            ],
                            "decision": "forbidden"
                          }
                        }
                      ],
                      "decision": "forbidden"
                    }

                    """)
        }
    }

    @Test func checkRefusesAMalformedFileNamingItsLine() async throws {
        try await withExec { exec in
            let path = try Self.writeRules("prefix_rule(pattern=[\"ls\"])\nfoo(1)\n", home: exec.home)
            let result = try await exec.run(["execpolicy", "check", "--rules", path, "ls"])
            #expect(result.exit == .exited(1))
            #expect(result.stdout == "")
            #expect(result.stderr.contains("failed to parse policy at \(path)"))
            #expect(result.stderr.contains("\(path):2:1: Variable `foo` not found"))
        }
    }

    @Test func execStopsOnAMalformedRulesFile() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("never sent"))
            let path = try Self.writeRules("prefix_rule(pattern=[\"ls\"])\nprefix_rule(pattern=[\"ls\", decision=\"allow\")\n", home: exec.home)
            let result = try await exec.run(["exec", "--skip-git-repo-check", "hello"])
            #expect(result.exit == .exited(1))
            #expect(result.stderr.contains("Error loading rules:\n\(path):2: "))
            #expect(result.stderr.contains("(problem is on or around line 2)"))
            #expect(exec.server.requests.isEmpty)
        }
    }

    @Test func ignoreRulesSkipsTheUserRules() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("ran"))
            _ = try Self.writeRules("prefix_rule(\n", home: exec.home)
            let result = try await exec.run(["exec", "--skip-git-repo-check", "--ignore-rules", "hello"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            #expect(result.stdout == "ran\n")
        }
    }

    @Test func execHonoursAnAllowRuleUnderUntrusted() async throws {
        try await withExec { exec in
            exec.server.enqueue(
                .functionCall(callID: "call_1", name: "shell_command", arguments: ["command": "touch made.txt"]),
                .assistantText("done"))
            _ = try Self.writeRules(#"prefix_rule(pattern=["touch", "made.txt"], decision="allow")"# + "\n", home: exec.home)
            let result = try await exec.run(
                ["exec", "--skip-git-repo-check", "-a", "untrusted", "-s", "read-only", "--json", "touch it"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            // An explicit allow rule runs the command without asking, outside the read-only sandbox.
            #expect(FileManager.default.fileExists(atPath: exec.home.workDirectory + "/made.txt"))
        }
    }
}
