import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex exec resume` and `codex exec fork` in new processes: the last turn's settings come back
/// (explicit flags win and are recorded), the usage is the thread's running total, and `--help`
/// shows exec's own usage.
@Suite struct ExecResumeEndToEndTests {
    static let usage = MockUsage(inputTokens: 12, outputTokens: 3)

    @Test func resumeInANewProcessKeepsEverySettingOfTheLastTurn() async throws {
        try await withExec { exec in
            for index in 0..<4 { exec.server.enqueue(.assistantText("answer \(index)", usage: Self.usage)) }
            let other = try exec.home.root.makeDirectory("other")
            let work = exec.home.workDirectory
            let first = try await exec.run([
                "exec", "--json", "--skip-git-repo-check", "-s", "danger-full-access", "-m", "model-a", "-a", "untrusted",
                "-c", "model_reasoning_effort=\"high\"", "first",
            ])
            #expect(first.exit == .exited(0), "\(first.stderr)")
            let threadID = try #require(try ExecHarness.events(first.stdout).first?["thread_id"]?.stringValue)

            // From another folder, no flags: everything comes from the rollout.
            let second = try await exec.run(
                ["exec", "--skip-git-repo-check", "resume", threadID, "second"], workingDirectory: other)
            #expect(second.exit == .exited(0), "\(second.stderr)")
            for line in [
                "workdir: \(work)", "model: model-a", "approval: untrusted", "sandbox: danger-full-access",
                "reasoning effort: high", "session id: \(threadID)",
            ] {
                #expect(second.stderr.contains(line + "\n"), "missing \(line) in \(second.stderr)")
            }
            #expect(second.stderr.contains("tokens used\n30\n"))
            let secondRequest = exec.server.requests.last?.body
            #expect(secondRequest?["model"] == "model-a")
            #expect(secondRequest?["reasoning"]?["effort"] == "high")

            // An explicit model wins, and the running total continues.
            let third = try await exec.run(
                ["exec", "--json", "--skip-git-repo-check", "resume", "-m", "model-b", threadID, "third"],
                workingDirectory: other)
            #expect(third.exit == .exited(0), "\(third.stderr)")
            let thirdEvents = try ExecHarness.events(third.stdout)
            #expect(thirdEvents.count > 2 && thirdEvents[1]["item"]?["type"] == "error")
            #expect(
                thirdEvents.count > 2
                    && thirdEvents[1]["item"]?["message"]?.stringValue?.hasPrefix(
                        "This session was recorded with model `model-a` but is resuming with `model-b`.") == true)
            #expect(thirdEvents.count > 2 && thirdEvents[2]["type"] == "turn.started")
            let completed = thirdEvents.last
            #expect(completed?["type"] == "turn.completed")
            #expect(completed?["usage"]?["input_tokens"] == 36)
            #expect(exec.server.requests.last?.body?["model"] == "model-b")

            // The override was recorded: the next resume keeps it.
            let fourth = try await exec.run(
                ["exec", "--skip-git-repo-check", "resume", threadID, "fourth"], workingDirectory: other)
            #expect(fourth.exit == .exited(0), "\(fourth.stderr)")
            #expect(fourth.stderr.contains("model: model-b\n"))
            #expect(fourth.stderr.contains("approval: untrusted\n"))
            #expect(exec.server.requests.last?.body?["model"] == "model-b")

            let rollout = try #require(exec.rolloutFiles().first)
            let contexts = try Self.records(rollout).filter { $0["type"] == "turn_context" }.map { $0["payload"] ?? .null }
            // Four turns, and the line the `-m` resume recorded before its turn.
            #expect(contexts.count == 5)
            #expect(contexts.count > 2 && contexts[2]["turn_id"] == nil)
            for context in contexts {
                #expect(context["cwd"]?.stringValue == work)
                #expect(context["approval_policy"] == "untrusted")
                #expect(context["sandbox_policy"]?["type"] == "danger-full-access")
            }
            #expect(contexts.map { $0["model"]?.stringValue } == ["model-a", "model-a", "model-b", "model-b", "model-b"])
        }
    }

    @Test func forkCopiesTheHistoryIntoANewSession() async throws {
        try await withExec { exec in
            exec.server.enqueue(.assistantText("one", usage: Self.usage), .assistantText("two", usage: Self.usage))
            let first = try await exec.run(["exec", "--json", "--skip-git-repo-check", "-m", "model-a", "original question"])
            #expect(first.exit == .exited(0), "\(first.stderr)")
            let source = try #require(try ExecHarness.events(first.stdout).first?["thread_id"]?.stringValue)
            let sourceFile = try #require(exec.rolloutFiles().first)
            let sourceText = try String(contentsOfFile: sourceFile, encoding: .utf8)

            let fork = try await exec.run(["exec", "--json", "--skip-git-repo-check", "fork", source, "forked question"])
            #expect(fork.exit == .exited(0), "\(fork.stderr)")
            let events = try ExecHarness.events(fork.stdout)
            let forkID = try #require(events.first?["thread_id"]?.stringValue)
            #expect(forkID != source)
            #expect(events.last?["usage"]?["input_tokens"] == 24)
            let texts = exec.server.requests.last?.userTexts ?? []
            #expect(texts.contains("original question"))
            #expect(texts.contains("forked question"))
            // As the reference's fork: the model is the configuration's, not the source's.
            #expect(exec.server.requests.last?.body?["model"] == "mock-model")

            #expect(try String(contentsOfFile: sourceFile, encoding: .utf8) == sourceText)
            let forkFile = try #require(exec.rolloutFiles().first { $0.hasSuffix("\(forkID).jsonl") })
            let meta = try #require(try Self.records(forkFile).first)
            #expect(meta["payload"]?["id"]?.stringValue == forkID)
            #expect(meta["payload"]?["forked_from_id"]?.stringValue == source)

            let missing = try await exec.run(["exec", "--skip-git-repo-check", "fork", "not-a-thread", "x"])
            #expect(missing.exit == .exited(1))
            #expect(missing.stderr.contains("no rollout found for thread id not-a-thread"))
        }
    }

    @Test func execHelpShowsItsOwnUsage() async throws {
        try await withExec { exec in
            let help = try await exec.run(["exec", "--help"])
            #expect(help.exit == .exited(0), "\(help.stderr)")
            for text in [
                "codex exec [OPTIONS] [PROMPT]", "<prompt>", "--json", "--output-last-message", "--output-schema",
                "--skip-git-repo-check", "--image", "--ephemeral", "--color", "--model", "--sandbox", "--config",
                "resume", "fork",
            ] {
                #expect(help.stdout.contains(text), "`codex exec --help` lacks \(text):\n\(help.stdout)")
            }
            let fork = try await exec.run(["exec", "fork", "--help"])
            #expect(fork.exit == .exited(0), "\(fork.stderr)")
            #expect(fork.stdout.contains("<session-id>"))
            #expect(fork.stdout.contains("--json"))
            // `codex sandbox` is built the same way (its run form is a default subcommand).
            let sandbox = try await exec.run(["sandbox", "--help"])
            #expect(sandbox.exit == .exited(0), "\(sandbox.stderr)")
            for text in ["<command>", "--config", "--profile", "--cd", "doctor", "linux"] {
                #expect(sandbox.stdout.contains(text), "`codex sandbox --help` lacks \(text):\n\(sandbox.stdout)")
            }
        }
    }

    static func records(_ path: String) throws -> [JSONValue] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }
}
