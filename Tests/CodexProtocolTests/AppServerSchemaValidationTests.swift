import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Testing

/// The reference (codex-cli 0.163.0) schema bundle, when the shared folder is present next to the package.
enum ReferenceSchema {
    static let path: String = {
        // #filePath is <package>/Tests/CodexProtocolTests/<file>; the reference lives in ../shared next to the package.
        let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appending(path: "../shared/reference/codex-0.163.0/app-server.schema.json").standardized.path
    }()

    static let validator: JSONSchemaValidator? = {
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? JSONParser.parse(bytes: Array(data))
        else {
            print("AppServerSchemaValidationTests: reference schema not found at \(path); skipping reference checks")
            return nil
        }
        return JSONSchemaValidator(root: root)
    }()

    static var isAvailable: Bool { validator != nil }

    /// The pointer of a named definition: v2 types live under `definitions/v2`, a few under `definitions`.
    static func pointer(for name: String) -> String? {
        guard let validator else { return nil }
        if validator.resolve("#/definitions/v2/\(name)") != nil { return "#/definitions/v2/\(name)" }
        if validator.resolve("#/definitions/\(name)") != nil { return "#/definitions/\(name)" }
        return nil
    }
}

@Suite struct AppServerSchemaValidationTests {
    static let ours = JSONSchemaValidator(root: AppServerSchema.jsonSchemaBundle(strict: true))

    private func encodedSample(_ sample: AppServerSample) throws -> (name: String, value: JSONValue) {
        let type = try #require(sample.type)
        let value = try JSONValue(encoding: type.decoded(from: JSONParser.parse(sample.json)))
        return (type.schemaName, value)
    }

    private func envelope(_ sample: AppServerSample, _ params: JSONValue) -> (union: String, message: JSONValue)? {
        if AppServerRegistry.serverNotification(sample.method) != nil {
            return ("ServerNotification", ["method": .string(sample.method), "params": params])
        }
        guard sample.role == .params else { return nil }
        let union = AppServerRegistry.clientRequest(sample.method) != nil ? "ClientRequest" : "ServerRequest"
        return (union, ["id": 7, "method": .string(sample.method), "params": params])
    }

    @Test(arguments: AppServerSamples.all)
    func encodedSampleMatchesOurStrictSchema(_ sample: AppServerSample) throws {
        let (name, value) = try encodedSample(sample)
        #expect(Self.ours.errors(validating: value, definition: "#/definitions/\(name)") == [])
        if let (union, message) = envelope(sample, value) {
            #expect(Self.ours.errors(validating: message, definition: "#/definitions/\(union)") == [])
        }
    }

    @Test(.enabled(if: ReferenceSchema.isAvailable), arguments: AppServerSamples.all)
    func encodedSampleMatchesTheReferenceSchema(_ sample: AppServerSample) throws {
        let reference = try #require(ReferenceSchema.validator)
        // Experimental requests are only in the reference's `--experimental` schema.
        if AppServerRegistry.clientRequest(sample.method)?.isExperimental == true { return }
        let (name, value) = try encodedSample(sample)
        let pointer = try #require(ReferenceSchema.pointer(for: name), "reference has no definition \(name)")
        #expect(reference.errors(validating: value, definition: pointer) == [])
        if let (union, message) = envelope(sample, value) {
            #expect(reference.errors(validating: message, definition: "#/definitions/\(union)") == [])
        }
    }

    @Test(.enabled(if: ReferenceSchema.isAvailable))
    func registeredTypeNamesExistInTheReference() {
        // Experimental requests are only in the reference's `--experimental` schema.
        let entries =
            AppServerRegistry.clientRequests.filter { !$0.isExperimental } + AppServerRegistry.serverNotifications
            + AppServerRegistry.serverRequests
        let names = entries.flatMap { [$0.params?.schemaName, $0.result?.schemaName].compactMap { $0 } }
        #expect(names.filter { ReferenceSchema.pointer(for: $0) == nil } == [])
    }

    /// Required members (and, for objects, the member names we model) agree with the reference definitions.
    @Test(.enabled(if: ReferenceSchema.isAvailable))
    func requiredMembersMatchTheReference() throws {
        let reference = try #require(ReferenceSchema.validator)
        let ours = AppServerSchema.jsonSchemaBundle()
        // Experimental members (only in the reference's `--experimental` schema) that 0.163.0 sends anyway.
        let experimental: [String: Set<String>] = ["CommandExecutionRequestApprovalParams": ["availableDecisions"]]
        var mismatches: [String] = []
        for type in AppServerSchema.definitionTypes {
            let name = type.schemaName
            guard let pointer = ReferenceSchema.pointer(for: name), let theirs = reference.resolve(pointer),
                let mine = ours["definitions"]?[name], let myProperties = mine["properties"]?.objectValue
            else { continue }
            let required = { (schema: JSONValue) in Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            }
            if required(mine) != required(theirs) {
                mismatches.append("\(name): ours \(required(mine).sorted()) reference \(required(theirs).sorted())")
            }
            let theirProperties = Set(theirs["properties"]?.objectValue?.keys ?? [])
            let unknown = Set(myProperties.keys).subtracting(theirProperties).subtracting(experimental[name] ?? [])
            if !unknown.isEmpty { mismatches.append("\(name): not in the reference \(unknown.sorted())") }
        }
        #expect(mismatches == [])
    }

    @Test func paramlessMessagesMatchBothSchemas() {
        let messages: [(String, JSONValue)] = [
            ("ClientRequest", ["id": 3, "method": "configRequirements/read"]),
            ("ClientRequest", ["id": "x", "method": "configRequirements/read", "params": nil]),
            ("ClientNotification", ["method": "initialized"]),
        ]
        for (union, message) in messages {
            #expect(Self.ours.errors(validating: message, definition: "#/definitions/\(union)") == [])
            if let reference = ReferenceSchema.validator {
                #expect(reference.errors(validating: message, definition: "#/definitions/\(union)") == [])
            }
        }
        let unknown: JSONValue = ["id": 1, "method": "no/suchMethod", "params": [:]]
        #expect(!Self.ours.errors(validating: unknown, definition: "#/definitions/ClientRequest").isEmpty)
    }

    @Test func missingRequiredMembersAreCaught() throws {
        var thread = try #require(JSONParser.parse(AppServerSamples.thread).objectValue)
        thread["sessionId"] = nil
        let errors = Self.ours.errors(validating: .object(thread), definition: "#/definitions/Thread")
        #expect(errors == ["$: missing required member `sessionId`"])
        if let reference = ReferenceSchema.validator {
            #expect(!reference.errors(validating: .object(thread), definition: "#/definitions/v2/Thread").isEmpty)
        }
    }

    @Test func membersTheDescriptionLacksAreCaughtByTheStrictSchema() throws {
        let value: JSONValue = ["threadId": "t", "turnId": "u", "extra": 1]
        #expect(
            Self.ours.errors(validating: value, definition: "#/definitions/TurnInterruptParams")
                == ["$: unexpected member `extra`"])
    }
}
