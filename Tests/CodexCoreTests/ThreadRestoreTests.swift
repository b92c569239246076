import CodexConfig
import CodexCore
import CodexProtocol
import Foundation
import Testing

/// What a resume takes back from the rollout's last turn context, and what explicit settings keep.
@Suite struct ThreadRestoreTests {
    static let base = ThreadSettings(
        model: "config-model", modelProvider: "mock", cwd: "/", approvalPolicy: .onRequest,
        sandbox: SandboxSettings(mode: .readOnly), reasoningEffort: "low", reasoningSummary: "auto")

    static func context(cwd: String) -> TurnContextRecord {
        TurnContextRecord(
            turnID: "t1", cwd: cwd, approvalPolicy: "untrusted",
            sandboxPolicy: ["type": "workspace-write", "writable_roots": ["/srv"], "network_access": true],
            model: "recorded-model", effort: "high", summary: "none")
    }

    @Test func everySettingComesBackWhenNothingIsExplicit() throws {
        let cwd = FileManager.default.temporaryDirectory.path
        let restored = Self.base.restoring(Self.context(cwd: cwd), keeping: [])
        #expect(restored.cwd == cwd)
        #expect(restored.approvalPolicy == .untrusted)
        #expect(restored.sandbox == SandboxSettings(mode: .workspaceWrite, writableRoots: ["/srv"], networkAccess: true))
        #expect(restored.model == "recorded-model")
        #expect(restored.reasoningEffort == "high")
        #expect(restored.reasoningSummary == nil)
    }

    @Test func explicitSettingsWinAndANewModelKeepsTheConfiguredEffort() throws {
        let cwd = FileManager.default.temporaryDirectory.path
        let restored = Self.base.restoring(
            Self.context(cwd: cwd), keeping: [.model, .approvalPolicy, .sandbox, .cwd, .reasoningSummary])
        #expect(restored == Self.base)
    }

    @Test func aVanishedFolderOrAnUnknownPolicyKeepsTheBase() {
        var context = Self.context(cwd: "/no/such/folder/\(UUID().uuidString)")
        context.sandboxPolicy = ["type": "external-sandbox"]
        context.approvalPolicy = "sometimes"
        let restored = Self.base.restoring(context, keeping: [])
        #expect(restored.cwd == "/")
        #expect(restored.sandbox == Self.base.sandbox)
        #expect(restored.approvalPolicy == .onRequest)
        #expect(restored.model == "recorded-model")
    }

    @Test(arguments: [
        SandboxSettings(mode: .readOnly), SandboxSettings(mode: .readOnly, networkAccess: true),
        SandboxSettings(mode: .dangerFullAccess),
        SandboxSettings(mode: .workspaceWrite, writableRoots: ["/a", "/b"], networkAccess: true, excludeTmpdirEnvVar: true),
        SandboxSettings(mode: .workspaceWrite, excludeSlashTmp: true),
    ])
    func sandboxPoliciesRoundTripThroughTheRolloutShape(_ sandbox: SandboxSettings) {
        #expect(SandboxSettings(rolloutPolicy: sandbox.rolloutPolicy) == sandbox)
    }

    @Test func theRecordedShapeIsTheReferences() {
        #expect(SandboxSettings(mode: .dangerFullAccess).rolloutPolicy == ["type": "danger-full-access"])
        #expect(SandboxSettings(mode: .readOnly).rolloutPolicy == ["type": "read-only"])
        #expect(
            SandboxSettings(mode: .workspaceWrite).rolloutPolicy
                == ["type": "workspace-write", "network_access": false, "exclude_tmpdir_env_var": false, "exclude_slash_tmp": false])
        let record = Self.base.turnContextRecord(turnID: nil)
        #expect(record.summary == "auto")
        var noSummary = Self.base
        noSummary.reasoningSummary = nil
        #expect(noSummary.turnContextRecord(turnID: "t").summary == "none")
    }

    @Test func configKeysNameTheSettingsTheyOverride() {
        let explicit = ExplicitSettings(configKeys: [
            "model=\"o3\"", "sandbox_workspace_write.network_access=true", " approval_policy = never", "features.x=true",
            "model_reasoning_effort",
        ])
        #expect(explicit == [.model, .sandbox, .approvalPolicy, .reasoningEffort])
        #expect(ExplicitSettings(configKeys: ["model_provider=mock", "sandbox_mode=read-only"]) == [.modelProvider, .sandbox])
        #expect(ExplicitSettings(configKeys: ["models=1", "sandbox=x"]).isEmpty)
    }

    @Test func theLastTokenCountIsTheRunningTotal() throws {
        let meta = #"{"timestamp":"t","type":"session_meta","payload":{"id":"01a200f3-38a2-79a2-a630-694d7ee6f581","timestamp":"t","cwd":"/w","originator":"o","cli_version":"0.163.0","source":"exec"}}"#
        func count(_ total: Int, _ last: Int) -> String {
            #"{"timestamp":"t","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":\#(total),"cached_input_tokens":1,"output_tokens":3,"reasoning_output_tokens":0,"total_tokens":\#(total + 3)},"last_token_usage":{"input_tokens":\#(last),"output_tokens":3,"total_tokens":\#(last + 3)},"model_context_window":1000},"rate_limits":null}}"#
        }
        let noInfo = #"{"timestamp":"t","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":null}}"#
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(([meta, count(12, 12), count(24, 12), noInfo].joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        let usage = try #require(try RolloutReader.load(path: path).lastTokenUsage)
        #expect(usage.total == TokenUsage(inputTokens: 24, cachedInputTokens: 1, outputTokens: 3, totalTokens: 27))
        #expect(usage.last == TokenUsage(inputTokens: 12, outputTokens: 3, totalTokens: 15))
        #expect(usage.modelContextWindow == 1000)

        try Data((meta + "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect(try RolloutReader.load(path: path).lastTokenUsage == nil)
    }
}
