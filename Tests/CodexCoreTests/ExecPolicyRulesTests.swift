import CodexConfig
import CodexCore
import Foundation
import Testing

@Suite("Exec-policy rules files")
struct ExecPolicyRulesTests {
    static func parse(_ text: String) throws -> ExecPolicy {
        var parser = ExecPolicyParser()
        try parser.parse(text, path: "test.rules")
        return parser.policy
    }

    static func parseError(_ text: String) -> ExecPolicyParseError? {
        var parser = ExecPolicyParser()
        do {
            try parser.parse(text, path: "test.rules")
            return nil
        } catch {
            return error
        }
    }

    @Test func prefixRulesMatchTokensInOrderWithAlternatives() throws {
        let policy = try Self.parse(
            """
            # comment
            prefix_rule(pattern=["git", ["status", "log"]], decision="prompt", justification="why")
            prefix_rule(
                pattern = ["echo", "Hello, world!"],   # trailing comment
                decision = "allow",
            )
            prefix_rule(pattern=[["rm", "rmdir"]], decision="forbidden")
            prefix_rule(['ls'])
            """)
        let status = policy.check([["git", "status", "-s"]])
        #expect(status.decision == .prompt)
        #expect(status.matchedRules == [.prefixRule(matchedPrefix: ["git", "status"], decision: .prompt, justification: "why")])
        #expect(policy.check([["git", "push"]]).decision == nil)
        #expect(policy.check([["git"]]).decision == nil)
        #expect(policy.check([["echo", "Hello, world!", "x"]]).decision == .allow)
        #expect(policy.check([["rmdir", "x"]]).decision == .forbidden)
        #expect(policy.check([["ls", "-l"]]).decision == .allow)
        #expect(policy.check([["ls", "-l"], ["rm", "x"]]).decision == .forbidden)
    }

    @Test func stringEscapesAndRawStringsAreRead() throws {
        let policy = try Self.parse(#"prefix_rule(pattern=["say", "a\"b\\c\n", r'x\y'])"#)
        #expect(policy.check([["say", "a\"b\\c\n", "x\\y"]]).decision == .allow)
    }

    @Test func matchAndNotMatchExamplesAreValidatedAtLoad() throws {
        _ = try Self.parse(#"prefix_rule(pattern=["git", "status"], match=["git status -s", ["git", "status"]], not_match=["git log"])"#)
        let unmatched = try #require(Self.parseError(#"prefix_rule(pattern=["git", "status"], match=["git log"])"#))
        #expect(unmatched.message.contains("expected every example to match at least one rule"))
        let matched = try #require(Self.parseError("\n" + #"prefix_rule(pattern=["git"], not_match=["git log"])"#))
        #expect(matched.line == 2)
        #expect(matched.message == "expected example to not match rule `git`: git log")
    }

    @Test(arguments: [
        ("prefix_rule(pattern=[\"ls\"])\nprefix_rule(pattern=[\"ls\", decision=\"allow\")\n", 2, 36, "expected symbol ']'"),
        ("prefix_rule(pattern=[\"ls\"])\nfoo(1)\n", 2, 1, "Variable `foo` not found"),
        ("\n\nprefix_rule(pattern=[], decision=\"allow\")\n", 3, 1, "invalid pattern element: pattern cannot be empty"),
        ("prefix_rule(pattern=[\"ls\"], decision=\"maybe\")\n", 1, 1, "invalid decision: maybe"),
        ("prefix_rule(decision=\"allow\")\n", 1, 1, "Missing parameter `pattern`"),
        ("prefix_rule(pattern=[\"ls\"], colour=\"red\")\n", 1, 1, "Found `colour` extra named parameter"),
        ("prefix_rule(pattern=[\"ls\"], justification=\"  \")\n", 1, 1, "justification cannot be empty"),
        ("prefix_rule(pattern=[\"ls\"]\n", 2, 1, "expected symbol ')'"),
        ("allow_all = True\n", 1, 1, "assignments are not supported"),
        ("prefix_rule(pattern=[\"unterminated])\n", 1, 22, "unfinished string literal"),
    ])
    func malformedFilesNameTheLine(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(Self.parseError(text))
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.displayLine.hasPrefix("test.rules:\(line): "))
    }

    @Test func networkRulesAndHostExecutablesAreAccepted() throws {
        let policy = try Self.parse(
            """
            network_rule(host="api.example.com", protocol="https", decision="allow", justification="API")
            host_executable(name="git", paths=["/usr/bin/git"])
            prefix_rule(pattern=["git", "status"])
            """)
        #expect(policy.networkRuleCount == 1)
        #expect(policy.check([["/usr/bin/git", "status"]], resolveHostExecutables: true).decision == .allow)
        #expect(policy.check([["/opt/git", "status"]], resolveHostExecutables: true).decision == nil)
        #expect(policy.check([["/usr/bin/git", "status"]]).decision == nil)
        #expect(Self.parseError(#"host_executable(name="git", paths=["/usr/bin/hg"])"#) != nil)
    }

    @Test func theRememberedLineQuotesTokensAsJSONAndReadsBack() throws {
        let prefix = ["echo", "Hello, \"world\"!", "tab\there"]
        let line = ExecPolicyFiles.allowRuleLine(prefix)
        #expect(line == #"prefix_rule(pattern=["echo", "Hello, \"world\"!", "tab\there"], decision="allow")"#)
        #expect(try Self.parse(line).check([prefix]).decision == .allow)
    }

    @Test func appendingCreatesTheFileOnceAndKeepsExistingLines() async throws {
        let home = try ApplyPatchScratchFolder()
        try await ExecPolicyFiles.appendAllowRule(["echo", "Hello, world!"], codexHome: home.path)
        #expect(home.read("rules/default.rules") == "prefix_rule(pattern=[\"echo\", \"Hello, world!\"], decision=\"allow\")\n")
        try home.write("rules/default.rules", #"prefix_rule(pattern=["ls"], decision="allow")"#)
        try await ExecPolicyFiles.appendAllowRule(["echo", "hi"], codexHome: home.path)
        try await ExecPolicyFiles.appendAllowRule(["echo", "hi"], codexHome: home.path)
        #expect(
            home.read("rules/default.rules")
                == "prefix_rule(pattern=[\"ls\"], decision=\"allow\")\nprefix_rule(pattern=[\"echo\", \"hi\"], decision=\"allow\")\n")
        let loaded = try ExecPolicyFiles.load(configFolders: [home.path])
        #expect(loaded.check([["echo", "hi", "there"]]).decision == .allow)
    }

    @Test func concurrentAppendsLoseNoRule() async throws {
        let home = try ApplyPatchScratchFolder()
        let path = home.path
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    do {
                        try await ExecPolicyFiles.appendAllowRule(["tool\(index)"], codexHome: path)
                    } catch {
                        Issue.record("append failed: \(error)")
                    }
                }
            }
        }
        let lines = home.read("rules/default.rules")?.split(separator: "\n") ?? []
        #expect(Set(lines).count == 12)
    }

    @Test func onlyRegularDotRulesFilesLoadInNameOrder() throws {
        let home = try ApplyPatchScratchFolder()
        try home.write("rules/b.rules", #"prefix_rule(pattern=["b"], decision="forbidden")"#)
        try home.write("rules/a.rules", #"prefix_rule(pattern=["a"])"#)
        try home.write("rules/notes.txt", "not rules")
        #expect(try ExecPolicyFiles.ruleFiles(inConfigFolder: home.path) == [home.file("rules/a.rules"), home.file("rules/b.rules")])
        #expect(try ExecPolicyFiles.ruleFiles(inConfigFolder: home.file("missing")) == [])
        try home.write("rules/c.rules", "prefix_rule(\n")
        #expect(throws: ExecPolicyFileError.self) { try ExecPolicyFiles.load(configFolders: [home.path]) }
    }

    @Test func managerRemembersInMemoryAndOnDisk() async throws {
        let home = try ApplyPatchScratchFolder()
        let manager = ExecPolicyManager(codexHome: home.path)
        try await manager.rememberAllowedPrefix(["touch", "made.txt"])
        #expect(manager.current.check([["touch", "made.txt"]]).decision == .allow)
        #expect(try ExecPolicyFiles.load(configFolders: [home.path]).check([["touch", "made.txt"]]).decision == .allow)
    }
}

@Suite("Exec approval with rules")
struct ExecApprovalRulesTests {
    static func request(_ script: String, _ policy: AskForApproval, _ sandbox: SandboxMode = .workspaceWrite)
        -> ExecApprovalRequest
    {
        ExecApprovalRequest(argv: ["/bin/bash", "-lc", script], cwd: "/repo", approvalPolicy: policy, sandbox: sandbox)
    }

    static func rules(_ text: String) throws -> ExecPolicy {
        var parser = ExecPolicyParser()
        try parser.parse(text, path: "default.rules")
        return parser.policy
    }

    @Test func heuristicPromptsProposeTheFirstPromptedCommand() {
        let requirement = ExecApproval.requirement(for: Self.request("ls && touch made.txt", .untrusted))
        #expect(requirement == .askUser(reason: nil, proposedExecpolicyAmendment: ["touch", "made.txt"]))
    }

    @Test func theModelsPrefixIsProposedWhenItCoversTheCommand() {
        var request = Self.request("touch a && touch b", .untrusted)
        request.prefixRule = ["touch"]
        #expect(ExecApproval.requirement(for: request) == .askUser(reason: nil, proposedExecpolicyAmendment: ["touch"]))
        // Banned (an interpreter) or too narrow for every sub-command: the heuristics' first prompted command.
        request.prefixRule = ["bash", "-lc"]
        #expect(ExecApproval.requirement(for: request) == .askUser(reason: nil, proposedExecpolicyAmendment: ["touch", "a"]))
        request.prefixRule = ["touch", "a"]
        #expect(ExecApproval.requirement(for: request) == .askUser(reason: nil, proposedExecpolicyAmendment: ["touch", "a"]))
    }

    @Test func anAllowRuleSkipsThePromptAndTheSandbox() throws {
        let rules = try Self.rules(#"prefix_rule(pattern=["touch", "made.txt"], decision="allow")"#)
        #expect(ExecApproval.requirement(for: Self.request("touch made.txt", .untrusted), rules: rules) == .runUnsandboxed)
        // A sub-command no rule allows still asks.
        #expect(
            ExecApproval.requirement(for: Self.request("touch made.txt && touch other", .untrusted), rules: rules)
                == .askUser(reason: nil, proposedExecpolicyAmendment: ["touch", "other"]))
    }

    @Test func promptAndForbiddenRulesGiveTheReferenceReasons() throws {
        let rules = try Self.rules(
            """
            prefix_rule(pattern=["git", "push"], decision="prompt", justification="pushes leave the machine")
            prefix_rule(pattern=["git", "reset"], decision="forbidden")
            prefix_rule(pattern=["jj"], decision="forbidden", justification="Use git.")
            """)
        #expect(
            ExecApproval.requirement(for: Self.request("git push", .onRequest), rules: rules)
                == .askUser(reason: "`/bin/bash -lc 'git push'` requires approval: pushes leave the machine", proposedExecpolicyAmendment: nil))
        #expect(
            ExecApproval.requirement(for: Self.request("git push", .never), rules: rules)
                == .reject(message: "approval required by policy, but AskForApproval is set to Never"))
        #expect(
            ExecApproval.requirement(for: Self.request("git reset --hard", .onRequest), rules: rules)
                == .reject(message: "`/bin/bash -lc 'git reset --hard'` rejected: policy forbids commands starting with `git reset`"))
        #expect(
            ExecApproval.requirement(for: Self.request("jj log", .never), rules: rules)
                == .reject(message: "`/bin/bash -lc 'jj log'` rejected: Use git."))
    }
}
