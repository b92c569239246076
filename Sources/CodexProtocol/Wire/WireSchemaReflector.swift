// Schemas derived from the declarations themselves, so a field added to a type is in the schema at once.

/// Derives a type's `SchemaNode` by running its synthesized `init(from:)` against a probe decoder that
/// records every member it is asked for: the name, the Swift type, and whether it was read with
/// `decodeIfPresent` (absent allowed). Field wrappers (`@OmitWhenNil`, `@DefaultWhenAbsent`) make a member
/// optional without making it nullable; a plain optional is nullable. Named wire types become references.
///
/// Written by hand because Swift has no runtime reflection of `Codable` members and a macro would cost a
/// swift-syntax build in every clean build.
public enum WireSchemaReflector {
    /// Why a type's schema could not be derived (its `init(from:)` rejected every probe value).
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The schema of `type` as a definition: closed string enums as `stringEnum`, open ones as `string`,
    /// tagged unions as `oneOf` tagged objects, everything else as an object of its members.
    public static func definition(of type: any Decodable.Type) throws -> SchemaNode {
        if let closed = type as? any WireStringEnum.Type { return .stringEnum(closed.wireVariants) }
        if type is any OpenStringEnum.Type { return .string }
        if let tagged = type as? any TaggedWireUnion.Type { return try taggedUnion(tagged) }
        if let external = type as? any ExternallyTaggedWireUnion.Type { return try externallyTagged(external) }
        return .object(try properties(of: type))
    }

    /// The members `type`'s decoder reads, in declaration order.
    static func properties(of type: any Decodable.Type) throws -> [SchemaProperty] {
        let recorder = WireSchemaRecorder()
        _ = try probeValue(type, recorder: recorder, variant: nil)
        return recorder.properties
    }

    private static func taggedUnion(_ type: any TaggedWireUnion.Type) throws -> SchemaNode {
        var variants: [SchemaNode] = []
        for tag in type.wireVariants {
            let recorder = WireSchemaRecorder()
            _ = try probeValue(type, recorder: recorder, variant: tag)
            var members: [SchemaProperty] = []
            for property in recorder.properties {
                if property.name == unlabeledPayloadKey, let payload = recorder.payloadType {
                    members += try properties(of: payload)
                    continue
                }
                var member = property
                if type.omitsNilMembers, case .nullable(let inner) = member.node { member.node = inner }
                if type.absentMemberDefaults[tag]?[member.name] != nil { member.required = false }
                members.append(member)
            }
            variants.append(.taggedObject(tag, members))
        }
        return .oneOf(variants)
    }

    /// Unit cases as one string enum, then each other case as a one-member object.
    private static func externallyTagged(_ type: any ExternallyTaggedWireUnion.Type) throws -> SchemaNode {
        var unitTags: [String] = []
        var objects: [SchemaNode] = []
        for tag in type.wireVariants {
            let recorder = WireSchemaRecorder()
            _ = try probeValue(type, recorder: recorder, variant: tag)
            if recorder.properties.isEmpty {
                unitTags.append(tag)
            } else if recorder.properties.count == 1, recorder.properties[0].name == unlabeledPayloadKey,
                let payload = recorder.payloadType
            {
                objects.append(.object([SchemaProperty(tag, node(for: payload), required: true)]))
            } else {
                objects.append(.object([SchemaProperty(tag, .object(recorder.properties), required: true)]))
            }
        }
        return .oneOf((unitTags.isEmpty ? [] : [.stringEnum(unitTags)]) + objects)
    }

    /// The schema of a member of type `type`: primitives inline, collections by element, named wire types
    /// by reference.
    static func node(for type: any Decodable.Type) -> SchemaNode {
        switch type {
        case is String.Type: return .string
        case is Bool.Type: return .boolean
        case is Double.Type, is Float.Type: return .number
        case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type: return .integer
        case is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type: return .integer
        case is JSONValue.Type: return .any
        case is JSONObject.Type: return .map(.any)
        default: break
        }
        if let described = type as? any SchemaDescribed.Type { return .ref(described.schemaName) }
        if let wrapper = type as? any WireFieldWrapper.Type { return node(for: wrapper.wrappedWireType) }
        if let optional = type as? any WireOptionalType.Type { return .nullable(node(for: optional.wrappedWireType)) }
        if let array = type as? any WireArrayType.Type { return .array(node(for: array.elementWireType)) }
        if let map = type as? any WireMapType.Type { return .map(node(for: map.valueWireType)) }
        // An unnamed struct (a variant's payload) is described inline.
        do {
            return .object(try properties(of: type))
        } catch {
            return .any
        }
    }

    /// A value of `type` for the probe to return; nested members are not recorded.
    static func probeValue<T: Decodable>(_ type: T.Type, recorder: WireSchemaRecorder?, variant: String?) throws -> T {
        if let placeholder = T.self as? any WireSchemaPlaceholder.Type, let value = placeholder.schemaPlaceholder as? T {
            return value
        }
        if let closed = T.self as? any WireStringEnum.Type, let first = closed.wireVariants.first {
            return try WireDecoding.unbox(T.self, from: .string(first), codingPath: [])
        }
        if T.self is any OpenStringEnum.Type { return try WireDecoding.unbox(T.self, from: .string(""), codingPath: []) }
        var forced = variant
        if forced == nil, let tagged = T.self as? any TaggedWireUnion.Type { forced = tagged.wireVariants.first }
        if forced == nil, let external = T.self as? any ExternallyTaggedWireUnion.Type {
            forced = external.wireVariants.first
        }
        return try T(from: WireSchemaProbe(recorder: recorder, variant: forced))
    }
}

/// A type whose own decoder cannot be probed (it reads raw JSON and checks its shape) gives a value here.
public protocol WireSchemaPlaceholder {
    static var schemaPlaceholder: Self { get }
}

/// Types the reflector looks through.
protocol WireOptionalType { static var wrappedWireType: any Decodable.Type { get } }
protocol WireArrayType { static var elementWireType: any Decodable.Type { get } }
protocol WireMapType { static var valueWireType: any Decodable.Type { get } }

extension Optional: WireOptionalType where Wrapped: Decodable {
    static var wrappedWireType: any Decodable.Type { Wrapped.self }
}

extension Array: WireArrayType where Element: Decodable {
    static var elementWireType: any Decodable.Type { Element.self }
}

extension Dictionary: WireMapType where Key == String, Value: Decodable {
    static var valueWireType: any Decodable.Type { Value.self }
}

/// Collects the members one probe run reads.
final class WireSchemaRecorder {
    var properties: [SchemaProperty] = []
    /// The type of an unlabeled associated value (`_0`), whose members a tagged variant takes over.
    var payloadType: (any Decodable.Type)?

    func record(_ name: String, _ type: any Decodable.Type, present: Bool) {
        guard !properties.contains(where: { $0.name == name }) else { return }
        if name == unlabeledPayloadKey { payloadType = type }
        let node = WireSchemaReflector.node(for: type)
        if let wrapper = type as? any WireFieldWrapper.Type {
            properties.append(
                SchemaProperty(name, wrapper.schemaNullable ? .nullable(node) : node, required: wrapper.schemaRequired))
        } else {
            properties.append(SchemaProperty(name, present ? node : .nullable(node), required: present))
        }
    }
}

/// The decoder the reflector runs `init(from:)` against: every member exists, every value is a placeholder.
struct WireSchemaProbe: Decoder {
    let recorder: WireSchemaRecorder?
    /// The tagged-union case to take (the one key `allKeys` reports).
    let variant: String?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(WireSchemaProbeKeyed<Key>(recorder: recorder, variant: variant))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { WireSchemaProbeUnkeyed() }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { WireSchemaProbeSingle() }
}

struct WireSchemaProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: WireSchemaRecorder?
    let variant: String?
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] { variant.flatMap { Key(stringValue: $0) }.map { [$0] } ?? [] }
    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        recorder?.record(key.stringValue, T.self, present: true)
        return try WireSchemaReflector.probeValue(T.self, recorder: nil, variant: nil)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        recorder?.record(key.stringValue, T.self, present: false)
        return try WireSchemaReflector.probeValue(T.self, recorder: nil, variant: nil)
    }

    // The concrete overloads forward to the generic ones, so every member is recorded the same way.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        recorder?.record(key.stringValue, T.self, present: true)
        return try WireSchemaReflector.probeValue(T.self, recorder: nil, variant: nil)
    }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        recorder?.record(key.stringValue, T.self, present: false)
        return try WireSchemaReflector.probeValue(T.self, recorder: nil, variant: nil)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        // A tagged union's case container: its members belong to the variant being recorded.
        KeyedDecodingContainer(WireSchemaProbeKeyed<NestedKey>(recorder: recorder, variant: nil))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { WireSchemaProbeUnkeyed() }
    func superDecoder() throws -> any Decoder { WireSchemaProbe(recorder: nil, variant: nil) }
    func superDecoder(forKey key: Key) throws -> any Decoder { WireSchemaProbe(recorder: nil, variant: nil) }
}

/// An empty array.
struct WireSchemaProbeUnkeyed: UnkeyedDecodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }

    mutating func decodeNil() throws -> Bool { true }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireSchemaReflector.probeValue(T.self, recorder: nil, variant: nil)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(WireSchemaProbeKeyed<NestedKey>(recorder: nil, variant: nil))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { WireSchemaProbeUnkeyed() }
    mutating func superDecoder() throws -> any Decoder { WireSchemaProbe(recorder: nil, variant: nil) }
}

/// Zero values for scalars; `null` for a `JSONValue`.
struct WireSchemaProbeSingle: SingleValueDecodingContainer {
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { false }
    func decode(_ type: String.Type) throws -> String { "" }
    func decode(_ type: Double.Type) throws -> Double { 0 }
    func decode(_ type: Float.Type) throws -> Float { 0 }
    func decode(_ type: Int.Type) throws -> Int { 0 }
    func decode(_ type: Int8.Type) throws -> Int8 { 0 }
    func decode(_ type: Int16.Type) throws -> Int16 { 0 }
    func decode(_ type: Int32.Type) throws -> Int32 { 0 }
    func decode(_ type: Int64.Type) throws -> Int64 { 0 }
    func decode(_ type: UInt.Type) throws -> UInt { 0 }
    func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
    func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
    func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
    func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let null = JSONValue.null as? T { return null }
        return try WireSchemaReflector.probeValue(T.self, recorder: nil, variant: nil)
    }
}
