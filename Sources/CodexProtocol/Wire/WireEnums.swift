// The three enum shapes of the wire: closed string sets, open string sets, internally tagged unions.

/// A closed set of strings (`"read-only"`, `"workspace-write"`, ...): synthesized `Codable` from the raw
/// values, a `stringEnum` schema from `allCases`, and serde's "unknown variant" error for anything else.
public protocol WireStringEnum: CaseIterable, RawRepresentable<String>, Codable, WireCustomCoding {}

extension WireStringEnum {
    public static var wireCodingRule: WireCodingRule { WireCodingRule(kind: .stringEnum(Self.self)) }

    static var wireVariants: [String] { allCases.map(\.rawValue) }

    static func wireDecoded<T>(as type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        guard case .string(let text) = value else {
            throw WireDecoding.mismatch("a string", value, codingPath)
        }
        guard let known = Self(rawValue: text) as? T else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: unknownVariantMessage(text, expected: wireVariants)))
        }
        return known
    }
}

/// serde's wording for a tag outside the known set.
func unknownVariantMessage(_ tag: String, expected: [String]) -> String {
    let quoted = expected.map { "`\($0)`" }
    switch quoted.count {
    case 0: return "unknown variant `\(tag)`, there are no variants"
    case 1: return "unknown variant `\(tag)`, expected \(quoted[0])"
    case 2: return "unknown variant `\(tag)`, expected \(quoted[0]) or \(quoted[1])"
    default: return "unknown variant `\(tag)`, expected one of \(quoted.joined(separator: ", "))"
    }
}

/// An open set of strings (`ReasoningEffort`, `PlanType`): any string is accepted and kept; the known values
/// are constants of the type. The schema is a plain string.
public protocol OpenStringEnum: RawRepresentable<String>, Codable, Hashable, Sendable, WireCustomCoding {
    init(rawValue: String)
}

extension OpenStringEnum {
    public static var wireCodingRule: WireCodingRule { WireCodingRule(kind: .openStringEnum(Self.self)) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An enum with associated values written internally tagged, as serde's `#[serde(tag = "type")]`:
/// `case active(activeFlags: [Flag])` is `{"type": "active", "activeFlags": [...]}`.
///
/// Declare the cases and a `CodingKeys` enum naming each case's tag (the compiler rejects a case without
/// one, so the two cannot drift); `Codable` is synthesized. A case whose only associated value is unlabeled
/// (`case text(TextPayload)`) takes its members from that value. An `OpenTaggedWireUnion` keeps unknown tags.
public protocol TaggedWireUnion: Codable, WireCustomCoding {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// The member holding the tag (`type` unless overridden).
    static var tagMember: String { get }
    /// Whether nil associated values are left out rather than written as `null` (serde's
    /// `skip_serializing_if` on every optional field of the variants).
    static var omitsNilMembers: Bool { get }
    /// Per tag, values for members the JSON may leave out (serde's `#[serde(default)]` on variant fields).
    static var absentMemberDefaults: [String: [String: JSONValue]] { get }
}

extension TaggedWireUnion {
    public static var wireCodingRule: WireCodingRule { WireCodingRule(kind: .tagged(Self.self)) }
    public static var tagMember: String { "type" }
    public static var omitsNilMembers: Bool { false }
    public static var absentMemberDefaults: [String: [String: JSONValue]] { [:] }

    /// The known tags, in declaration order (an open union's catch-all case is not one of them).
    static var wireVariants: [String] {
        let tags = CodingKeys.allCases.map(\.stringValue)
        guard self is any OpenTaggedWireUnion.Type else { return tags }
        return tags.filter { $0 != openVariantTag }
    }

    func taggedWireValue(parent: WireEncoding?, key: (any CodingKey)?, nilMembers: WireEncoder.NilMembers) throws
        -> JSONValue
    {
        if let open = self as? any OpenTaggedWireUnion, let raw = open.unknownVariantPayload { return raw }
        let synthesized = WireEncoding(
            parent: parent, key: key, nilMembers: Self.omitsNilMembers ? .omit : nilMembers, childNilMembers: nilMembers)
        try encode(to: synthesized)
        guard case .object(let outer) = synthesized.resolved, outer.count == 1,
            let (tag, payload) = outer.first(where: { _ in true }), case .object(var fields) = payload
        else {
            throw EncodingError.invalidValue(
                self, .init(codingPath: synthesized.codingPath, debugDescription: "\(Self.self) is not a tagged union"))
        }
        if fields.count == 1, case .object(let flattened)? = fields[unlabeledPayloadKey] { fields = flattened }
        var object = JSONObject()
        object[Self.tagMember] = .string(tag)
        for (key, value) in fields { object[key] = value }
        return .object(object)
    }

    static func wireDecoded<T>(as type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        guard case .object(var object) = value else {
            throw WireDecoding.mismatch("internally tagged enum \(Self.self)", value, codingPath)
        }
        guard let tagValue = object[tagMember] else {
            throw DecodingError.keyNotFound(
                WireCodingKey(stringValue: tagMember),
                .init(codingPath: codingPath, debugDescription: "missing field `\(tagMember)`"))
        }
        let tagPath = codingPath + [WireCodingKey(stringValue: tagMember)]
        guard case .string(let tag) = tagValue else { throw WireDecoding.mismatch("a string", tagValue, tagPath) }
        guard wireVariants.contains(tag) else {
            if let open = self as? any OpenTaggedWireUnion.Type, let kept = open.init(unknownVariant: value) as? T {
                return kept
            }
            throw DecodingError.dataCorrupted(
                .init(codingPath: tagPath, debugDescription: unknownVariantMessage(tag, expected: wireVariants)))
        }
        object[tagMember] = nil
        for (member, fallback) in absentMemberDefaults[tag] ?? [:] where object[member] == nil { object[member] = fallback }
        object[unlabeledPayloadKey] = .object(object)
        let wrapped = JSONValue.object([tag: .object(object)])
        guard let decoded = try Self(from: WireDecoding(value: wrapped, codingPath: codingPath, tagWrapper: true)) as? T
        else {
            throw DecodingError.typeMismatch(
                T.self, .init(codingPath: codingPath, debugDescription: "\(Self.self) is not \(T.self)"))
        }
        return decoded
    }
}

/// The key synthesized `Codable` gives an unlabeled associated value.
let unlabeledPayloadKey = "_0"
/// The tag of an open union's catch-all case (`case unknown(JSONValue)`).
let openVariantTag = "unknown"

/// A tagged union that keeps values with tags it does not know, verbatim, in `case unknown(JSONValue)`.
public protocol OpenTaggedWireUnion: TaggedWireUnion {
    init(unknownVariant raw: JSONValue)
    /// The kept JSON when this is the catch-all case.
    var unknownVariantPayload: JSONValue? { get }
}

/// An enum written as serde writes enums by default (externally tagged): a case without associated values
/// is its name as a string (`"accept"`), any other case a one-member object (`{"granular": {...}}`).
///
/// Declare the cases and a `CodingKeys` enum (raw values rename tags, e.g. `onRequest = "on-request"`);
/// `Codable` is synthesized. A case with one unlabeled associated value holds that value directly
/// (`{"granular": <config>}`); rename its members with a `<Case>CodingKeys` enum.
public protocol ExternallyTaggedWireUnion: Codable, WireCustomCoding {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension ExternallyTaggedWireUnion {
    public static var wireCodingRule: WireCodingRule { WireCodingRule(kind: .externallyTagged(Self.self)) }
    static var wireVariants: [String] { CodingKeys.allCases.map(\.stringValue) }

    func externallyTaggedWireValue(
        parent: WireEncoding?, key: (any CodingKey)?, nilMembers: WireEncoder.NilMembers
    ) throws -> JSONValue {
        let synthesized = WireEncoding(parent: parent, key: key, nilMembers: nilMembers)
        try encode(to: synthesized)
        guard case .object(let outer) = synthesized.resolved, outer.count == 1,
            let (tag, payload) = outer.first(where: { _ in true }), case .object(let fields) = payload
        else {
            throw EncodingError.invalidValue(
                self,
                .init(
                    codingPath: synthesized.codingPath,
                    debugDescription: "\(Self.self) is not an externally tagged union"))
        }
        if fields.isEmpty { return .string(tag) }
        if fields.count == 1, let only = fields[unlabeledPayloadKey] { return .object([tag: only]) }
        return .object([tag: payload])
    }

    static func wireDecoded<T>(as type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        let wrapped: JSONValue
        switch value {
        case .string(let tag):
            guard wireVariants.contains(tag) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: unknownVariantMessage(tag, expected: wireVariants)))
            }
            wrapped = .object([tag: .object(JSONObject())])
        case .object(let object) where object.count == 1:
            let tag = object.keys[0]
            guard wireVariants.contains(tag), let payload = object[tag] else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: unknownVariantMessage(tag, expected: wireVariants)))
            }
            var fields = payload.objectValue ?? JSONObject()
            fields[unlabeledPayloadKey] = payload
            wrapped = .object([tag: .object(fields)])
        default:
            throw WireDecoding.mismatch("a string or a single-key map", value, codingPath)
        }
        guard let decoded = try Self(from: WireDecoding(value: wrapped, codingPath: codingPath, tagWrapper: true)) as? T
        else {
            throw DecodingError.typeMismatch(
                T.self, .init(codingPath: codingPath, debugDescription: "\(Self.self) is not \(T.self)"))
        }
        return decoded
    }
}
