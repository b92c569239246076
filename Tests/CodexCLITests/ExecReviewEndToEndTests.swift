import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// `codex exec review` and `codex review` against the scripted model in a temporary git repository: the
/// request carries the reference's review instructions and prompt, the findings reach stdout, the
/// transcript and `--json`.
@Suite struct ExecReviewEndToEndTests {
    /// The model's structured result: one finding on `a.txt` of `repository`.
    static func reviewJSON(repository: String) -> String {
        """
        {"findings":[{"title":"[P1] Off-by-one in loop","body":"The loop skips the last element.","confidence_score":0.8,\
        "priority":1,"code_location":{"absolute_file_path":"\(repository)/a.txt","line_range":{"start":2,"end":3}}}],\
        "overall_correctness":"patch is incorrect","overall_explanation":"One bug found.","overall_confidence_score":0.7}
        """
    }

    static func rendered(repository: String) -> String {
        "One bug found.\n\nReview comment:\n\n- [P1] Off-by-one in loop — \(repository)/a.txt:2-3\n  The loop skips the last element."
    }

    /// A repository with one commit and an uncommitted change plus an untracked file.
    static func makeRepository(_ path: String) async throws -> TestGitRepository {
        let repository = try await TestGitRepository.create(at: path)
        try repository.write("a.txt", "one\ntwo\n")
        try await repository.commitAll("init")
        try repository.write("a.txt", "one\nTWO\nthree\n")
        try repository.write("b.txt", "new\n")
        return repository
    }

    @Test func uncommittedReviewPrintsTheFindingsAsTheReference() async throws {
        try await withExec { exec in
            let repository = try await Self.makeRepository(exec.home.workDirectory)
            exec.server.enqueue(.assistantText(Self.reviewJSON(repository: repository.path)))
            let result = try await exec.run(["exec", "review", "--uncommitted"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let text = Self.rendered(repository: repository.path)
            #expect(result.stdout == text + "\n")
            #expect(result.stderr.contains("user\ncurrent changes\n"))
            #expect(result.stderr.contains("codex\n" + text + "\n"))
            #expect(!result.stderr.contains("tokens used"))
            // Neither the raw JSON nor the review prompt shows in the transcript.
            #expect(!result.stderr.contains("overall_correctness"))
            #expect(!result.stderr.contains("Review the current code changes"))

            let request = try #require(exec.server.requests.first)
            // The reference sends `"instructions": ""`; this port leaves empty instructions out of every request.
            #expect(request.body?["instructions"] == nil)
            let first = try #require(request.inputItems.first)
            #expect(first["role"] == "developer")
            let guidelines = first["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
            #expect(guidelines.hasPrefix("# Review guidelines:\n\nYou are reviewing a code change"))
            #expect(guidelines.contains(#""overall_correctness": "patch is correct" | "patch is incorrect""#))
            // The reviewer runs commands; it does not edit files or keep a plan.
            let tools = request.body?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(tools == ["shell_command"])
            #expect(request.header("x-openai-subagent") == "review")
            #expect(
                request.userTexts.last
                    == "Review the current code changes (staged, unstaged, and untracked files) and provide prioritized findings."
            )
            // The review's git stays read-only: the working tree is as it was.
            let status = try await repository.git("status", "--porcelain")
            #expect(status == " M a.txt\n?? b.txt\n")
        }
    }

    @Test func jsonModeShowsTheReviewAsTheAgentMessage() async throws {
        try await withExec { exec in
            let repository = try await Self.makeRepository(exec.home.workDirectory)
            exec.server.enqueue(.assistantText(Self.reviewJSON(repository: repository.path)))
            let result = try await exec.run(["exec", "--json", "review", "--uncommitted"])
            #expect(result.exit == .exited(0), "\(result.stderr)")
            let events = try ExecHarness.events(result.stdout)
            #expect(events.map { $0["type"]?.stringValue } == ["thread.started", "turn.started", "item.completed", "turn.completed"])
            #expect(
                events[2]["item"]
                    == ["id": "item_0", "type": "agent_message", "text": .string(Self.rendered(repository: repository.path))])
        }
    }

    @Test func topLevelReviewOfACommitAndOfABaseBranch() async throws {
        try await withExec { exec in
            let repository = try await Self.makeRepository(exec.home.workDirectory)
            let base = try await repository.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            try await repository.git("checkout", "-q", "-b", "feature")
            let sha = try await repository.commitAll("second change")
            exec.server.enqueue(.assistantText("No issues."), .assistantText("Still none."))

            let commit = try await exec.run(["review", "--commit", sha, "--title", "second change"])
            #expect(commit.exit == .exited(0), "\(commit.stderr)")
            #expect(commit.stdout == "No issues.\n")
            #expect(commit.stderr.contains("user\ncommit \(sha.prefix(7)): second change\n"))

            let branch = try await exec.run(["exec", "review", "--base", "main"])
            #expect(branch.exit == .exited(0), "\(branch.stderr)")
            #expect(branch.stderr.contains("user\nchanges against 'main'\n"))
            let requests = exec.server.requests
            #expect(
                requests.first?.userTexts.last
                    == #"Review the code changes introduced by commit \#(sha) ("second change"). Provide prioritized, actionable findings."#
            )
            #expect(
                requests.last?.userTexts.last
                    == "Review the code changes against the base branch 'main'. The merge base commit for this comparison is "
                    + "\(base). Run `git diff \(base)` to inspect the changes relative to main. Provide prioritized, actionable findings."
            )
        }
    }

    @Test func targetErrorsAsTheReference() async throws {
        try await withExec { exec in
            _ = try await Self.makeRepository(exec.home.workDirectory)
            let none = try await exec.run(["exec", "review"])
            #expect(none.exit == .exited(1))
            #expect(none.stderr.contains("Error: Specify --uncommitted, --base, --commit, or provide custom review instructions"))
            let blank = try await exec.run(["exec", "review", "   "])
            #expect(blank.exit == .exited(1))
            #expect(blank.stderr.contains("Error: Review prompt cannot be empty"))
            let both = try await exec.run(["exec", "review", "--uncommitted", "--base", "main"])
            #expect(both.exit == .exited(2))
            #expect(both.stderr.contains("the argument '--uncommitted' cannot be used with '--base <BRANCH>'"))
            let title = try await exec.run(["review", "--title", "t"])
            #expect(title.exit == .exited(2))
            #expect(exec.server.requests.isEmpty)
        }
    }

    /// Opt-in: the reference prints the same review for the same model output.
    @Test func matchesTheReference() async throws {
        guard let reference = ProcessInfo.processInfo.environment["CODEX_REFERENCE_BIN"], !reference.isEmpty else {
            print("skipped: set CODEX_REFERENCE_BIN to compare exec review with the reference")
            return
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let parent = packageRoot + "/.build/reference-homes"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        var outputs: [String] = []
        var prompts: [[String]] = []
        for binary in [reference, nil] {
            try await MockResponsesServer.withServer { server in
                let home = try CodexTestHome.create(in: parent)
                defer { home.remove() }
                try home.writeConfig(
                    baseURL: server.baseURL, extraRootTOML: "check_for_update_on_startup = false",
                    extraTablesTOML: "[analytics]\nenabled = false\n\n[feedback]\nenabled = false")
                let repository = try await Self.makeRepository(home.workDirectory)
                server.enqueue(.assistantText(Self.reviewJSON(repository: repository.path)))
                let exec = ExecHarness(server: server, home: home)
                let result = try await exec.run(["exec", "review", "--uncommitted"], binary: binary)
                #expect(result.exit == .exited(0), "\(result.stderr)")
                outputs.append(result.stdout.replacingOccurrences(of: repository.path, with: "<repo>"))
                let request = try #require(server.requests.first)
                // The guidelines are our own words, so only where they go is compared: the first input item, a
                // developer message under a "# Review guidelines:" heading.
                let first = request.inputItems.first
                let developer = first?["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
                let heading = developer.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                prompts.append([first?["role"]?.stringValue ?? "", heading, request.userTexts.last ?? ""])
            }
        }
        #expect(outputs[0] == outputs[1])
        #expect(prompts[0] == prompts[1])
    }
}
