// The wire encoder: `Encodable` values straight into `JSONValue`, with the reference's rule for absent values.

/// Encodes `Encodable` values into `JSONValue` without a byte round trip.
///
/// It is the app-server's wire encoder, so compiler-synthesized `Codable` produces the reference's shapes:
/// an optional member that is nil is written as `null` (serde's default for `Option`) unless it is declared
/// `@OmitWhenNil`; object members keep their declaration order; `TaggedWireUnion` enums are written
/// internally tagged (`{"type": "case", ...fields}`). With `nilMembers: .omit` it writes what Foundation's
/// `JSONEncoder` writes (absent members left out), for non-wire uses.
public struct WireEncoder: Sendable {
    /// What an optional member that is nil becomes.
    public enum NilMembers: Sendable { case null, omit }

    public var nilMembers: NilMembers

    public init(nilMembers: NilMembers = .null) {
        self.nilMembers = nilMembers
    }

    /// Encodes `value`; throws `EncodingError` for values JSON cannot hold (e.g. a `UInt64` above `Int64.max`).
    public func encode(_ value: some Encodable) throws -> JSONValue {
        try WireEncoding.box(value, parent: nil, key: nil, nilMembers: nilMembers)
    }
}

/// One `Encoder` per encoded value; containers write into the buffer it owns.
///
/// An encoder knows its place as its parent's encoder and its own key: the coding path is built from that
/// chain only when asked for (errors), so encoding a member allocates no path array.
final class WireEncoding: Encoder {
    /// The encoder (or nested container) this value sits in; nil at the top.
    let parent: WireEncoding?
    /// This value's key in `parent`.
    let key: (any CodingKey)?
    /// The rule for this encoder's own containers.
    let nilMembers: WireEncoder.NilMembers
    /// The rule for values nested inside (a tagged union's variant may differ from its members' types).
    let childNilMembers: WireEncoder.NilMembers
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var storage: WireEncodingBuffer = .empty

    init(
        parent: WireEncoding?, key: (any CodingKey)?, nilMembers: WireEncoder.NilMembers,
        childNilMembers: WireEncoder.NilMembers? = nil
    ) {
        self.parent = parent
        self.key = key
        self.nilMembers = nilMembers
        self.childNilMembers = childNilMembers ?? nilMembers
    }

    var codingPath: [any CodingKey] { Self.path(parent: parent, key: key) }

    /// The coding path of a value with `key` inside `parent`.
    static func path(parent: WireEncoding?, key: (any CodingKey)?) -> [any CodingKey] {
        var keys: [any CodingKey] = key.map { [$0] } ?? []
        var node = parent
        while let current = node {
            if let key = current.key { keys.append(key) }
            node = current.parent
        }
        return keys.reversed()
    }

    /// The value a `Encodable` wrote into this encoder (`{}` when it wrote nothing, as JSONEncoder does).
    var resolved: JSONValue { storage.resolved }

    /// Encodes one value: scalars and `JSONValue` as they are, tagged unions through their tag, everything
    /// else through its own `encode(to:)` into a child encoder.
    static func box<T: Encodable>(
        _ value: T, parent: WireEncoding?, key: (any CodingKey)?, nilMembers: WireEncoder.NilMembers
    ) throws -> JSONValue {
        if let leaf = leafValue(value) { return leaf }
        switch WireCodingKind.of(T.self) {
        case .plain: break
        case .stringEnum(let type): return .string(rawString(type, value))
        case .openStringEnum(let type): return .string(rawString(type, value))
        case .sortedDictionary(let type): return try sortedValue(type, value, parent: parent, key: key, nilMembers)
        case .externallyTagged(let type): return try externalValue(type, value, parent: parent, key: key, nilMembers)
        case .tagged(let type): return try taggedValue(type, value, parent: parent, key: key, nilMembers)
        }
        let child = WireEncoding(parent: parent, key: key, nilMembers: nilMembers)
        try value.encode(to: child)
        return child.resolved
    }

    /// The commonest leaves (strings, integers, flags, `JSONValue`, arrays of strings and of positions),
    /// written without a child encoder. `T` is compared by identity (a pointer comparison); once it is
    /// known, the value is reinterpreted as that type: a dynamic cast costs more than the whole write.
    @inline(__always)
    private static func leafValue<T>(_ value: T) -> JSONValue? {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: JSONValue.self) }
        if T.self == Int.self { return .int(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Int64.self { return .int(unsafeBitCast(value, to: Int64.self)) }
        if T.self == UInt32.self { return .int(Int64(unsafeBitCast(value, to: UInt32.self))) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Double.self { return .double(unsafeBitCast(value, to: Double.self)) }
        if T.self == [String].self { return .array(unsafeBitCast(value, to: [String].self).map { .string($0) }) }
        if T.self == [UInt32].self { return .array(unsafeBitCast(value, to: [UInt32].self).map { .int(Int64($0)) }) }
        return nil
    }

    // `WireCodingKind.of(T.self)` found that `T` is `U`, so the value is reinterpreted as `U` (a cast to the
    // protocol would look the conformance up again, once a value).

    private static func rawString<U: RawRepresentable<String>, T>(_ type: U.Type, _ value: T) -> String {
        unsafeBitCast(value, to: U.self).rawValue
    }

    private static func sortedValue<U: WireSortedDictionary, T>(
        _ type: U.Type, _ value: T, parent: WireEncoding?, key: (any CodingKey)?, _ nilMembers: WireEncoder.NilMembers
    ) throws -> JSONValue {
        try unsafeBitCast(value, to: U.self).sortedWireValue(parent: parent, key: key, nilMembers: nilMembers)
    }

    private static func externalValue<U: ExternallyTaggedWireUnion, T>(
        _ type: U.Type, _ value: T, parent: WireEncoding?, key: (any CodingKey)?, _ nilMembers: WireEncoder.NilMembers
    ) throws -> JSONValue {
        try unsafeBitCast(value, to: U.self).externallyTaggedWireValue(parent: parent, key: key, nilMembers: nilMembers)
    }

    private static func taggedValue<U: TaggedWireUnion, T>(
        _ type: U.Type, _ value: T, parent: WireEncoding?, key: (any CodingKey)?, _ nilMembers: WireEncoder.NilMembers
    ) throws -> JSONValue {
        try unsafeBitCast(value, to: U.self).taggedWireValue(parent: parent, key: key, nilMembers: nilMembers)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: WireObjectBuffer
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = WireObjectBuffer()
            storage = .object(object)
        }
        return KeyedEncodingContainer(WireKeyedEncoding<Key>(encoder: self, object: object, node: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: WireArrayBuffer
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = WireArrayBuffer()
            storage = .array(array)
        }
        return WireUnkeyedEncoding(encoder: self, array: array, node: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { WireSingleValueEncoding(encoder: self) }

    func store(_ value: JSONValue) { storage = .value(value) }

    /// A node standing for a nested container at `key` inside `self`'s position, parent of its members.
    func nestedNode(_ key: any CodingKey) -> WireEncoding {
        WireEncoding(parent: self, key: key, nilMembers: nilMembers, childNilMembers: childNilMembers)
    }
}

/// What an encoder or a nested container holds until the value is resolved.
enum WireEncodingBuffer {
    case empty
    case value(JSONValue)
    case object(WireObjectBuffer)
    case array(WireArrayBuffer)
    case encoder(WireEncoding)

    var resolved: JSONValue {
        switch self {
        case .empty: return .object(JSONObject())
        case .value(let value): return value
        case .object(let object): return object.resolved
        case .array(let array): return array.resolved
        case .encoder(let encoder): return encoder.resolved
        }
    }
}

/// Members of an object being encoded, in the order they were written.
final class WireObjectBuffer {
    private var members: [(key: String, value: WireEncodingBuffer)]

    init() {
        members = []
        members.reserveCapacity(8)
    }

    /// Appends a member; a key written twice keeps its first position and its last value (on resolving).
    func set(_ key: String, _ value: WireEncodingBuffer) { members.append((key, value)) }

    var resolved: JSONValue {
        var object = JSONObject(reservingCapacity: members.count)
        for member in members { object[member.key] = member.value.resolved }
        return .object(object)
    }
}

/// Elements of an array being encoded.
final class WireArrayBuffer {
    var elements: [WireEncodingBuffer] = []

    var resolved: JSONValue { .array(elements.map(\.resolved)) }
}

/// A `CodingKey` for array positions and for keys known only as strings.
/// An array position keeps only its number; its string is made when asked for (errors).
struct WireCodingKey: CodingKey {
    private let name: String?
    let intValue: Int?

    var stringValue: String { name ?? intValue.map { String($0) } ?? "" }

    init(stringValue: String) {
        name = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        name = nil
        self.intValue = intValue
    }
}

/// Integers JSON can carry exactly; anything beyond `Int64` is an encoding error.
private func wireInteger<I: BinaryInteger>(_ value: I, codingPath: [any CodingKey]) throws -> JSONValue {
    guard let exact = Int64(exactly: value) else {
        throw EncodingError.invalidValue(
            value, .init(codingPath: codingPath, debugDescription: "integer \(value) does not fit in 64 bits"))
    }
    return .int(exact)
}

struct WireKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The encoder whose nil rules apply.
    let encoder: WireEncoding
    let object: WireObjectBuffer
    /// This container's position (the encoder itself, or a node for a nested container).
    let node: WireEncoding

    var codingPath: [any CodingKey] { node.codingPath }

    private func put(_ value: JSONValue, _ key: Key) { object.set(key.stringValue, .value(value)) }
    private func putNil(_ key: Key) {
        if encoder.nilMembers == .null { object.set(key.stringValue, .value(.null)) }
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        put(try wireInteger(value, codingPath: WireEncoding.path(parent: node, key: key)), key)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        put(try wireInteger(value, codingPath: WireEncoding.path(parent: node, key: key)), key)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try WireEncoding.box(value, parent: node, key: key, nilMembers: encoder.childNilMembers), key)
    }

    // Synthesized `Codable` writes optionals with `encodeIfPresent`; the reference writes `null` for them.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = WireObjectBuffer()
        object.set(key.stringValue, .object(nested))
        return KeyedEncodingContainer(
            WireKeyedEncoding<NestedKey>(encoder: encoder, object: nested, node: node.nestedNode(key)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = WireArrayBuffer()
        object.set(key.stringValue, .array(nested))
        return WireUnkeyedEncoding(encoder: encoder, array: nested, node: node.nestedNode(key))
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: WireCodingKey(stringValue: "super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(forKey: WireCodingKey(stringValue: key.stringValue))
    }

    private func superEncoder(forKey key: WireCodingKey) -> any Encoder {
        let child = WireEncoding(parent: node, key: key, nilMembers: encoder.childNilMembers)
        object.set(key.stringValue, .encoder(child))
        return child
    }
}

struct WireUnkeyedEncoding: UnkeyedEncodingContainer {
    /// The encoder whose nil rules apply.
    let encoder: WireEncoding
    let array: WireArrayBuffer
    /// This container's position (the encoder itself, or a node for a nested container).
    let node: WireEncoding
    var count: Int { array.elements.count }
    var codingPath: [any CodingKey] { node.codingPath }

    private var nextKey: WireCodingKey { WireCodingKey(intValue: array.elements.count) }
    private var nextPath: [any CodingKey] { WireEncoding.path(parent: node, key: nextKey) }
    private func append(_ value: JSONValue) { array.elements.append(.value(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.double(value)) }
    mutating func encode(_ value: Float) throws { append(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.int(value)) }
    mutating func encode(_ value: UInt) throws { append(try wireInteger(value, codingPath: nextPath)) }
    mutating func encode(_ value: UInt8) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { append(try wireInteger(value, codingPath: nextPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try WireEncoding.box(value, parent: node, key: nextKey, nilMembers: encoder.childNilMembers))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let position = node.nestedNode(nextKey)
        let nested = WireObjectBuffer()
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(WireKeyedEncoding<NestedKey>(encoder: encoder, object: nested, node: position))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let position = node.nestedNode(nextKey)
        let nested = WireArrayBuffer()
        array.elements.append(.array(nested))
        return WireUnkeyedEncoding(encoder: encoder, array: nested, node: position)
    }

    mutating func superEncoder() -> any Encoder {
        let child = WireEncoding(parent: node, key: nextKey, nilMembers: encoder.childNilMembers)
        array.elements.append(.encoder(child))
        return child
    }
}

struct WireSingleValueEncoding: SingleValueEncodingContainer {
    let encoder: WireEncoding
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.store(.null) }
    mutating func encode(_ value: Bool) throws { encoder.store(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.store(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.store(.double(value)) }
    mutating func encode(_ value: Float) throws { encoder.store(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { encoder.store(.int(value)) }
    mutating func encode(_ value: UInt) throws { encoder.store(try wireInteger(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt8) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.store(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { encoder.store(try wireInteger(value, codingPath: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.store(
            try WireEncoding.box(value, parent: encoder.parent, key: encoder.key, nilMembers: encoder.childNilMembers))
    }
}

/// Marks the kinds of values the wire coders write or read by a rule of their own (tagged unions, closed string
/// enums, string-keyed dictionaries) rather than through `Codable` alone. The coders check this one
/// conformance first and the specific kinds only for types that have it: the first check of each (type,
/// protocol) pair scans every conformance record of the binary (~9,000), which a process pays on first use.
public protocol WireCustomCoding {
    /// The rule this type is written by; each kind's protocol supplies it, so one conformance check finds it.
    static var wireCodingRule: WireCodingRule { get }
}

/// The rule a `WireCustomCoding` type is written and read by (opaque outside this module).
public struct WireCodingRule: @unchecked Sendable {
    let kind: WireCodingKind
}

extension Dictionary: WireCustomCoding where Key == String, Value: Encodable {
    public static var wireCodingRule: WireCodingRule { WireCodingRule(kind: .sortedDictionary(Self.self)) }
}

/// `[String: V]` dictionaries are written with their keys sorted, so the output does not depend on hashing.
protocol WireSortedDictionary: WireCustomCoding {
    func sortedWireValue(parent: WireEncoding?, key: (any CodingKey)?, nilMembers: WireEncoder.NilMembers) throws
        -> JSONValue
}

extension Dictionary: WireSortedDictionary where Key == String, Value: Encodable {
    func sortedWireValue(parent: WireEncoding?, key: (any CodingKey)?, nilMembers: WireEncoder.NilMembers) throws
        -> JSONValue
    {
        let node = WireEncoding(parent: parent, key: key, nilMembers: nilMembers)
        var object = JSONObject()
        for key in keys.sorted() {
            guard let member = self[key] else { continue }
            object[key] = try WireEncoding.box(
                member, parent: node, key: WireCodingKey(stringValue: key), nilMembers: nilMembers)
        }
        return .object(object)
    }
}
