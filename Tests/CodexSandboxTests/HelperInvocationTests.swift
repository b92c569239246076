@testable import CodexSandbox
import Testing

@Suite struct HelperInvocationTests {
    private let policy = #"{"type":"read-only"}"#

    @Test func parsesTheReferenceLayout() throws {
        let invocation = try HelperInvocation.parse([
            "--sandbox-policy-cwd", "/w", "--sandbox-policy", policy, "--", "ls", "-la",
        ])
        #expect(invocation.policyCwd == "/w")
        #expect(invocation.policy == .readOnly())
        #expect(invocation.command == ["ls", "-la"])
        #expect(!invocation.applySeccompThenExec)
    }

    @Test func acceptsInlineValuesNoOpFlagsAndACommandWithoutSeparator() throws {
        let invocation = try HelperInvocation.parse([
            "--sandbox-policy-cwd=/w", "--use-bwrap-sandbox", "--sandbox-policy=\(policy)", "--no-proc",
            "--apply-seccomp-then-exec", "echo", "--flag-for-echo",
        ])
        #expect(invocation.command == ["echo", "--flag-for-echo"])
        #expect(invocation.applySeccompThenExec)
    }

    @Test func rejectsBadInputWithOneLineMessages() {
        func message(_ arguments: [String]) -> String {
            do {
                _ = try HelperInvocation.parse(arguments)
                return "parsed"
            } catch {
                return error.description
            }
        }
        #expect(message(["--sandbox-policy", policy, "--", "ls"]) == "missing --sandbox-policy-cwd")
        #expect(message(["--sandbox-policy-cwd", "/w", "--", "ls"]) == "missing --sandbox-policy")
        #expect(message(["--sandbox-policy-cwd", "/w", "--sandbox-policy", policy]) == "No command specified to execute.")
        #expect(message(["--sandbox-policy-cwd", "/w", "--sandbox-policy"]) == "--sandbox-policy requires a value")
        #expect(message(["--bogus"]) == "unknown option --bogus")
        #expect(message(["--sandbox-policy-cwd", "/w", "--sandbox-policy", "{", "--", "ls"]).hasPrefix("invalid --sandbox-policy: invalid JSON"))
        #expect(message(["--allow-network-for-proxy"]).contains("not supported"))
    }
}
