import CodexProtocol
import Testing

@Suite struct AppServerRegistryTests {
    @Test func methodNamesAreUniqueAndResolve() {
        let requests = AppServerRegistry.clientRequests.map(\.method)
        #expect(Set(requests).count == requests.count)
        #expect(requests.count == 41)
        #expect(AppServerRegistry.clientRequests.filter(\.isExperimental).map(\.method) == [
            "fuzzyFileSearch/sessionStart", "fuzzyFileSearch/sessionUpdate", "fuzzyFileSearch/sessionStop",
        ])
        #expect(AppServerRegistry.serverNotifications.count == 32)
        #expect(
            AppServerRegistry.serverRequests.map(\.method) == [
                "item/commandExecution/requestApproval", "item/fileChange/requestApproval", "item/tool/requestUserInput",
                "mcpServer/elicitation/request",
            ])
        #expect(
            AppServerRegistry.serverRequest("mcpServer/elicitation/request")?.result?.schemaName
                == "McpServerElicitationRequestResponse")
        #expect(AppServerRegistry.clientRequest("thread/start")?.result?.schemaName == "ThreadStartResponse")
        #expect(
            AppServerRegistry.serverRequest("item/fileChange/requestApproval")?.params?.schemaName
                == "FileChangeRequestApprovalParams")
        #expect(AppServerRegistry.serverNotification("item/agentMessage/delta")?.result == nil)
    }

    @Test func decodesTypedParams() throws {
        let params = try AppServerRegistry.decodeClientRequestParams(
            method: "turn/interrupt", params: ["threadId": "a", "turnId": "b"])
        #expect(
            params as? AppServerV2.TurnInterruptParams == AppServerV2.TurnInterruptParams(threadId: "a", turnId: "b"))
        let lenient = try AppServerRegistry.decodeClientRequestParams(method: "thread/list", params: nil)
        #expect(lenient as? AppServerV2.ThreadListParams == AppServerV2.ThreadListParams())
        #expect(try AppServerRegistry.decodeClientRequestParams(method: "configRequirements/read", params: nil) == nil)
        let decision = try AppServerRegistry.decodeServerRequestResult(
            method: "item/commandExecution/requestApproval", result: ["decision": "acceptForSession"])
        #expect((decision as? AppServerV2.CommandExecutionRequestApprovalResponse)?.decision == .acceptForSession)
    }

    @Test func errorsNameTheProblem() {
        #expect(throws: AppServerParamsError.self) {
            try AppServerRegistry.decodeClientRequestParams(method: "no/suchMethod", params: [:])
        }
        do {
            _ = try AppServerRegistry.decodeClientRequestParams(method: "no/suchMethod", params: [:])
        } catch {
            #expect(
                error.message.hasPrefix(
                    "Invalid request: unknown variant `no/suchMethod`, expected one of `initialize`"))
        }
        do {
            _ = try AppServerRegistry.decodeClientRequestParams(method: "turn/start", params: ["threadId": "t"])
            Issue.record("expected a missing-field error")
        } catch {
            #expect(error.message == "Invalid request: missing field `input`")
        }
        do {
            _ = try AppServerRegistry.decodeClientRequestParams(
                method: "thread/start", params: ["approvalPolicy": "on-failure"])
            Issue.record("expected an unknown-variant error")
        } catch {
            #expect(error.message.contains("unknown variant `on-failure`"))
        }
    }
}
