@testable import CodexProtocol
import FoundationEssentials
import Testing

/// `generate-json-schema` and `generate-ts` write the reference's (codex-cli 0.163.0) folder layout.
@Suite struct AppServerSchemaLayoutTests {
    /// What the official Python SDK reads to learn which fields a runtime accepts.
    @Test(arguments: ["TurnStartParams", "ThreadResumeParams", "ThreadForkParams"])
    func theSDKProbeFindsPropertiesInV2(name: String) throws {
        let text = try #require(AppServerSchema.jsonSchemaLayout()["v2/\(name).json"])
        let schema = try JSONParser.parse(text)
        #expect(schema["title"] == .string(name))
        #expect(schema["$schema"] == "http://json-schema.org/draft-07/schema#")
        #expect(schema["properties"]?["threadId"] != nil)
    }

    @Test func filesGoWhereTheReferencePutsThem() {
        let files = Set(AppServerSchema.jsonSchemaLayout().keys)
        for path in [
            "codex_app_server_protocol.schemas.json", "codex_app_server_protocol.v2.schemas.json",
            AppServerSchema.bundleFileName, "ClientRequest.json", "ServerNotification.json", "RequestId.json",
            "CommandExecutionRequestApprovalParams.json", "v1/InitializeParams.json", "v1/InitializeResponse.json",
            "v2/ThreadStartResponse.json", "v2/TurnCompletedNotification.json",
        ] {
            #expect(files.contains(path), "\(path)")
        }
        // Helper types appear only inside the definitions of the files that use them.
        #expect(!files.contains("v2/Thread.json"))
        #expect(!files.contains("v2/InitializeParams.json"))
    }

    /// Every `$ref` of a per-type file resolves inside that file: each is a schema of its own.
    @Test func perTypeFilesAreStandalone() throws {
        for (path, text) in AppServerSchema.jsonSchemaLayout() where !path.hasPrefix("codex_app_server_protocol") {
            let schema = try JSONParser.parse(text)
            let definitions = schema["definitions"]?.objectValue
            for reference in Self.references(in: schema) {
                let name = String(reference.dropFirst("#/definitions/".count))
                #expect(reference.hasPrefix("#/definitions/") && definitions?[name] != nil, "\(path): \(reference)")
            }
        }
    }

    @Test func theNamespacedBundleNestsV2Definitions() throws {
        let text = try #require(AppServerSchema.jsonSchemaLayout()["codex_app_server_protocol.schemas.json"])
        let bundle = try JSONParser.parse(text)
        #expect(bundle["title"] == "CodexAppServerProtocol")
        let definitions = try #require(bundle["definitions"]?.objectValue)
        let v2 = try #require(definitions["v2"]?.objectValue)
        #expect(definitions["InitializeParams"] != nil)
        #expect(v2["ThreadStartParams"] != nil && definitions["ThreadStartParams"] == nil)
        for reference in Self.references(in: bundle) {
            let path = reference.dropFirst("#/definitions/".count).split(separator: "/").map(String.init)
            let target = path.count == 2 ? v2[path[1]] : definitions[path[0]]
            #expect(target != nil, "\(reference)")
        }
    }

    /// Every relative import of a generated `.ts` file names a generated file.
    @Test func typeScriptImportsResolve() {
        let files = AppServerSchema.typeScriptLayout()
        #expect(files["index.ts"]?.hasSuffix("export * as v2 from \"./v2\";\n") == true)
        #expect(files["v2/index.ts"]?.contains("export type { Thread } from \"./Thread\";\n") == true)
        #expect(files["serde_json/JsonValue.ts"] != nil)
        #expect(files["InitializeParams.ts"] != nil && files["v2/TurnStartParams.ts"] != nil)
        for (path, text) in files {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            for line in text.split(separator: "\n") where line.hasPrefix("import type") {
                let quoted = line.split(separator: "\"", omittingEmptySubsequences: false)
                guard quoted.count == 3 else {
                    Issue.record("\(path): \(line)")
                    continue
                }
                let target = String(quoted[1])
                #expect(files[Self.resolve(target, from: folder) + ".ts"] != nil, "\(path): \(line)")
            }
        }
    }

    static func resolve(_ target: String, from folder: String) -> String {
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": parts.removeLast()
            default: parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    static func references(in value: JSONValue) -> [String] {
        switch value {
        case .array(let elements): return elements.flatMap(references)
        case .object(let object):
            return object.flatMap { key, member in
                key == "$ref" ? [member.stringValue ?? ""] : references(in: member)
            }
        default: return []
        }
    }
}
