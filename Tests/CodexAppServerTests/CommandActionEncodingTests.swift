@testable import CodexAppServer
import CodexCore
import CodexProtocol
import Foundation
import Testing

@Suite("ParsedCommand JSON and its app-server CommandAction mapping")
struct CommandActionEncodingTests {
    static let samples: [ParsedCommand] = [
        .read(cmd: "cat a/b.txt", name: "b.txt", path: "a/b.txt"),
        .listFiles(cmd: "ls", path: nil),
        .listFiles(cmd: "ls src", path: "src"),
        .search(cmd: "rg foo", query: "foo", path: nil),
        .search(cmd: "rg --files", query: nil, path: nil),
        .unknown(cmd: "npm run build"),
    ]

    /// Wire types through the wire encoder (as the server sends them), with sorted keys for comparison.
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(try JSONValue(encoding: value)), as: UTF8.self)
    }

    @Test func coreEventSpellings() throws {
        #expect(try json(Self.samples[0]) == #"{"cmd":"cat a/b.txt","name":"b.txt","path":"a/b.txt","type":"read"}"#)
        #expect(try json(Self.samples[1]) == #"{"cmd":"ls","path":null,"type":"list_files"}"#)
        #expect(try json(Self.samples[3]) == #"{"cmd":"rg foo","path":null,"query":"foo","type":"search"}"#)
        #expect(try json(Self.samples[5]) == #"{"cmd":"npm run build","type":"unknown"}"#)
    }

    @Test func appServerSpellings() throws {
        #expect(try json(WireMapping.commandAction(Self.samples[0])) == #"{"command":"cat a/b.txt","name":"b.txt","path":"a/b.txt","type":"read"}"#)
        #expect(try json(WireMapping.commandAction(Self.samples[2])) == #"{"command":"ls src","path":"src","type":"listFiles"}"#)
        #expect(try json(WireMapping.commandAction(Self.samples[4])) == #"{"command":"rg --files","path":null,"query":null,"type":"search"}"#)
        #expect(try json(WireMapping.commandAction(Self.samples[5])) == #"{"command":"npm run build","type":"unknown"}"#)
    }

    @Test(arguments: samples)
    func roundTrips(_ sample: ParsedCommand) throws {
        let decoder = JSONDecoder()
        let core = try JSONEncoder().encode(sample)
        #expect(try decoder.decode(ParsedCommand.self, from: core) == sample)
        let wire = try JSONValue(encoding: WireMapping.commandAction(sample))
        #expect(try wire.decode(AppServerV2.CommandAction.self) == WireMapping.commandAction(sample))
    }

    @Test func decodingAcceptsOmittedOptionals() throws {
        let decoded = try JSONParser.parse(#"{"type":"search","command":"rg x"}"#).decode(AppServerV2.CommandAction.self)
        #expect(decoded == .search(command: "rg x", query: nil, path: nil))
    }

    @Test func decodingRejectsUnknownTags() {
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(ParsedCommand.self, from: Data(#"{"type":"listFiles","cmd":"ls"}"#.utf8))
        }
    }

    /// The reference schema bundle, looked up as `../shared/reference/...` next to the repository root.
    static func referenceSchema() -> JSONValue? {
        var directory = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { directory.deleteLastPathComponent() }
        let url = directory.deletingLastPathComponent()
            .appendingPathComponent("shared/reference/codex-0.163.0/app-server.schema.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONParser.parse(bytes: Array(data))
    }

    static let schemaAvailable = referenceSchema() != nil

    /// Checks one encoded object against a `oneOf` of object schemas: exactly one variant must accept it.
    static func violations(of object: JSONObject, against variants: [JSONValue]) -> [String] {
        var accepted = 0
        var reasons: [String] = []
        for variant in variants {
            guard let schema = variant.objectValue, let properties = schema["properties"]?.objectValue else { continue }
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let allowedTags = properties["type"]?.objectValue?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
            var problems: [String] = []
            if let tag = object["type"]?.stringValue, !allowedTags.contains(tag) { problems.append("tag \(tag)") }
            for key in required where object[key] == nil { problems.append("missing \(key)") }
            for (key, value) in object where properties[key] == nil || !valueFits(value, properties[key]) {
                problems.append("bad \(key)")
            }
            if problems.isEmpty { accepted += 1 } else { reasons.append(problems.joined(separator: ", ")) }
        }
        return accepted == 1 ? [] : reasons + ["matched \(accepted) variants"]
    }

    static func valueFits(_ value: JSONValue, _ schema: JSONValue?) -> Bool {
        guard let schema = schema?.objectValue else { return false }
        if schema["$ref"] != nil || schema["enum"] != nil { return value.stringValue != nil }
        let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) ?? [schema["type"]?.stringValue].compactMap { $0 }
        if value.isNull { return types.contains("null") }
        if value.stringValue != nil { return types.contains("string") }
        return false
    }

    @Test(
        .enabled(if: schemaAvailable, "skipped: app-server.schema.json not found at ../shared/reference next to the repository"),
        arguments: samples
    )
    func commandActionsMatchTheReferenceSchema(_ sample: ParsedCommand) throws {
        let schema = try #require(Self.referenceSchema())
        let variants = schema.objectValue?["definitions"]?.objectValue?["v2"]?.objectValue?["CommandAction"]?
            .objectValue?["oneOf"]?.arrayValue
        let coreVariants = schema.objectValue?["definitions"]?.objectValue?["ParsedCommand"]?.objectValue?["oneOf"]?.arrayValue
        let wire = try JSONValue(encoding: WireMapping.commandAction(sample))
        let core = try JSONValue(encoding: sample)
        let wireObject = try #require(wire.objectValue)
        let coreObject = try #require(core.objectValue)
        #expect(Self.violations(of: wireObject, against: try #require(variants)) == [])
        #expect(Self.violations(of: coreObject, against: try #require(coreVariants)) == [])
    }
}
