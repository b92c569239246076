import CodexProtocol
import Testing

@Suite struct AppServerRoundTripTests {
    @Test(arguments: AppServerSamples.all)
    func sampleSurvivesDecodeAndEncode(_ sample: AppServerSample) throws {
        let type = try #require(sample.type, "no registered type for \(sample.testDescription)")
        let original = try JSONParser.parse(sample.json)
        let decoded = try type.decoded(from: original)
        let encoded = try JSONValue(encoding: decoded)
        #expect(AppServerJSON.withoutNulls(encoded) == AppServerJSON.withoutNulls(original))
        let again = try type.decoded(from: encoded)
        #expect(AnyHashable(again) == AnyHashable(decoded))
    }

    @Test func everyRegisteredMethodHasSamples() {
        let covered = Set(AppServerSamples.all.map { "\($0.method) \($0.role.rawValue)" })
        var expected: [String] = []
        for entry in AppServerRegistry.clientRequests + AppServerRegistry.serverRequests {
            if entry.params != nil { expected.append("\(entry.method) params") }
            if entry.result != nil { expected.append("\(entry.method) result") }
        }
        expected += AppServerRegistry.serverNotifications.map { "\($0.method) params" }
        #expect(expected.filter { !covered.contains($0) } == [])
    }

    @Test func omittedDefaultsAndNullsDecode() throws {
        let input = try JSONParser.parse(#"{"type":"text","text":"hi"}"#).decode(AppServerV2.UserInput.self)
        #expect(input == .text(text: "hi", textElements: []))
        let policy = try JSONParser.parse(#"{"type":"workspaceWrite"}"#).decode(AppServerV2.SandboxPolicy.self)
        #expect(policy == .workspaceWrite(AppServerV2.WorkspaceWriteSandbox()))
        let params = try JSONParser.parse("{}").decode(AppServerV2.ThreadStartParams.self)
        #expect(params == AppServerV2.ThreadStartParams())
        let capabilities = try JSONParser.parse(#"{"clientInfo":{"name":"n","version":"1"}}"#)
            .decode(AppServerV2.InitializeParams.self)
        #expect(capabilities.capabilities == nil)
        #expect(capabilities.clientInfo.title == nil)
    }

    @Test func unknownVariantsAreKeptVerbatim() throws {
        let audio = try JSONParser.parse(#"{"type":"audio","url":"https://a/b.wav"}"#)
        #expect(try JSONValue(encoding: audio.decode(AppServerV2.UserInput.self)) == audio)
        let generation = try JSONParser.parse(#"{"type":"imageGeneration","id":"i1","status":"completed","result":"x"}"#)
        let item = try generation.decode(AppServerV2.ThreadItem.self)
        guard case .unknown = item else {
            Issue.record("expected .unknown, got \(item)")
            return
        }
        #expect(try JSONValue(encoding: item) == generation)
    }

    @Test func webSearchAndImageViewItemsRoundTrip() throws {
        let search = try JSONParser.parse(
            #"{"type":"webSearch","id":"w1","query":"'p' in u","action":{"type":"findInPage","url":"u","pattern":"p"},"results":null}"#)
        let item = try search.decode(AppServerV2.ThreadItem.self)
        #expect(
            item
                == .webSearch(
                    AppServerV2.WebSearchItem(id: "w1", query: "'p' in u", action: .findInPage(url: "u", pattern: "p"), results: nil)))
        #expect(try JSONValue(encoding: item) == search)
        // `action` and `results` may be absent.
        let bare = try JSONParser.parse(#"{"type":"webSearch","id":"w2","query":""}"#).decode(AppServerV2.ThreadItem.self)
        #expect(bare == .webSearch(AppServerV2.WebSearchItem(id: "w2", query: "", action: nil, results: nil)))
        let image = try JSONParser.parse(#"{"type":"imageView","id":"c1","path":"/a.png"}"#)
        #expect(try image.decode(AppServerV2.ThreadItem.self) == .imageView(id: "c1", path: "/a.png"))
        #expect(try JSONValue(encoding: image.decode(AppServerV2.ThreadItem.self)) == image)
    }

    @Test func mcpToolCallItemsRoundTrip() throws {
        let mcp = try JSONParser.parse(
            #"{"type":"mcpToolCall","id":"c1","server":"s","tool":"t","status":"completed","arguments":null,"#
                + #""result":{"content":[{"type":"text","text":"x"}],"structuredContent":null,"_meta":null},"error":null,"#
                + #""durationMs":5,"readOnlyHint":null,"mcpAppResourceUri":null,"pluginId":null}"#)
        let item = try mcp.decode(AppServerV2.ThreadItem.self)
        guard case .mcpToolCall(let call) = item else {
            Issue.record("expected .mcpToolCall, got \(item)")
            return
        }
        #expect(call.status == .completed && call.durationMs == 5)
        #expect(try JSONValue(encoding: item) == mcp)
    }

    @Test func closedUnionsRejectUnknownValues() throws {
        #expect(throws: (any Error).self) {
            try JSONParser.parse(#""on-failure""#).decode(AppServerV2.AskForApproval.self)
        }
        #expect(throws: (any Error).self) {
            try JSONParser.parse(#""maybe""#).decode(AppServerV2.CommandExecutionApprovalDecision.self)
        }
        #expect(throws: (any Error).self) {
            try JSONParser.parse(#"{"type":"bogus"}"#).decode(AppServerV2.SandboxPolicy.self)
        }
        #expect(throws: (any Error).self) {
            try JSONParser.parse(#"{"threadId":"t"}"#).decode(AppServerV2.TurnStartParams.self)
        }
    }

    @Test func openStringsAcceptNewValues() throws {
        let effort = try JSONParser.parse(#""ultra""#).decode(AppServerV2.ReasoningEffort.self)
        #expect(effort.rawValue == "ultra")
        #expect(try JSONValue(encoding: AppServerV2.ReasoningEffort.xhigh) == "xhigh")
        #expect(try JSONValue(encoding: AppServerV2.AskForApproval.onRequest) == "on-request")
    }

    @Test func nilOptionalsAreWrittenAsNullAndOmittableOnesAreLeftOut() throws {
        let turn = AppServerV2.Turn(id: "t", items: [], status: .inProgress)
        let encoded = try JSONValue(encoding: turn)
        #expect(encoded["error"] == .null)
        #expect(encoded["itemsView"] == nil)
        let thread = try JSONParser.parse(AppServerSamples.thread).decode(AppServerV2.Thread.self)
        #expect(try JSONValue(encoding: thread)["projectId"] == .null)
    }
}

/// JSON helpers shared by the app-server tests.
enum AppServerJSON {
    /// Drops object members whose value is null (recursively): our encoders write `null` for nil optionals
    /// where samples may leave the member out.
    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): return .array(elements.map(withoutNulls))
        case .object(let object):
            return .object(JSONObject(object.compactMap { $0.value.isNull ? nil : ($0.key, withoutNulls($0.value)) }))
        default: return value
        }
    }
}

/// Reference-shaped app-server messages (from the spec examples and reference-observations.md), one or more per
/// registry entry, used by the round-trip and schema validation tests.
struct AppServerSample: CustomTestStringConvertible {
    enum Role: String { case params, result }
    let method: String
    let role: Role
    let json: String

    var testDescription: String { "\(method) \(role.rawValue)" }

    /// The registered wire type for this sample.
    var type: (any AppServerType.Type)? {
        let entry =
            AppServerRegistry.clientRequest(method) ?? AppServerRegistry.serverNotification(method)
            ?? AppServerRegistry.serverRequest(method)
        return role == .params ? entry?.params : entry?.result
    }
}

enum AppServerSamples {
    static let threadID = "019aa1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    static let thread = """
        {"id":"\(threadID)","sessionId":"\(threadID)","preview":"say hi","ephemeral":false,"modelProvider":"mock",
         "createdAt":1763770000,"updatedAt":1763770042,"status":{"type":"idle"},
         "path":"/home/u/.codex/sessions/2026/11/22/rollout-2026-11-22T01-10-28-\(threadID).jsonl",
         "cwd":"/work/repo","cliVersion":"0.163.0","source":"vscode",
         "gitInfo":{"sha":"abc123","branch":"main","originUrl":null},"name":null,"agentNickname":null,
         "agentRole":null,"forkedFromId":null,"projectId":null,"model":"mock-model","reasoningEffort":"medium",
         "historyMode":"legacy","turns":[]}
        """
    static let turnInProgress = """
        {"id":"turn_3","items":[],"status":"inProgress","error":null,"itemsView":"notLoaded"}
        """
    static let turnCompleted = """
        {"id":"turn_3","items":[{"type":"agentMessage","id":"msg_01","text":"done"}],"status":"completed",
         "error":null,"startedAt":1763770001,"completedAt":1763770009,"durationMs":8123,"itemsView":"summary"}
        """
    static let startLikeResponse = """
        {"thread":\(thread),"model":"mock-model","modelProvider":"mock","cwd":"/work/repo",
         "approvalPolicy":"on-request","approvalsReviewer":"user",
         "sandbox":{"type":"workspaceWrite","writableRoots":["/work/repo"],"networkAccess":false,
                    "excludeTmpdirEnvVar":false,"excludeSlashTmp":false},
         "reasoningEffort":"medium","serviceTier":null,"instructionSources":[]}
        """
    static let commandItem = """
        {"type":"commandExecution","id":"call_9","command":"/bin/bash -lc 'rm -rf build'","cwd":"/repo",
         "processId":null,"status":"inProgress","commandActions":[{"type":"unknown","command":"rm -rf build"}],
         "aggregatedOutput":null,"exitCode":null,"durationMs":null,"source":"agent"}
        """
    static let usage = """
        {"totalTokens":19,"inputTokens":12,"cachedInputTokens":0,"cacheWriteInputTokens":0,"outputTokens":7,
         "reasoningOutputTokens":0}
        """

    static let all: [AppServerSample] = requests + notifications + serverRequests

    static let requests: [AppServerSample] = [
        .init(
            method: "initialize", role: .params,
            json: """
                {"clientInfo":{"name":"my_client","title":"My Client","version":"0.1.0"},
                 "capabilities":{"experimentalApi":false,"optOutNotificationMethods":["item/agentMessage/delta"]}}
                """),
        .init(
            method: "initialize", role: .result,
            json: """
                {"userAgent":"my_client/0.163.0 (Debian 12.0.0; x86_64) dumb (my_client; 0.1.0)",
                 "codexHome":"/home/u/.codex","platformFamily":"unix","platformOs":"linux"}
                """),
        .init(
            method: "thread/start", role: .params,
            json: """
                {"model":"mock-model","cwd":"/work/repo","approvalPolicy":"untrusted","sandbox":"workspace-write",
                 "config":{"model_reasoning_effort":"high"},"ephemeral":false}
                """),
        .init(method: "thread/start", role: .result, json: startLikeResponse),
        .init(
            method: "thread/resume", role: .params,
            json: """
                {"threadId":"\(threadID)","approvalPolicy":{"granular":{"sandbox_approval":true,"rules":true,
                 "mcp_elicitations":false,"request_permissions":false,"skill_approval":false}}}
                """),
        .init(method: "thread/resume", role: .result, json: startLikeResponse),
        .init(
            method: "thread/fork", role: .params,
            json: """
                {"threadId":"\(threadID)","sandbox":"read-only","ephemeral":true}
                """),
        .init(method: "thread/fork", role: .result, json: startLikeResponse),
        .init(
            method: "thread/list", role: .params,
            json: """
                {"limit":25,"sortKey":"updated_at","sourceKinds":["cli","vscode"],"archived":false,"cwd":"/work/repo"}
                """),
        .init(
            method: "thread/list", role: .result,
            json: """
                {"data":[\(thread)],"nextCursor":"2026-11-22T01:10:28Z","backwardsCursor":null}
                """),
        .init(method: "thread/read", role: .params, json: #"{"threadId":"\#(threadID)","includeTurns":true}"#),
        .init(method: "thread/read", role: .result, json: #"{"thread":\#(thread)}"#),
        .init(method: "thread/archive", role: .params, json: #"{"threadId":"\#(threadID)"}"#),
        .init(method: "thread/archive", role: .result, json: "{}"),
        .init(method: "thread/unarchive", role: .params, json: #"{"threadId":"\#(threadID)"}"#),
        .init(method: "thread/unarchive", role: .result, json: #"{"thread":\#(thread)}"#),
        .init(method: "thread/name/set", role: .params, json: #"{"threadId":"\#(threadID)","name":"Fix the build"}"#),
        .init(method: "thread/name/set", role: .result, json: "{}"),
        .init(method: "thread/loaded/list", role: .params, json: #"{"cursor":null,"limit":10}"#),
        .init(method: "thread/loaded/list", role: .result, json: #"{"data":["\#(threadID)"],"nextCursor":null}"#),
        .init(method: "thread/unsubscribe", role: .params, json: #"{"threadId":"\#(threadID)"}"#),
        .init(method: "thread/unsubscribe", role: .result, json: #"{"status":"unsubscribed"}"#),
        .init(
            method: "turn/start", role: .params,
            json: """
                {"threadId":"thr_1","input":[{"type":"text","text":"Run tests","text_elements":[
                 {"byteRange":{"start":0,"end":3},"placeholder":null}]},
                 {"type":"localImage","path":"/abs/file.png"},{"type":"image","url":"https://example.com/a.png"},
                 {"type":"skill","name":"lint","path":"/skills/lint/SKILL.md"}],
                 "cwd":"/repo","approvalPolicy":"on-request","sandboxPolicy":{"type":"readOnly","networkAccess":false},
                 "model":"gpt-5.1-codex","effort":"medium","summary":"concise",
                 "outputSchema":{"type":"object","properties":{"answer":{"type":"string"}}}}
                """),
        .init(method: "turn/start", role: .result, json: #"{"turn":\#(turnInProgress)}"#),
        .init(
            method: "turn/steer", role: .params,
            json: """
                {"threadId":"thr_1","expectedTurnId":"turn_3","input":[{"type":"text","text":"also lint","text_elements":[]}]}
                """),
        .init(method: "turn/steer", role: .result, json: #"{"turnId":"turn_3"}"#),
        .init(method: "turn/interrupt", role: .params, json: #"{"threadId":"thr_1","turnId":"turn_3"}"#),
        .init(method: "turn/interrupt", role: .result, json: "{}"),
        .init(
            method: "review/start", role: .params,
            json: #"{"threadId":"thr_1","target":{"type":"commit","sha":"1d70114","title":"Fix the loop"},"delivery":"inline"}"#),
        .init(method: "review/start", role: .params, json: #"{"threadId":"thr_1","target":{"type":"uncommittedChanges"}}"#),
        .init(
            method: "review/start", role: .params,
            json: #"{"threadId":"thr_1","target":{"type":"baseBranch","branch":"main"},"delivery":"detached"}"#),
        .init(
            method: "review/start", role: .params,
            json: #"{"threadId":"thr_1","target":{"type":"custom","instructions":"Look at security"}}"#),
        .init(
            method: "review/start", role: .result,
            json: """
                {"turn":{"id":"turn_5","items":[{"type":"userMessage","id":"turn_5","content":[{"type":"text",
                 "text":"current changes","text_elements":[]}]}],"status":"inProgress","error":null,"itemsView":"notLoaded"},
                 "reviewThreadId":"thr_1"}
                """),
        .init(method: "thread/compact/start", role: .params, json: #"{"threadId":"thr_1"}"#),
        .init(method: "thread/compact/start", role: .result, json: "{}"),
        .init(method: "model/list", role: .params, json: #"{"limit":1,"includeHidden":false}"#),
        .init(
            method: "model/list", role: .result,
            json: """
                {"data":[{"id":"mock-model","model":"mock-model","displayName":"Mock","description":"A test model",
                 "hidden":false,"isDefault":true,"supportedReasoningEfforts":[{"reasoningEffort":"low","description":"fast"},
                 {"reasoningEffort":"high","description":"deep"}],"defaultReasoningEffort":"medium",
                 "inputModalities":["text","image"],"supportsPersonality":false,"upgrade":null,
                 "upgradeInfo":{"model":"mock-model-2","upgradeCopy":null,"modelLink":null,"migrationMarkdown":null}}],
                 "nextCursor":"1"}
                """),
        .init(
            method: "mcpServerStatus/list", role: .params,
            json: #"{"cursor":"1","limit":2,"detail":"toolsAndAuthOnly","threadId":"thr_1","serverName":"fake"}"#),
        .init(
            method: "mcpServerStatus/list", role: .result,
            json: """
                {"data":[{"name":"fake","runtimeStatus":"connected","pluginId":null,"httpOrigin":null,
                  "serverInfo":{"name":"fixture","title":null,"version":"1.0.0","description":null,"icons":null,
                   "websiteUrl":null},
                  "serverCapabilities":{"tools":{"listChanged":false}},
                  "tools":{"echo":{"name":"echo","description":"Echo the text back.",
                   "inputSchema":{"type":"object","properties":{"text":{"type":"string"}}},"_meta":{"k":1}}},
                  "toolsError":null,
                  "resources":[{"uri":"file:///a","name":"a","mimeType":"text/plain","size":3}],
                  "resourceTemplates":[{"uriTemplate":"file:///{p}","name":"files"}],"authStatus":"unsupported"},
                 {"name":"web","runtimeStatus":null,"pluginId":null,"httpOrigin":"http://127.0.0.1:9",
                  "serverInfo":null,"serverCapabilities":null,"tools":{},
                  "toolsError":"MCP startup failed: connection refused","resources":[],"resourceTemplates":[],
                  "authStatus":"bearerToken"}],
                 "nextCursor":"2"}
                """),
        .init(method: "config/mcpServer/reload", role: .result, json: "{}"),
        .init(method: "app/list", role: .params, json: #"{"cursor":"2","limit":2,"forceRefetch":true,"threadId":"thr_1"}"#),
        .init(
            method: "app/list", role: .result,
            json: """
                {"data":[{"id":"connector_acme","name":"Acme Docs","description":"Docs from Acme.","logoUrl":"https://x/acme.png",
                   "logoUrlDark":null,"iconAssets":null,"iconDarkAssets":null,"distributionChannel":null,"branding":null,
                   "appMetadata":null,"labels":null,"installUrl":"https://chatgpt.com/apps/acme-docs/connector_acme",
                   "isAccessible":true,"isEnabled":true,"pluginDisplayNames":[]}],"nextCursor":"1"}
                """),
        .init(
            method: "app/list/updated", role: .params,
            json: """
                {"data":[{"id":"connector_acme","name":"Acme Docs","description":"Docs from Acme.","logoUrl":"https://x/acme.png",
                   "logoUrlDark":null,"iconAssets":null,"iconDarkAssets":null,"distributionChannel":null,"branding":null,
                   "appMetadata":null,"labels":null,"installUrl":"https://chatgpt.com/apps/acme-docs/connector_acme",
                   "isAccessible":true,"isEnabled":true,"pluginDisplayNames":[]}]}
                """),
        .init(method: "app/read", role: .params, json: #"{"appIds":["connector_acme","missing"],"includeTools":true}"#),
        .init(
            method: "app/read", role: .result,
            json: """
                {"apps":[{"id":"connector_acme","name":"Acme Docs","description":null,"iconUrl":"https://x/a.png",
                  "iconUrlDark":null,"distributionChannel":"ECOSYSTEM_DIRECTORY",
                  "installUrl":"https://chatgpt.com/apps/acme-docs/connector_acme","pluginDisplayNames":[],
                  "toolSummaries":[{"name":"search","title":"Search","description":"Search docs.","isEnabled":true,
                   "disabledReason":null,"isReadOnly":true}]}],
                 "missingAppIds":["missing"]}
                """),
        .init(method: "app/installed", role: .params, json: #"{"forceRefresh":true,"threadId":null}"#),
        .init(
            method: "app/installed", role: .result,
            json: #"{"apps":[{"id":"connector_acme","runtimeName":"Acme Docs","enabled":true,"callable":true}]}"#),
        .init(
            method: "mcpServer/oauth/login", role: .params,
            json: #"{"name":"web","scopes":["read"],"timeoutSecs":30,"clientRegistration":"dcr","threadId":"thr_1"}"#),
        .init(
            method: "mcpServer/oauth/login", role: .result,
            json: #"{"authorizationUrl":"http://127.0.0.1:9/authorize?response_type=code","loginId":"l-1"}"#),
        .init(
            method: "mcpServer/oauthLogin/completed", role: .params,
            json: #"{"name":"web","threadId":null,"loginId":"l-1","success":false,"error":"timed out waiting for OAuth callback"}"#),
        .init(
            method: "mcpServer/startupStatus/updated", role: .params,
            json: #"{"threadId":"thr_1","name":"fake","status":"starting","error":null,"failureReason":null}"#),
        .init(
            method: "mcpServer/startupStatus/updated", role: .params,
            json: """
                {"threadId":"thr_1","name":"broken","status":"failed",
                 "error":"MCP client for `broken` failed to start: MCP startup failed: No such file or directory (os error 2)",
                 "failureReason":null}
                """),
        .init(method: "config/read", role: .params, json: #"{"includeLayers":true,"cwd":"/work/repo"}"#),
        .init(
            method: "config/read", role: .result,
            json: """
                {"config":{"model":"mock-model","model_provider":"mock","sandbox_mode":"workspace-write",
                  "tools":{"view_image":true}},
                 "origins":{"model":{"name":{"type":"user","file":"/home/u/.codex/config.toml","profile":null},
                  "version":"sha256:ab"}},
                 "layers":[{"name":{"type":"project","dotCodexFolder":"/work/repo/.codex"},"version":"sha256:cd",
                   "config":{"model":"x"},"disabledReason":"project is not trusted"},
                  {"name":{"type":"user","file":"/home/u/.codex/config.toml","profile":null},"version":"sha256:ab",
                   "config":{},"disabledReason":null},
                  {"name":{"type":"system","file":"/etc/codex/config.toml"},"version":"sha256:ef","config":{},
                   "disabledReason":null},
                  {"name":{"type":"sessionFlags"},"version":"sha256:00","config":{},"disabledReason":null}]}
                """),
        .init(
            method: "config/value/write", role: .params,
            json: """
                {"keyPath":"model","value":"other-model","mergeStrategy":"replace","filePath":null,"expectedVersion":null}
                """),
        .init(
            method: "config/value/write", role: .result,
            json: """
                {"status":"okOverridden","version":"sha256:1234","filePath":"/home/u/.codex/config.toml",
                 "overriddenMetadata":{"message":"a project layer wins","effectiveValue":"x",
                  "overridingLayer":{"name":{"type":"project","dotCodexFolder":"/work/repo/.codex"},"version":"sha256:cd"}}}
                """),
        .init(
            method: "config/batchWrite", role: .params,
            json: """
                {"edits":[{"keyPath":"tools.view_image","value":true,"mergeStrategy":"upsert"},
                  {"keyPath":"model","value":null,"mergeStrategy":"replace"}],"expectedVersion":"sha256:1234",
                 "reloadUserConfig":true}
                """),
        .init(
            method: "config/batchWrite", role: .result,
            json: """
                {"status":"ok","version":"sha256:5678","filePath":"/home/u/.codex/config.toml","overriddenMetadata":null}
                """),
        .init(method: "configRequirements/read", role: .result, json: #"{"requirements":null}"#),
        .init(method: "account/read", role: .params, json: #"{"refreshToken":false}"#),
        .init(method: "account/read", role: .result, json: #"{"account":null,"requiresOpenaiAuth":true}"#),
        .init(method: "account/read", role: .result, json: #"{"account":{"type":"apiKey"},"requiresOpenaiAuth":true}"#),
        .init(
            method: "account/read", role: .result,
            json: """
                {"account":{"type":"chatgpt","email":"a@b.example","planType":"plus"},"requiresOpenaiAuth":true}
                """),
        .init(method: "account/login/start", role: .params, json: #"{"type":"apiKey","apiKey":"sk-test-1"}"#),
        .init(method: "account/login/start", role: .params, json: #"{"type":"chatgpt"}"#),
        .init(method: "account/login/start", role: .params, json: #"{"type":"chatgpt","codexStreamlinedLogin":true}"#),
        .init(method: "account/login/start", role: .params, json: #"{"type":"chatgptDeviceCode"}"#),
        .init(method: "account/login/start", role: .result, json: #"{"type":"apiKey"}"#),
        .init(
            method: "account/login/start", role: .result,
            json: """
                {"type":"chatgpt","loginId":"03e3462c-c003-44c2-aeb0-ccae9f7ae6a8",
                 "authUrl":"https://auth.openai.com/oauth/authorize?response_type=code"}
                """),
        .init(
            method: "account/login/start", role: .result,
            json: """
                {"type":"chatgptDeviceCode","loginId":"03e3462c-c003-44c2-aeb0-ccae9f7ae6a8",
                 "verificationUrl":"https://auth.openai.com/codex/device","userCode":"ABCD-EFGH"}
                """),
        .init(method: "account/login/cancel", role: .params, json: #"{"loginId":"03e3462c-c003-44c2-aeb0-ccae9f7ae6a8"}"#),
        .init(method: "account/login/cancel", role: .result, json: #"{"status":"notFound"}"#),
        .init(method: "account/login/cancel", role: .result, json: #"{"status":"canceled"}"#),
        .init(method: "account/logout", role: .result, json: "{}"),
        .init(method: "account/rateLimits/read", role: .params, json: "{}"),
        .init(
            method: "account/rateLimits/read", role: .result,
            json: """
                {"rateLimits":{"limitId":"codex","limitName":null,
                 "primary":{"usedPercent":42,"windowDurationMins":300,"resetsAt":1900000000},
                 "secondary":null,"credits":{"hasCredits":true,"unlimited":false,"balance":"12.5"},"planType":"pro"},
                 "rateLimitsByLimitId":null}
                """),
        .init(
            method: "feedback/upload", role: .params,
            json: """
                {"classification":"bug","reason":"hung","threadId":"019a0000-0000-7000-8000-000000000001",
                 "includeLogs":true,"extraLogFiles":["/tmp/a.log"],"tags":{"turn_id":"t1"}}
                """),
        .init(method: "feedback/upload", role: .result, json: #"{"threadId":"019a0000-0000-7000-8000-000000000001","promptHash":"ab12"}"#),
        .init(
            method: "command/exec", role: .params,
            json: """
                {"command":["ls","-la"],"cwd":"/work","timeoutMs":5000,
                 "sandboxPolicy":{"type":"externalSandbox","networkAccess":"restricted"},"env":{"FOO":"1","BAR":null}}
                """),
        .init(method: "command/exec", role: .result, json: #"{"exitCode":0,"stdout":"a\nb\n","stderr":""}"#),
        .init(method: "command/exec/write", role: .params, json: #"{"processId":"p1","deltaBase64":"aGkK","closeStdin":true}"#),
        .init(method: "command/exec/write", role: .result, json: "{}"),
        .init(method: "command/exec/terminate", role: .params, json: #"{"processId":"p1"}"#),
        .init(method: "command/exec/terminate", role: .result, json: "{}"),
        .init(method: "command/exec/resize", role: .params, json: #"{"processId":"p1","size":{"rows":30,"cols":100}}"#),
        .init(method: "command/exec/resize", role: .result, json: "{}"),
        .init(
            method: "command/exec/outputDelta", role: .params,
            json: #"{"processId":"p1","stream":"stderr","deltaBase64":"YQo=","capReached":false}"#),
        .init(
            method: "fuzzyFileSearch", role: .params,
            json: #"{"query":"main","roots":["/work"],"cancellationToken":"t1"}"#),
        .init(
            method: "fuzzyFileSearch", role: .result,
            json: """
                {"files":[{"root":"/work","path":"Sources/main.swift","match_type":"file","file_name":"main.swift",
                  "score":42,"indices":[8,9,10,11]}]}
                """),
        .init(
            method: "fuzzyFileSearch/sessionStart", role: .params, json: #"{"sessionId":"s1","roots":["/work"]}"#),
        .init(method: "fuzzyFileSearch/sessionStart", role: .result, json: "{}"),
        .init(method: "fuzzyFileSearch/sessionUpdate", role: .params, json: #"{"sessionId":"s1","query":"ma"}"#),
        .init(method: "fuzzyFileSearch/sessionUpdate", role: .result, json: "{}"),
        .init(method: "fuzzyFileSearch/sessionStop", role: .params, json: #"{"sessionId":"s1"}"#),
        .init(method: "fuzzyFileSearch/sessionStop", role: .result, json: "{}"),
    ]

    static let notifications: [AppServerSample] = [
        .init(
            method: "account/login/completed", role: .params,
            json: #"{"loginId":null,"success":true,"error":null,"onboardingEntrypoint":null}"#),
        .init(
            method: "account/login/completed", role: .params,
            json: #"{"loginId":"03e3462c-c003-44c2-aeb0-ccae9f7ae6a8","success":false,"error":"Login was not completed","onboardingEntrypoint":null}"#),
        .init(method: "account/updated", role: .params, json: #"{"authMode":"apikey","planType":null}"#),
        .init(method: "account/updated", role: .params, json: #"{"authMode":null,"planType":null}"#),
        .init(method: "account/updated", role: .params, json: #"{"authMode":"chatgpt","planType":"pro"}"#),
        .init(
            method: "account/rateLimits/updated", role: .params,
            json: """
                {"rateLimits":{"limitId":"codex","limitName":null,"primary":{"usedPercent":5,"windowDurationMins":null,"resetsAt":null},
                 "secondary":null,"credits":null,"planType":null}}
                """),
        .init(
            method: "error", role: .params,
            json: """
                {"error":{"message":"stream disconnected","codexErrorInfo":{"responseStreamDisconnected":{"httpStatusCode":502}},
                 "additionalDetails":null},"willRetry":true,"threadId":"thr_1","turnId":"turn_3"}
                """),
        .init(
            method: "error", role: .params,
            json: """
                {"error":{"message":"context full","codexErrorInfo":"contextWindowExceeded","additionalDetails":null},
                 "willRetry":false,"threadId":"thr_1","turnId":"turn_3"}
                """),
        .init(method: "thread/started", role: .params, json: #"{"thread":\#(thread)}"#),
        .init(
            method: "thread/status/changed", role: .params,
            json: """
                {"threadId":"thr_1","status":{"type":"active","activeFlags":["waitingOnApproval"]}}
                """),
        .init(method: "thread/archived", role: .params, json: #"{"threadId":"thr_1"}"#),
        .init(method: "thread/unarchived", role: .params, json: #"{"threadId":"thr_1"}"#),
        .init(
            method: "thread/name/updated", role: .params, json: #"{"threadId":"thr_1","threadName":"Fix the build"}"#),
        .init(
            method: "thread/tokenUsage/updated", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","tokenUsage":{"total":\(usage),"last":\(usage),
                 "modelContextWindow":272000}}
                """),
        .init(method: "turn/started", role: .params, json: #"{"threadId":"thr_1","turn":\#(turnInProgress)}"#),
        .init(method: "turn/completed", role: .params, json: #"{"threadId":"thr_1","turn":\#(turnCompleted)}"#),
        .init(
            method: "turn/completed", role: .params,
            json: """
                {"threadId":"thr_1","turn":{"id":"turn_4","items":[],"status":"failed",
                 "error":{"message":"usage limit","codexErrorInfo":"usageLimitExceeded","additionalDetails":"try later"}}}
                """),
        .init(
            method: "turn/diff/updated", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","diff":"diff --git a/x b/x\\n--- a/x\\n+++ b/x\\n"}
                """),
        .init(
            method: "turn/plan/updated", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","explanation":"first pass",
                 "plan":[{"step":"read code","status":"completed"},{"step":"fix","status":"inProgress"},
                         {"step":"test","status":"pending"}]}
                """),
        .init(
            method: "item/started", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","item":\(commandItem),"startedAtMs":1763770001234}
                """),
        .init(
            method: "item/started", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","startedAtMs":1763770001000,"item":{"type":"userMessage",
                 "id":"5b0e1c7a-0000-4000-8000-000000000001","content":[{"type":"text","text":"hi","text_elements":[]}]}}
                """),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","completedAtMs":1763770002000,"item":{"type":"commandExecution",
                 "id":"call_9","command":"/bin/bash -lc 'cat a.txt'","cwd":"/repo","processId":"42","status":"completed",
                 "commandActions":[{"type":"read","command":"cat a.txt","name":"a.txt","path":"/repo/a.txt"},
                  {"type":"listFiles","command":"ls","path":null},{"type":"search","command":"rg x","query":"x","path":null}],
                 "aggregatedOutput":"hello\\n","exitCode":0,"durationMs":12,"source":"agent"}}
                """),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","completedAtMs":1763770003000,"item":{"type":"fileChange",
                 "id":"call_23995e97f6","status":"completed","changes":[
                  {"path":"/repo/patched.txt","kind":{"type":"add"},"diff":"new content\\n"},
                  {"path":"/repo/old.txt","kind":{"type":"delete"},"diff":""},
                  {"path":"/repo/a.txt","kind":{"type":"update","move_path":null},"diff":"@@ -1 +1 @@\\n-a\\n+b\\n"}]}}
                """),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","completedAtMs":1763770004000,"item":{"type":"reasoning",
                 "id":"rs_1","summary":["**Plan**"],"content":[]}}
                """),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_4","completedAtMs":1763770004500,"item":{"type":"contextCompaction",
                 "id":"01a24571-ca26-7b30-be64-42e58d6a2e89"}}
                """),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","completedAtMs":1763770005000,"item":{"type":"agentMessage",
                 "id":"msg_0a1b","text":"JSON mode final answer"}}
                """),
        .init(
            method: "item/agentMessage/delta", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"msg_0a1b","delta":"JSON mode "}
                """),
        .init(
            method: "item/reasoning/summaryTextDelta", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"rs_1","delta":"**Plan","summaryIndex":0}
                """),
        .init(
            method: "item/reasoning/summaryPartAdded", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"rs_1","summaryIndex":1}
                """),
        .init(
            method: "item/reasoning/textDelta", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"rs_1","delta":"thinking","contentIndex":0}
                """),
        .init(
            method: "item/commandExecution/outputDelta", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"call_9","delta":"CMD-OUT-7781\\n"}
                """),
        .init(
            method: "item/commandExecution/terminalInteraction", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"call_9","processId":"16618","stdin":"print(6*7)\\n"}
                """),
        .init(method: "serverRequest/resolved", role: .params, json: #"{"threadId":"thr_1","requestId":0}"#),
        .init(method: "serverRequest/resolved", role: .params, json: #"{"threadId":"thr_1","requestId":"req-7"}"#),
        .init(
            method: "configWarning", role: .params,
            json: """
                {"summary":"bubblewrap not found on PATH; using the bundled copy","details":null,
                 "path":"/home/u/.codex/config.toml","range":{"start":{"line":3,"column":1},"end":{"line":3,"column":20}}}
                """),
        .init(
            method: "warning", role: .params,
            json: """
                {"message":"This session was recorded with model `a` but is resuming with `b`.","threadId":"thr_1"}
                """),
        .init(method: "warning", role: .params, json: #"{"message":"no thread","threadId":null}"#),
        .init(
            method: "deprecationNotice", role: .params,
            json: #"{"summary":"review/start with delivery \"detached\" is deprecated.","details":null}"#),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_5","completedAtMs":1763770006000,"item":{"type":"enteredReviewMode",
                 "id":"rv_1","review":"current changes"}}
                """),
        .init(
            method: "item/completed", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_5","completedAtMs":1763770007000,"item":{"type":"exitedReviewMode",
                 "id":"rv_2","review":"Looks fine."}}
                """),
        .init(
            method: "fuzzyFileSearch/sessionUpdated", role: .params,
            json: """
                {"sessionId":"s1","query":"ma","files":[{"root":"/work","path":"src/main.swift","match_type":"file",
                  "file_name":"main.swift","score":76,"indices":[4,5]}]}
                """),
        .init(method: "fuzzyFileSearch/sessionCompleted", role: .params, json: #"{"sessionId":"s1"}"#),
    ]

    static let serverRequests: [AppServerSample] = [
        .init(
            method: "item/commandExecution/requestApproval", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"call_9","startedAtMs":1763770001300,"approvalId":null,
                 "reason":null,"command":"/bin/bash -lc 'echo hi > accepted.txt'","cwd":"/work",
                 "commandActions":[{"type":"unknown","command":"echo hi > accepted.txt"}],"networkApprovalContext":null,
                 "proposedExecpolicyAmendment":["echo","hi"],"proposedNetworkPolicyAmendments":null,
                 "environmentId":null,"kind":"command"}
                """),
        .init(
            method: "item/commandExecution/requestApproval", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"call_10","startedAtMs":1763770001400,
                 "networkApprovalContext":{"host":"example.com","protocol":"https"},
                 "proposedNetworkPolicyAmendments":[{"host":"example.com","action":"allow"}],"kind":"command"}
                """),
        .init(method: "item/commandExecution/requestApproval", role: .result, json: #"{"decision":"accept"}"#),
        .init(
            method: "item/commandExecution/requestApproval", role: .result, json: #"{"decision":"acceptForSession"}"#),
        .init(method: "item/commandExecution/requestApproval", role: .result, json: #"{"decision":"decline"}"#),
        .init(method: "item/commandExecution/requestApproval", role: .result, json: #"{"decision":"cancel"}"#),
        .init(
            method: "item/commandExecution/requestApproval", role: .result,
            json: """
                {"decision":{"acceptWithExecpolicyAmendment":{"execpolicy_amendment":["git","status"]}}}
                """),
        .init(
            method: "item/commandExecution/requestApproval", role: .result,
            json: """
                {"decision":{"applyNetworkPolicyAmendment":{"network_policy_amendment":{"host":"h","action":"deny"}}}}
                """),
        .init(
            method: "item/fileChange/requestApproval", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_3","itemId":"call_23995e97f6","startedAtMs":1763770001500,
                 "reason":"writes outside the workspace","grantRoot":null}
                """),
        .init(method: "item/fileChange/requestApproval", role: .result, json: #"{"decision":"accept"}"#),
        .init(method: "item/fileChange/requestApproval", role: .result, json: #"{"decision":"decline"}"#),
        // Observed from 0.163.0 (spec mcp-client §6).
        .init(
            method: "mcpServer/elicitation/request", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_1","serverName":"fake","mode":"form",
                 "_meta":{"codex_approval_kind":"mcp_tool_call","persist":["session","always"],
                  "tool_description":"Echo the text back.","tool_params":{"text":"hi"},
                  "tool_params_display":[{"name":"text","value":"hi","display_name":"text"}]},
                 "message":"Allow the fake MCP server to run tool \\\"echo\\\"?",
                 "requestedSchema":{"type":"object","properties":{}}}
                """),
        .init(
            method: "mcpServer/elicitation/request", role: .params,
            json: """
                {"threadId":"thr_1","turnId":null,"serverName":"fake","mode":"url","_meta":null,"message":"Sign in",
                 "url":"https://example.test/a","elicitationId":"e1"}
                """),
        .init(
            method: "mcpServer/elicitation/request", role: .result,
            json: #"{"action":"accept","content":{"colour":"blue"},"_meta":{"persist":"session"}}"#),
        .init(method: "mcpServer/elicitation/request", role: .result, json: #"{"action":"cancel"}"#),
        .init(
            method: "item/tool/requestUserInput", role: .params,
            json: """
                {"threadId":"thr_1","turnId":"turn_1","itemId":"c1","questions":[{"id":"mcp_tool_call_approval_c1",
                 "header":"Approve app tool call?","question":"Allow the fake MCP server to run tool \\\"structured\\\"?",
                 "isOther":false,"isSecret":false,"options":[{"label":"Allow","description":"Run the tool and continue."},
                 {"label":"Cancel","description":"Cancel this tool call."}]}],"isBlocking":true,"autoResolutionMs":null}
                """),
        .init(
            method: "item/tool/requestUserInput", role: .result,
            json: #"{"answers":{"mcp_tool_call_approval_c1":{"answers":["Allow"]}}}"#),
    ]
}
