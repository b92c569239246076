@testable import CodexProtocol
import Testing

/// Shapes declared for these tests only: one per wire rule the encoder, decoder and reflector implement.
private struct Sample: AppServerType {
    var name: String
    var note: String?
    @OmitWhenNil var hidden: Int64?
    @DefaultWhenAbsent var flag: Bool
    @RequiredNullable var always: String?
    var items: [Item]
    var table: [String: Int64]

    init(name: String, note: String? = nil, hidden: Int64? = nil, flag: Bool = false, always: String? = nil,
        items: [Item] = [], table: [String: Int64] = [:])
    {
        self.name = name
        self.note = note
        self.hidden = hidden
        self.flag = flag
        self.always = always
        self.items = items
        self.table = table
    }
}

private enum Item: AppServerType, OpenTaggedWireUnion {
    case plain
    case named(label: String, extra: String?)
    case wrapped(Payload)
    case unknown(JSONValue)

    enum CodingKeys: CodingKey, CaseIterable { case plain, named, wrapped, unknown }

    struct Payload: Codable, Sendable, Hashable {
        var size: Int64
    }

    static var absentMemberDefaults: [String: [String: JSONValue]] { ["named": ["label": "default"]] }

    init(unknownVariant raw: JSONValue) { self = .unknown(raw) }

    var unknownVariantPayload: JSONValue? {
        if case .unknown(let raw) = self { return raw }
        return nil
    }
}

private enum Choice: AppServerType, ExternallyTaggedWireUnion {
    case simple
    case dashed
    case carrying(Item.Payload)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case simple
        case dashed = "is-dashed"
        case carrying
    }
}

private enum Mode: String, AppServerType, WireStringEnum {
    case one
    case twoWords = "two-words"
}

@Suite struct WireCodingTests {
    private func encode(_ value: some AppServerType) throws -> JSONValue { try value.wireValue() }

    private func failure<T: AppServerType>(_ type: T.Type, _ json: JSONValue) -> String? {
        do {
            _ = try T.decoded(from: json)
            return nil
        } catch {
            return WireDecodingFailure(error).description
        }
    }

    @Test func nilMembersFollowTheirRule() throws {
        let json = try encode(Sample(name: "n"))
        #expect(json["note"] == .null)
        #expect(json["hidden"] == nil)
        #expect(json["always"] == .null)
        #expect(json["flag"] == false)
        #expect(json.objectValue?.keys == ["name", "note", "flag", "always", "items", "table"])
        #expect(try encode(Sample(name: "n", hidden: 3))["hidden"] == 3)
    }

    @Test func absentMembersTakeTheirDefaults() throws {
        let sample = try Sample.decoded(from: ["name": "n", "items": [], "table": [:]])
        #expect(sample == Sample(name: "n"))
        #expect(failure(Sample.self, ["name": "n"]) == "missing field `items`")
    }

    @Test func roundTripKeepsEveryMember() throws {
        let sample = Sample(
            name: "n", note: "x", hidden: 7, flag: true, always: "a",
            items: [.plain, .named(label: "l", extra: nil), .wrapped(.init(size: 2)), .unknown(["type": "future", "k": 1])],
            table: ["b": 2, "a": 1])
        let json = try encode(sample)
        #expect(json["table"]?.objectValue?.keys == ["a", "b"])
        #expect(try Sample.decoded(from: json) == sample)
    }

    @Test func taggedUnionsAreInternallyTagged() throws {
        #expect(try encode(Item.plain) == ["type": "plain"])
        #expect(try encode(Item.named(label: "l", extra: nil)) == ["type": "named", "label": "l", "extra": nil])
        #expect(try encode(Item.wrapped(.init(size: 4))) == ["type": "wrapped", "size": 4])
        #expect(try Item.decoded(from: ["type": "named"]) == .named(label: "default", extra: nil))
        #expect(try Item.decoded(from: ["type": "later", "x": true]) == .unknown(["type": "later", "x": true]))
    }

    @Test func externallyTaggedUnionsUseStringsForUnitCases() throws {
        #expect(try encode(Choice.dashed) == "is-dashed")
        #expect(try encode(Choice.carrying(.init(size: 1))) == ["carrying": ["size": 1]])
        #expect(try Choice.decoded(from: "simple") == .simple)
        #expect(try Choice.decoded(from: ["carrying": ["size": 5]]) == .carrying(.init(size: 5)))
        #expect(
            failure(Choice.self, "nope") == "unknown variant `nope`, expected one of `simple`, `is-dashed`, `carrying`")
    }

    @Test func errorsNameTheFieldPath() {
        #expect(failure(Sample.self, ["name": 5, "items": [], "table": [:]]) == "name: invalid type: integer `5`, expected a string")
        #expect(
            failure(Sample.self, ["name": "n", "items": [["type": "wrapped", "size": "big"]], "table": [:]])
                == "items[0].size: invalid type: string \"big\", expected i64")
        #expect(
            failure(Sample.self, ["name": "n", "items": [["type": "named", "label": 1]], "table": [:]])
                == "items[0].label: invalid type: integer `1`, expected a string")
        #expect(
            failure(Sample.self, ["name": "n", "items": [], "table": ["a": 1.5]])
                == "table.a: invalid type: floating point `1.5`, expected i64")
        #expect(failure(Mode.self, "three") == "unknown variant `three`, expected `one` or `two-words`")
        #expect(failure(Sample.self, []) == "invalid type: sequence, expected a map")
    }

    @Test func numbersOutsideTheirRangeAreErrorsNotRoundedValues() {
        let huge = JSONValue.double(.infinity)
        #expect(failure(Sample.self, ["name": "n", "hidden": huge, "items": [], "table": [:]]) == "hidden: number out of range")
        #expect(
            failure(Sample.self, ["name": "n", "hidden": .double(18_446_744_073_709_551_616), "items": [], "table": [:]])
                == "hidden: number out of range")
    }

    @Test func schemaComesFromTheDeclaration() throws {
        let schema = try WireSchemaReflector.definition(of: Sample.self)
        #expect(
            schema
                == .object([
                    SchemaProperty("name", .string, required: true),
                    SchemaProperty("note", .nullable(.string)),
                    SchemaProperty("hidden", .integer),
                    SchemaProperty("flag", .boolean),
                    SchemaProperty("always", .nullable(.string), required: true),
                    SchemaProperty("items", .array(.ref("Item")), required: true),
                    SchemaProperty("table", .map(.integer), required: true),
                ]))
        #expect(
            try WireSchemaReflector.definition(of: Item.self)
                == .oneOf([
                    .taggedObject("plain", []),
                    .taggedObject("named", [SchemaProperty("label", .string), SchemaProperty("extra", .nullable(.string))]),
                    .taggedObject("wrapped", [SchemaProperty("size", .integer, required: true)]),
                ]))
        #expect(
            try WireSchemaReflector.definition(of: Choice.self)
                == .oneOf([
                    .stringEnum(["simple", "is-dashed"]),
                    .object([SchemaProperty("carrying", .object([SchemaProperty("size", .integer, required: true)]), required: true)]),
                ]))
        #expect(try WireSchemaReflector.definition(of: Mode.self) == .stringEnum(["one", "two-words"]))
    }

    /// Every definition of the protocol derives (the reflector never falls back to "any JSON").
    @Test func everyDefinitionDerives() {
        for type in AppServerSchema.definitionTypes {
            #expect(type.schema != .any, "\(type.schemaName) did not derive")
        }
    }
}

/// The statically known coding kind of every declared wire type agrees with the runtime conformance the
/// coders would otherwise check (a wrong default would write a union as a plain struct).
@Test func everyDeclaredTypeKnowsItsCodingKind() {
    var custom = 0
    for type in AppServerSchema.definitionTypes {
        guard let wireType = type as? any AppServerType.Type else { continue }
        let marked = wireType is any WireCustomCoding.Type
        #expect(wireType.hasCustomWireCoding == marked, "\(wireType)")
        if marked { custom += 1 }
    }
    #expect(custom > 10)
    #expect(AppServerV2.ThreadItem.hasCustomWireCoding)
    #expect(AppServerV2.FileChangeApprovalDecision.hasCustomWireCoding)
    #expect(!AppServerV2.AgentMessageDeltaNotification.hasCustomWireCoding)
}

/// The metadata shortcut (structs and optionals are plain without a conformance lookup) never hides a kind the
/// coders must know: a declared type it calls plain is not custom, or is an open string enum (whose own
/// `Codable` writes the same string); dictionaries still sort their keys.
@Test func theMetadataShortcutNeverHidesACustomKind() throws {
    var skipped = 0
    for type in AppServerSchema.definitionTypes {
        guard let wireType = type as? any AppServerType.Type else { continue }
        guard RuntimeMetadata.isPlainCandidate(wireType) else { continue }
        skipped += 1
        guard let custom = wireType as? any WireCustomCoding.Type else { continue }
        guard case .openStringEnum = custom.wireCodingRule.kind else {
            Issue.record("\(wireType) is custom but the shortcut calls it plain")
            continue
        }
    }
    #expect(skipped > 100)
    #expect(!RuntimeMetadata.isPlainCandidate([String: Int].self))
    #expect(!RuntimeMetadata.isPlainCandidate([String: AppServerV2.ThreadItem].self))
    #expect(!RuntimeMetadata.isPlainCandidate(AppServerV2.ThreadItem.self))
    #expect(!RuntimeMetadata.isPlainCandidate(AppServerV2.FileChangeApprovalDecision.self))
    #expect(RuntimeMetadata.isPlainCandidate(AppServerV2.AgentMessageDeltaNotification.self))
    #expect(RuntimeMetadata.isPlainCandidate(AppServerV2.ThreadItem?.self))
    #expect(RuntimeMetadata.isPlainCandidate([AppServerV2.ThreadItem].self))
    #expect(try WireEncoder().encode(["b": 1, "a": 2, "c": 3]).serialized() == #"{"a":2,"b":1,"c":3}"#)
}

/// `wireValue()` and `decoded(from:)` take the short path for plain types and the union path for the rest;
/// both agree with the general entry points.
@Test func topLevelEntryPointsAgreeWithTheGeneralCoders() throws {
    let delta = AppServerV2.AgentMessageDeltaNotification(threadId: "t", turnId: "u", itemId: "i", delta: "d")
    #expect(try delta.wireValue() == WireEncoder().encode(delta))
    #expect(try AppServerV2.AgentMessageDeltaNotification.decoded(from: delta.wireValue()) == delta)
    let decision = AppServerV2.FileChangeApprovalDecision.allCases[0]
    #expect(try decision.wireValue() == WireEncoder().encode(decision))
    #expect(try AppServerV2.FileChangeApprovalDecision.decoded(from: decision.wireValue()) == decision)
}
