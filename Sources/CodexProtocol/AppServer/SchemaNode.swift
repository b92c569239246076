/// Namespace of the app-server v2 wire types; type names match the reference schema's definitions
/// (qualified so they do not clash with CodexCore/CodexConfig/Foundation names such as `ThreadItem` or `Thread`).
public enum AppServerV2 {}

/// A small JSON-shape description language; JSON Schema and TypeScript are both generated from it.
public indirect enum SchemaNode: Sendable, Hashable {
    case string
    case integer
    case number
    case boolean
    /// Only `null` (e.g. the `params` of a method that takes none).
    case null
    /// Any JSON value.
    case any
    case array(SchemaNode)
    /// An object used as a dictionary: every member has the given shape.
    case map(SchemaNode)
    /// An object with named members.
    case object([SchemaProperty])
    /// One of these exact strings.
    case stringEnum([String])
    /// Exactly one alternative matches (tagged unions).
    case oneOf([SchemaNode])
    /// At least one alternative matches (untagged unions).
    case anyOf([SchemaNode])
    /// Another named definition.
    case ref(String)
    /// The shape or `null`.
    case nullable(SchemaNode)

    /// An object whose `type` member is the given tag, followed by the other members.
    public static func taggedObject(_ tag: String, _ properties: [SchemaProperty]) -> SchemaNode {
        .object([SchemaProperty("type", .stringEnum([tag]), required: true)] + properties)
    }

    /// Names of the definitions this node refers to (not transitively).
    public var referencedNames: Set<String> {
        switch self {
        case .string, .integer, .number, .boolean, .null, .any, .stringEnum: return []
        case .array(let inner), .map(let inner), .nullable(let inner): return inner.referencedNames
        case .object(let properties): return properties.reduce(into: []) { $0.formUnion($1.node.referencedNames) }
        case .oneOf(let options), .anyOf(let options):
            return options.reduce(into: []) { $0.formUnion($1.referencedNames) }
        case .ref(let name): return [name]
        }
    }
}

/// One member of an object schema.
public struct SchemaProperty: Sendable, Hashable {
    public var name: String
    public var node: SchemaNode
    /// Whether the member must be present (it may still be `null` when the node is nullable).
    public var required: Bool

    public init(_ name: String, _ node: SchemaNode, required: Bool = false) {
        self.name = name
        self.node = node
        self.required = required
    }
}

/// A type that describes its own wire shape; the description lives next to its Codable code.
public protocol SchemaDescribed {
    /// The definition name in generated schemas (the type name unless overridden).
    static var schemaName: String { get }
    static var schema: SchemaNode { get }
}

extension SchemaDescribed {
    public static var schemaName: String { String(describing: Self.self) }
}

extension SchemaDescribed where Self: Decodable {
    /// Derived from the declaration (`WireSchemaReflector`); a type with a custom wire shape overrides it.
    /// `AppServerSchemaDerivationTests` fail for any definition the reflector cannot derive.
    public static var schema: SchemaNode {
        do {
            return try WireSchemaReflector.definition(of: Self.self)
        } catch {
            return .any
        }
    }
}

/// An app-server wire type: a plain declaration whose synthesized `Codable` is the wire shape under
/// `WireEncoder`/`WireDecoder` and whose schema is derived from the same declaration.
public protocol AppServerType: Codable, Sendable, Hashable, SchemaDescribed {
    /// Whether the wire coders write this type by a rule of its own (`WireCustomCoding`). Known when the
    /// conformance is declared, so the top-level entry points below skip the runtime conformance check
    /// (a scan of every conformance record on a type's first use).
    static var hasCustomWireCoding: Bool { get }
}

extension AppServerType {
    public static var hasCustomWireCoding: Bool { false }

    /// Decodes a value of this type from JSON (used through `any AppServerType.Type`).
    public static func decoded(from value: JSONValue) throws -> Self {
        if hasCustomWireCoding { return try WireDecoder().decode(Self.self, from: value) }
        return try Self(from: WireDecoding(value: value, codingPath: []))
    }

    /// This value as wire JSON.
    public func wireValue() throws -> JSONValue {
        if Self.hasCustomWireCoding { return try WireEncoder().encode(self) }
        let encoder = WireEncoding(parent: nil, key: nil, nilMembers: .null)
        try encode(to: encoder)
        return encoder.resolved
    }
}

extension AppServerType where Self: WireCustomCoding {
    public static var hasCustomWireCoding: Bool { true }
}

extension RequestID: Codable, SchemaDescribed, WireSchemaPlaceholder {
    public static var schemaName: String { "RequestId" }
    public static var schema: SchemaNode { .anyOf([.string, .integer]) }
    public static var schemaPlaceholder: RequestID { .int(0) }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(JSONValue.self)
        guard let id = RequestID(jsonValue: raw) else {
            throw DecodingError.typeMismatch(
                RequestID.self,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "invalid type: \(wireDescription(of: raw)), expected a string or an integer"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonValue)
    }
}
