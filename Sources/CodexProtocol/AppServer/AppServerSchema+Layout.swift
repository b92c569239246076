// The folder layout `codex app-server generate-json-schema --out DIR` writes, as the reference 0.163.0 writes it:
//
//   DIR/codex_app_server_protocol.schemas.json      every definition; v2 ones nested under `definitions.v2`
//   DIR/codex_app_server_protocol.v2.schemas.json   every definition, flat
//   DIR/<Name>.json, DIR/v1/<Name>.json, DIR/v2/<Name>.json
//       one standalone draft-07 schema per method params, response and notification type (and the four
//       method unions and `RequestId`), with its own `definitions` holding every type it refers to
//
// The official Python SDK reads `DIR/v2/TurnStartParams.json` (and the thread/resume and thread/fork params) to
// learn which fields a runtime accepts. Which folder a name goes to is the reference's choice (its Rust module),
// not something our declarations know, so the names outside v2 are listed here, taken from the reference's
// output; a name of ours that the reference lacks goes to v2. We also keep writing our own single bundle
// (`app-server.schema.json`, the reference's older shape) that our tests and tools read.

extension AppServerSchema {
    /// Per-type JSON files at the top of the output folder (the reference's unversioned types).
    static let jsonRootFileNames: Set<String> = [
        "ClientNotification", "ClientRequest", "CommandExecutionRequestApprovalParams",
        "CommandExecutionRequestApprovalResponse", "FileChangeRequestApprovalParams",
        "FileChangeRequestApprovalResponse",
        "FuzzyFileSearchParams", "FuzzyFileSearchResponse", "FuzzyFileSearchSessionCompletedNotification",
        "FuzzyFileSearchSessionStartParams", "FuzzyFileSearchSessionStartResponse", "FuzzyFileSearchSessionStopParams",
        "FuzzyFileSearchSessionStopResponse", "FuzzyFileSearchSessionUpdateParams",
        "FuzzyFileSearchSessionUpdateResponse", "FuzzyFileSearchSessionUpdatedNotification",
        "McpServerElicitationRequestParams", "McpServerElicitationRequestResponse", "RequestId", "ServerNotification",
        "ServerRequest", "ToolRequestUserInputParams", "ToolRequestUserInputResponse",
    ]

    /// Per-type JSON files under `v1/`.
    static let jsonV1FileNames: Set<String> = ["InitializeParams", "InitializeResponse"]

    /// Definitions at the top of `codex_app_server_protocol.schemas.json`; the others sit in its `definitions.v2`.
    static let bundleRootNames: Set<String> = jsonRootFileNames.union(jsonV1FileNames).union([
        "ClientInfo", "CommandExecutionApprovalDecision", "CommandExecutionApprovalKind", "FileChangeApprovalDecision",
        "FuzzyFileSearchMatchType", "FuzzyFileSearchResult", "InitializeCapabilities", "McpServerElicitationAction",
        "NetworkApprovalContext", "NetworkPolicyAmendment", "NetworkPolicyRuleAction", "ToolRequestUserInputAnswer",
        "ToolRequestUserInputOption", "ToolRequestUserInputQuestion",
    ])

    /// Names the reference writes as files of their own: method params, responses, notifications, the method
    /// unions and the request id. Everything else appears only inside the `definitions` of those files.
    static func hasOwnJSONFile(_ name: String) -> Bool {
        name.hasSuffix("Params") || name.hasSuffix("Response") || name.hasSuffix("Notification")
            || ["ClientRequest", "ServerRequest", "RequestId"].contains(name)
    }

    /// The folder (relative, "" for the top) of a per-type JSON file.
    static func jsonFolder(of name: String) -> String {
        if jsonRootFileNames.contains(name) { return "" }
        if jsonV1FileNames.contains(name) { return "v1" }
        return "v2"
    }

    /// Relative path -> file text for `generate-json-schema`: the reference's layout plus our own bundle.
    public static func jsonSchemaLayout(experimental: Bool = true) -> [String: String] {
        let all = definitions(experimental: experimental)
        var files: [String: String] = [bundleFileName: jsonSchemaText(experimental: experimental)]
        for (name, node) in all where hasOwnJSONFile(name) {
            let folder = jsonFolder(of: name)
            let path = folder.isEmpty ? "\(name).json" : "\(folder)/\(name).json"
            files[path] = JSONPrettyPrinter.render(standaloneSchema(name: name, node: node, in: all)) + "\n"
        }
        files["codex_app_server_protocol.v2.schemas.json"] =
            JSONPrettyPrinter.render(titled(jsonSchemaBundle(experimental: experimental), "CodexAppServerProtocolV2")) + "\n"
        files["codex_app_server_protocol.schemas.json"] =
            JSONPrettyPrinter.render(namespacedBundle(all, experimental: experimental)) + "\n"
        return files
    }

    /// One type's schema as a document of its own: `$schema`, `title`, and the definitions it refers to.
    static func standaloneSchema(name: String, node: SchemaNode, in all: [String: SchemaNode]) -> JSONValue {
        var object: JSONObject
        switch jsonSchema(for: node) {
        case .object(let schema): object = schema
        default: object = [:]  // `true` (any value) as an object schema that allows anything
        }
        var definitionsObject = JSONObject()
        for referenced in referencedClosure(of: node, in: all).sorted() {
            guard let definition = all[referenced] else { continue }
            definitionsObject[referenced] = jsonSchema(for: definition)
        }
        if !definitionsObject.isEmpty { object["definitions"] = .object(definitionsObject) }
        object["$schema"] = "http://json-schema.org/draft-07/schema#"
        object["title"] = .string(name)
        return .object(object)
    }

    /// Every definition `node` refers to, directly or through other definitions.
    static func referencedClosure(of node: SchemaNode, in all: [String: SchemaNode]) -> Set<String> {
        var found = Set<String>()
        var pending = Array(node.referencedNames)
        while let name = pending.popLast() {
            guard found.insert(name).inserted, let definition = all[name] else { continue }
            pending.append(contentsOf: definition.referencedNames.subtracting(found))
        }
        return found
    }

    /// `codex_app_server_protocol.schemas.json`: the bundle with v2 definitions under `definitions.v2` and their
    /// references rewritten to `#/definitions/v2/<Name>`.
    static func namespacedBundle(_ all: [String: SchemaNode], experimental: Bool = true) -> JSONValue {
        let v2Names = Set(all.keys).subtracting(bundleRootNames)
        guard case .object(var bundle) = jsonSchemaBundle(experimental: experimental),
            case .object(let flat)? = bundle["definitions"]
        else {
            return jsonSchemaBundle(experimental: experimental)
        }
        var root = JSONObject()
        var v2 = JSONObject()
        for (name, schema) in flat {
            let rewritten = rewritingReferences(schema, into: v2Names)
            if v2Names.contains(name) { v2[name] = rewritten } else { root[name] = rewritten }
        }
        root["v2"] = .object(v2)
        bundle["definitions"] = .object(root)
        return .object(bundle)
    }

    private static func rewritingReferences(_ value: JSONValue, into v2Names: Set<String>) -> JSONValue {
        switch value {
        case .array(let elements): return .array(elements.map { rewritingReferences($0, into: v2Names) })
        case .object(var object):
            for (key, member) in object {
                if key == "$ref", case .string(let target) = member, target.hasPrefix("#/definitions/"),
                    v2Names.contains(String(target.dropFirst("#/definitions/".count)))
                {
                    object[key] = .string("#/definitions/v2/" + target.dropFirst("#/definitions/".count))
                } else {
                    object[key] = rewritingReferences(member, into: v2Names)
                }
            }
            return .object(object)
        default: return value
        }
    }

    private static func titled(_ bundle: JSONValue, _ title: String) -> JSONValue {
        guard case .object(var object) = bundle else { return bundle }
        object["title"] = .string(title)
        return .object(object)
    }

    /// Writes `files` (paths relative to `directory`, possibly in subfolders) atomically, creating folders.
    static func writeLayout(_ files: [String: String], into directory: String) throws {
        var byFolder: [String: [String: String]] = [:]
        for (path, text) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            let folder = parts.dropLast().joined(separator: "/")
            byFolder[folder, default: [:]][String(parts.last ?? "")] = text
        }
        for (folder, folderFiles) in byFolder.sorted(by: { $0.key < $1.key }) {
            try GeneratedFileWriter.write(folderFiles, into: folder.isEmpty ? directory : directory + "/" + folder)
        }
    }
}
