import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// config/read, config/value/write, config/batchWrite and configRequirements/read.
@Suite struct ServiceConfigTests {
    static let userConfig = """
        # my settings
        model = "mock-model"   # the model
        model_provider = "mock"

        [model_providers.mock]
        name = "mock"
        base_url = "http://127.0.0.1:9/v1"
        env_key = "MOCK_API_KEY"

        # tools below
        [tools]
        view_image = false
        """

    @Test func readReturnsEffectiveConfigOriginsAndLayersHighestFirst() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(Self.userConfig)
        try fixture.write("approval_policy = \"never\"\nmodel = \"system-model\"\n", to: "etc/config.toml")
        let host = fixture.host(cliOverrides: ["model_reasoning_effort=\"high\""])
        try await fixture.withServices(host: host) { client in
            let plain = try await client.call("config/read", [:])
            #expect(plain["config"]?["model"] == "mock-model")
            #expect(plain["config"]?["approval_policy"] == "never")
            #expect(plain["config"]?["model_reasoning_effort"] == "high")
            #expect(plain["layers"] == nil || plain["layers"] == .null)
            let userFile = JSONValue.string(fixture.home + "/config.toml")
            #expect(plain["origins"]?["model"]?["name"]?["type"] == "user")
            #expect(plain["origins"]?["model"]?["name"]?["file"] == userFile)
            #expect(plain["origins"]?["approval_policy"]?["name"]?["type"] == "system")
            #expect(plain["origins"]?["model_reasoning_effort"]?["name"] == ["type": "sessionFlags"])
            let version = try #require(plain["origins"]?["model"]?["version"]?.stringValue)
            #expect(version.hasPrefix("sha256:") && version.count == 71)

            let layered = try await client.call("config/read", ["includeLayers": true])
            let layers = try #require(layered["layers"]?.arrayValue)
            #expect(layers.map { $0["name"]?["type"] } == ["sessionFlags", "user", "system"])
            #expect(layers[1]["config"]?["tools"]?["view_image"] == false)
            #expect(layers[1]["version"] == .string(version))
        }
    }

    /// Versions as codex 0.163.0 reported them for this exact file and for an empty layer.
    @Test func layerVersionsMatchTheReference() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(
            """
            # comment
            model = "mock-model"
            model_provider = "mock"

            [model_providers.mock]
            name = "mock"
            base_url = "http://127.0.0.1:9/v1"
            env_key = "MOCK_API_KEY"
            """)
        try await fixture.withServices { client in
            let read = try await client.call("config/read", ["includeLayers": true])
            let layers = try #require(read["layers"]?.arrayValue)
            #expect(layers.first?["version"] == "sha256:9cf633b614cc49de768f19c6da4e73702535a9545ada6974b46469b0ad8b42f0")
            #expect(layers.last?["version"] == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        }
    }

    @Test func valueWriteKeepsCommentsAndOrderAndReportsTheNewVersion() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(Self.userConfig)
        try await fixture.withServices { client in
            let before = try await client.call("config/read", [:])
            let version = try #require(before["origins"]?["model"]?["version"])
            let written = try await client.call(
                "config/value/write",
                ["keyPath": "model", "value": "other-model", "mergeStrategy": "replace", "expectedVersion": version])
            #expect(written["status"] == "ok")
            #expect(written["filePath"] == .string(fixture.home + "/config.toml"))
            let text = try fixture.readConfig()
            #expect(text == Self.userConfig.replacingOccurrences(of: "\"mock-model\"", with: "\"other-model\""))
            let after = try await client.call("config/read", [:])
            #expect(after["origins"]?["model"]?["version"] == written["version"])
            #expect(written["version"] != version)

            let stale = try await client.failure(
                "config/value/write",
                ["keyPath": "model", "value": "third", "mergeStrategy": "replace", "expectedVersion": version])
            #expect(stale["code"] == -32600)
            #expect(stale["data"] == ["config_write_error_code": "configVersionConflict"])
        }
    }

    @Test func batchWriteUpsertsCreatesTablesAndNullRemoves() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(Self.userConfig)
        try await fixture.withServices { client in
            let result = try await client.call(
                "config/batchWrite",
                [
                    "edits": [
                        ["keyPath": "sandbox_workspace_write.exclude_slash_tmp", "value": true, "mergeStrategy": "upsert"],
                        ["keyPath": "tools", "value": ["view_image": true], "mergeStrategy": "upsert"],
                        ["keyPath": "model_provider", "value": nil, "mergeStrategy": "replace"],
                        ["keyPath": "sandbox_workspace_write.network_access", "value": true, "mergeStrategy": "replace"],
                    ]
                ])
            #expect(result["status"] == "ok")
            let text = try fixture.readConfig()
            #expect(!text.contains("model_provider ="))
            #expect(text.contains("# my settings\nmodel = \"mock-model\"   # the model\n"))
            #expect(text.contains("# tools below\n[tools]\nview_image = true\n"))
            #expect(text.contains("exclude_slash_tmp = true\nnetwork_access = true"))
            let config = try await client.call("config/read", [:])
            #expect(config["config"]?["sandbox_workspace_write"]?["network_access"] == true)
        }
    }

    @Test func invalidWritesAreRejectedWithErrorCodesAndLeaveTheFile() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(Self.userConfig)
        try await fixture.withServices { client in
            let emptySegment = try await client.failure(
                "config/value/write", ["keyPath": "tools..x", "value": 1, "mergeStrategy": "replace"])
            #expect(emptySegment["code"] == -32600)
            #expect(emptySegment["message"] == "keyPath segments must not be empty")
            #expect(emptySegment["data"] == ["config_write_error_code": "configValidationError"])

            let wrongType = try await client.failure(
                "config/value/write", ["keyPath": "approval_policy", "value": "sometimes", "mergeStrategy": "replace"])
            #expect(wrongType["data"] == ["config_write_error_code": "configValidationError"])
            let wrongTypeMessage = wrongType["message"]?.stringValue ?? ""
            #expect(wrongTypeMessage.hasPrefix("Invalid configuration: "))
            #expect(wrongTypeMessage.contains("approval_policy") && wrongTypeMessage.contains(fixture.home + "/config.toml"))
            #expect(!wrongTypeMessage.contains(".config-check"))

            let profile = try await client.failure(
                "config/value/write", ["keyPath": "profile", "value": "x", "mergeStrategy": "replace"])
            #expect(profile["data"] == ["config_write_error_code": "configValidationError"])

            let otherFile = try await client.failure(
                "config/value/write",
                ["keyPath": "model", "value": "x", "mergeStrategy": "replace", "filePath": "/etc/codex/config.toml"])
            #expect(otherFile["data"] == ["config_write_error_code": "configLayerReadonly"])
            #expect(otherFile["message"] == "Only writes to the user config are allowed")

            let batch = try await client.failure(
                "config/batchWrite",
                [
                    "edits": [
                        ["keyPath": "model", "value": "changed", "mergeStrategy": "replace"],
                        ["keyPath": "", "value": 1, "mergeStrategy": "replace"],
                    ]
                ])
            #expect(batch["data"] == ["config_write_error_code": "configValidationError"])
        }
        #expect(try fixture.readConfig() == Self.userConfig)
    }

    @Test func writeOverriddenBySessionFlagsSaysSo() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try fixture.writeConfig(Self.userConfig)
        try await fixture.withServices(host: fixture.host(cliOverrides: ["model=\"flag-model\""])) { client in
            let result = try await client.call(
                "config/value/write", ["keyPath": "model", "value": "written", "mergeStrategy": "replace"])
            #expect(result["status"] == "okOverridden")
            #expect(result["overriddenMetadata"]?["effectiveValue"] == "flag-model")
            #expect(result["overriddenMetadata"]?["overridingLayer"]?["name"] == ["type": "sessionFlags"])
        }
    }

    @Test func requirementsReadIsNullWithoutAFileAndCamelCasedWithOne() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.root.remove() }
        try await fixture.withServices { client in
            let requirements = try await client.call("configRequirements/read", [:])
            #expect(requirements["requirements"] == .null)
        }
        try fixture.write(
            "allowed_approval_policies = [\"never\", \"on-request\"]\nallowed_sandbox_modes = [\"read-only\"]\n",
            to: "etc/requirements.toml")
        try await fixture.withServices { client in
            let requirements = try await client.call("configRequirements/read", [:])["requirements"]
            #expect(requirements?["allowedApprovalPolicies"] == ["never", "on-request"])
            #expect(requirements?["allowedSandboxModes"] == ["read-only"])
        }
    }
}
