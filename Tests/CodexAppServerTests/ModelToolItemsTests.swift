import CodexProtocol
import CodexTestSupport
import Foundation
import Testing

/// A provider's web search and a `view_image` call over the app-server: `webSearch` and `imageView` items, in the
/// reference's shapes (validated against the reference schema by the client).
@Suite struct ModelToolItemsTests {
    /// A catalog entry for the mock model (unified exec, freeform apply_patch), as the reference accepts it.
    static let catalog = """
        {"models":[{"slug":"mock-model","display_name":"Mock","description":"mock","default_reasoning_level":null,
        "supported_reasoning_levels":[],"shell_type":"unified_exec","visibility":"list","supported_in_api":true,
        "priority":1,"upgrade":null,"base_instructions":"You are a mock.","supports_reasoning_summaries":false,
        "support_verbosity":false,"default_verbosity":null,"apply_patch_tool_type":"freeform",
        "truncation_policy":{"mode":"bytes","limit":10000},"supports_parallel_tool_calls":false,
        "context_window":200000,"experimental_supported_tools":[]}]}
        """

    @Test func webSearchAndImageViewItems() async throws {
        try await MockResponsesServer.withServer { server in
            try await CodexTestHome.withHome(server: server) { home in
                let catalogPath = try home.root.write(Self.catalog, to: "codex_home/mock_models.json")
                try home.writeConfig(baseURL: server.baseURL, extraRootTOML: "model_catalog_json = \"\(catalogPath)\"")
                let image = home.workDirectory + "/shot.png"
                let png = Data(
                    base64Encoded:
                        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==")
                try #require(png).write(to: URL(filePath: image))
                let search: JSONValue = [
                    "type": "web_search_call", "id": "ws_1", "status": "completed",
                    "action": ["type": "search", "query": "swift lang"],
                ]
                server.enqueue(
                    .response(
                        items: [search, SSE.functionCallItem(callID: "call_img", name: "view_image", arguments: #"{"path":"shot.png"}"#)]),
                    .assistantText("done", responseID: "resp_2"))
                let expectedSearch: JSONValue = [
                    "type": "webSearch", "id": "ws_1", "query": "swift lang",
                    "action": ["type": "search", "query": "swift lang", "queries": nil], "results": nil,
                ]
                let expectedImage: JSONValue = ["type": "imageView", "id": "call_img", "path": .string(image)]
                let threadID = try await AppServerE2E.withServer(home: home) { client in
                    let threadID = try await AppServerE2E.startThread(
                        client, ["cwd": .string(home.workDirectory), "approvalPolicy": "never"])
                    _ = try await AppServerE2E.startTurn(client, threadID: threadID, text: "look")
                    let isSearch: @Sendable (JSONValue) -> Bool = { $0["item"]?["type"] == "webSearch" }
                    #expect(try await client.notification("item/started", where: isSearch)["item"] == expectedSearch)
                    #expect(try await client.notification("item/completed", where: isSearch)["item"] == expectedSearch)
                    let isImage: @Sendable (JSONValue) -> Bool = { $0["item"]?["type"] == "imageView" }
                    #expect(try await client.notification("item/started", where: isImage)["item"] == expectedImage)
                    #expect(try await client.notification("item/completed", where: isImage)["item"] == expectedImage)
                    _ = try await client.notification("turn/completed")
                    return threadID
                }
                // A new process reads both items back from the rollout, as the reference does (it records
                // `item_completed` `WebSearch` and `ImageView` events).
                try await AppServerE2E.withServer(home: home) { reader in
                    for method in ["thread/read", "thread/resume"] {
                        let params: JSONValue =
                            method == "thread/read"
                            ? ["threadId": .string(threadID), "includeTurns": true] : ["threadId": .string(threadID)]
                        let result = try await reader.request(method, params)
                        let items = result["thread"]?["turns"]?.arrayValue?.first?["items"]?.arrayValue ?? []
                        #expect(items.map { $0["type"]?.stringValue ?? "" } == ["userMessage", "webSearch", "imageView", "agentMessage"], "\(method)")
                        #expect(items.first { $0["type"] == "webSearch" } == expectedSearch, "\(method)")
                        #expect(items.first { $0["type"] == "imageView" } == expectedImage, "\(method)")
                    }
                }
                let rollout = try #require(try E2ERollouts.files(codexHome: home.codexHome).first)
                let completed = try String(contentsOfFile: rollout, encoding: .utf8).split(separator: "\n")
                    .map { try JSONParser.parse(String($0)) }.compactMap { $0["payload"]?["item"] }
                #expect(completed.contains(["type": "WebSearch", "id": "ws_1", "query": "swift lang", "action": ["type": "search", "query": "swift lang"]]))
                #expect(completed.contains(["type": "ImageView", "id": "call_img", "path": .string("file://" + image)]))
                let last = server.requests.filter { $0.path.hasSuffix("/responses") }.last
                let output = last?.body?["input"]?.arrayValue?.first { $0["call_id"] == "call_img" && $0["type"] == "function_call_output" }
                #expect(output?["output"]?.arrayValue?.first?["type"] == "input_image")
            }
        }
    }
}
