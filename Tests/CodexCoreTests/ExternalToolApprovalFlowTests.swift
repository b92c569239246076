import CodexConfig
@testable import CodexCore
import Testing

/// Spec mcp-client §6.1: which external (MCP) tool calls run, ask, or are refused.
@Suite struct ExternalToolApprovalFlowTests {
    static func settings(_ policy: AskForApproval, _ sandbox: SandboxMode) -> ThreadSettings {
        ThreadSettings(model: "m", modelProvider: "p", cwd: "/work", approvalPolicy: policy, sandbox: SandboxSettings(mode: sandbox))
    }

    static func requirement(
        _ traits: ExternalToolApprovalTraits, _ policy: AskForApproval = .onRequest, _ sandbox: SandboxMode = .workspaceWrite,
        remembered: Bool = false
    ) -> ExternalToolApprovalFlow.Requirement {
        ExternalToolApprovalFlow.requirement(traits, settings: settings(policy, sandbox), rememberedForSession: remembered)
    }

    @Test func annotationsDecideInAutoMode() {
        #expect(Self.requirement(.init()) == .ask)
        #expect(Self.requirement(.init(readOnlyHint: true)) == .run)
        #expect(Self.requirement(.init(readOnlyHint: true, destructiveHint: true)) == .ask)
        #expect(Self.requirement(.init(readOnlyHint: false, destructiveHint: false)) == .ask)
        #expect(Self.requirement(.init(), remembered: true) == .run)
    }

    @Test func modesOverrideAnnotations() {
        #expect(Self.requirement(.init(mode: .approve)) == .run)
        #expect(Self.requirement(.init(mode: .prompt, readOnlyHint: true)) == .ask)
        // A "this session" answer counts once in prompt mode.
        #expect(Self.requirement(.init(mode: .prompt), remembered: true) == .ask)
    }

    @Test func approvalNeverRefusesUnlessFullAccess() {
        #expect(Self.requirement(.init(), .never) == .refuse)
        #expect(Self.requirement(.init(mode: .prompt), .never) == .refuse)
        #expect(Self.requirement(.init(readOnlyHint: true), .never) == .run)
        #expect(Self.requirement(.init(mode: .approve), .never) == .run)
        #expect(Self.requirement(.init(), .never, .dangerFullAccess) == .run)
        #expect(Self.requirement(.init(), .onRequest, .dangerFullAccess) == .ask)
    }
}
