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
        try WireEncoding.box(value, codingPath: [], nilMembers: nilMembers)
    }
}

/// One `Encoder` per encoded value; containers write into the buffer it owns.
final class WireEncoding: Encoder {
    let codingPath: [any CodingKey]
    /// The rule for this encoder's own containers.
    let nilMembers: WireEncoder.NilMembers
    /// The rule for values nested inside (a tagged union's variant may differ from its members' types).
    let childNilMembers: WireEncoder.NilMembers
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var storage: WireEncodingBuffer = .empty

    init(
        codingPath: [any CodingKey], nilMembers: WireEncoder.NilMembers, childNilMembers: WireEncoder.NilMembers? = nil
    ) {
        self.codingPath = codingPath
        self.nilMembers = nilMembers
        self.childNilMembers = childNilMembers ?? nilMembers
    }

    /// The value a `Encodable` wrote into this encoder (`{}` when it wrote nothing, as JSONEncoder does).
    var resolved: JSONValue { storage.resolved }

    /// Encodes one value: `JSONValue` as it is, tagged unions through their tag, everything else through
    /// its own `encode(to:)` into a child encoder.
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey], nilMembers: WireEncoder.NilMembers)
        throws -> JSONValue
    {
        if T.self == JSONValue.self, let json = value as? JSONValue { return json }
        // One conformance check for a plain struct or array, the specific ones only for the marked kinds.
        if T.self is any WireCustomCoding.Type {
            if let dictionary = value as? any WireSortedDictionary {
                return try dictionary.sortedWireValue(codingPath: codingPath, nilMembers: nilMembers)
            }
            if let external = value as? any ExternallyTaggedWireUnion {
                return try external.externallyTaggedWireValue(codingPath: codingPath, nilMembers: nilMembers)
            }
            if let tagged = value as? any TaggedWireUnion {
                return try tagged.taggedWireValue(codingPath: codingPath, nilMembers: nilMembers)
            }
        }
        let child = WireEncoding(codingPath: codingPath, nilMembers: nilMembers)
        try value.encode(to: child)
        return child.resolved
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: WireObjectBuffer
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = WireObjectBuffer()
            storage = .object(object)
        }
        return KeyedEncodingContainer(WireKeyedEncoding<Key>(encoder: self, object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: WireArrayBuffer
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = WireArrayBuffer()
            storage = .array(array)
        }
        return WireUnkeyedEncoding(encoder: self, array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { WireSingleValueEncoding(encoder: self) }

    func store(_ value: JSONValue) { storage = .value(value) }
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
struct WireCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
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
    let encoder: WireEncoding
    let object: WireObjectBuffer
    let codingPath: [any CodingKey]

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
        put(try wireInteger(value, codingPath: codingPath + [key]), key)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        put(try wireInteger(value, codingPath: codingPath + [key]), key)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try WireEncoding.box(value, codingPath: codingPath + [key], nilMembers: encoder.childNilMembers), key)
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
            WireKeyedEncoding<NestedKey>(encoder: encoder, object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = WireArrayBuffer()
        object.set(key.stringValue, .array(nested))
        return WireUnkeyedEncoding(encoder: encoder, array: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: WireCodingKey(stringValue: "super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(forKey: WireCodingKey(stringValue: key.stringValue))
    }

    private func superEncoder(forKey key: WireCodingKey) -> any Encoder {
        let child = WireEncoding(codingPath: codingPath + [key], nilMembers: encoder.childNilMembers)
        object.set(key.stringValue, .encoder(child))
        return child
    }
}

struct WireUnkeyedEncoding: UnkeyedEncodingContainer {
    let encoder: WireEncoding
    let array: WireArrayBuffer
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    private var nextPath: [any CodingKey] { codingPath + [WireCodingKey(intValue: array.elements.count)] }
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
        append(try WireEncoding.box(value, codingPath: nextPath, nilMembers: encoder.childNilMembers))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let path = nextPath
        let nested = WireObjectBuffer()
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(WireKeyedEncoding<NestedKey>(encoder: encoder, object: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        let nested = WireArrayBuffer()
        array.elements.append(.array(nested))
        return WireUnkeyedEncoding(encoder: encoder, array: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let child = WireEncoding(codingPath: nextPath, nilMembers: encoder.childNilMembers)
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
        encoder.store(try WireEncoding.box(value, codingPath: codingPath, nilMembers: encoder.childNilMembers))
    }
}

/// Marks the kinds of values the wire coders write or read by a rule of their own (tagged unions, closed string
/// enums, string-keyed dictionaries) rather than through `Codable` alone. The coders check this one
/// conformance first and the specific kinds only for types that have it: the first check of each (type,
/// protocol) pair scans every conformance record of the binary (~9,000), which a process pays on first use.
public protocol WireCustomCoding {}

extension Dictionary: WireCustomCoding where Key == String, Value: Encodable {}

/// `[String: V]` dictionaries are written with their keys sorted, so the output does not depend on hashing.
protocol WireSortedDictionary: WireCustomCoding {
    func sortedWireValue(codingPath: [any CodingKey], nilMembers: WireEncoder.NilMembers) throws -> JSONValue
}

extension Dictionary: WireSortedDictionary where Key == String, Value: Encodable {
    func sortedWireValue(codingPath: [any CodingKey], nilMembers: WireEncoder.NilMembers) throws -> JSONValue {
        var object = JSONObject()
        for key in keys.sorted() {
            guard let member = self[key] else { continue }
            object[key] = try WireEncoding.box(
                member, codingPath: codingPath + [WireCodingKey(stringValue: key)], nilMembers: nilMembers)
        }
        return .object(object)
    }
}
