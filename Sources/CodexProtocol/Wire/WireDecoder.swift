// The wire decoder: `JSONValue` straight into `Decodable` values, with errors that name the field.

/// Decodes `Decodable` values from `JSONValue` without a byte round trip.
///
/// Errors are `DecodingError`s whose coding path names the field and whose description reads like the
/// reference's serde messages (`missing field \`threadId\``, ``invalid type: integer `5`, expected a string``,
/// ``unknown variant `x`, expected one of `a`, `b` ``); `WireDecodingFailure` joins the two into one line.
/// Integers must be exact: `1.5` or `1e400` for an integer field is an error, not a rounded value.
public struct WireDecoder: Sendable {
    public init() {}

    /// Decodes a `T` from `value`.
    public func decode<T: Decodable>(_ type: T.Type = T.self, from value: JSONValue) throws -> T {
        try WireDecoding.unbox(T.self, from: value, codingPath: [])
    }
}

/// One decoding failure as a single line: the field path, then the problem (`input[0].type: unknown variant ...`).
public struct WireDecodingFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path of the member that failed (`input[0].type`); empty for the top level.
    public let path: String
    /// What is wrong, in serde's words.
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// Reads any error thrown while decoding; `DecodingError`s give their path and description.
    public init(_ error: any Error) {
        guard let decodingError = error as? DecodingError else {
            self.init(path: "", problem: "\(error)")
            return
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            // serde's words with the whole path in the backticks: missing field `clientInfo.version`.
            self.init(path: "", problem: "missing field `\(Self.path(context.codingPath + [key]))`")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            self.init(path: Self.path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            self.init(path: "", problem: "\(decodingError)")
        }
    }

    /// `path: problem`, or the problem alone at the top level.
    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }

    /// `a.b[2].c` from a coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}

/// serde's words for a JSON value in "invalid type" messages.
func wireDescription(of value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return "boolean `\(flag)`"
    case .int(let number): return "integer `\(number)`"
    case .double(let number): return "floating point `\(number)`"
    case .string(let text): return "string \(JSONValue.string(text).serialized())"
    case .array: return "sequence"
    case .object: return "map"
    }
}

/// One `Decoder` per decoded value.
struct WireDecoding: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    /// True for the `{tag: payload}` object a tagged union is rewritten to: its key stays out of paths.
    var tagWrapper = false
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes one value: `JSONValue` as it is, closed string enums and tagged unions with serde's
    /// messages, everything else through its own `init(from:)`.
    static func unbox<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        if T.self == JSONValue.self, let json = value as? T { return json }
        switch WireCodingKind.of(T.self) {
        case .plain, .sortedDictionary, .openStringEnum: break
        case .stringEnum(let closed): return try closed.wireDecoded(as: T.self, from: value, codingPath: codingPath)
        case .externallyTagged(let external):
            return try external.wireDecoded(as: T.self, from: value, codingPath: codingPath)
        case .tagged(let tagged): return try tagged.wireDecoded(as: T.self, from: value, codingPath: codingPath)
        }
        return try T(from: WireDecoding(value: value, codingPath: codingPath))
    }

    static func mismatch(_ expected: String, _ value: JSONValue, _ codingPath: [any CodingKey]) -> DecodingError {
        .typeMismatch(
            Any.self,
            .init(codingPath: codingPath, debugDescription: "invalid type: \(wireDescription(of: value)), expected \(expected)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw Self.mismatch("a map", value, codingPath) }
        return KeyedDecodingContainer(
            WireKeyedDecoding<Key>(object: object, codingPath: codingPath, tagWrapper: tagWrapper))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw Self.mismatch("a sequence", value, codingPath) }
        return WireUnkeyedDecoding(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        WireSingleValueDecoding(value: value, codingPath: codingPath)
    }
}

/// Scalar reads shared by the three container kinds.
enum WireScalar {
    static func bool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
        guard case .bool(let flag) = value else { throw WireDecoding.mismatch("a boolean", value, path) }
        return flag
    }

    static func string(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
        guard case .string(let text) = value else { throw WireDecoding.mismatch("a string", value, path) }
        return text
    }

    static func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw WireDecoding.mismatch("f64", value, path)
        }
    }

    /// An exact integer of type `I`: a fractional number, or one outside `I`'s range, is an error.
    static func integer<I: FixedWidthInteger>(_ value: JSONValue, _ path: [any CodingKey]) throws -> I {
        let name = (I.isSigned ? "i" : "u") + String(I.bitWidth)
        switch value {
        case .int(let number):
            guard let exact = I(exactly: number) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: path, debugDescription: "invalid value: integer `\(number)`, expected \(name)"))
            }
            return exact
        case .double(let number):
            if number.isFinite, number.rounded() == number {
                if let exact = I(exactly: number) { return exact }
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number out of range"))
            }
            if !number.isFinite {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number out of range"))
            }
            throw WireDecoding.mismatch(name, value, path)
        default:
            throw WireDecoding.mismatch(name, value, path)
        }
    }
}

struct WireKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]
    var tagWrapper = false

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing field `\(key.stringValue)`"))
        }
        return value
    }

    /// A member's path; a tagged union's tag and an unlabeled payload (`_0`) are not part of the wire path.
    private func path(_ key: Key) -> [any CodingKey] {
        tagWrapper || key.stringValue == unlabeledPayloadKey ? codingPath : codingPath + [key]
    }

    func decodeNil(forKey key: Key) throws -> Bool { object[key.stringValue]?.isNull ?? true }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try WireScalar.bool(member(key), path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try WireScalar.string(member(key), path(key))
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try WireScalar.double(member(key), path(key))
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try WireScalar.double(member(key), path(key)))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try WireScalar.integer(member(key), path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try WireScalar.integer(member(key), path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try WireScalar.integer(member(key), path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try WireScalar.integer(member(key), path(key))
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try WireDecoding.unbox(T.self, from: member(key), codingPath: path(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try WireDecoding(value: member(key), codingPath: path(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try WireDecoding(value: member(key), codingPath: path(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = WireCodingKey(stringValue: "super")
        return WireDecoding(value: object["super"] ?? .null, codingPath: codingPath + [key])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        WireDecoding(value: object[key.stringValue] ?? .null, codingPath: path(key))
    }
}

struct WireUnkeyedDecoding: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private var currentPath: [any CodingKey] { codingPath + [WireCodingKey(intValue: currentIndex)] }

    private mutating func next() throws -> JSONValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(
                Any.self,
                .init(codingPath: currentPath, debugDescription: "invalid length \(elements.count), expected more elements"))
        }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elements.count, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let path = currentPath
        return try WireScalar.bool(next(), path)
    }
    mutating func decode(_ type: String.Type) throws -> String {
        let path = currentPath
        return try WireScalar.string(next(), path)
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        let path = currentPath
        return try WireScalar.double(next(), path)
    }
    mutating func decode(_ type: Float.Type) throws -> Float {
        let path = currentPath
        return Float(try WireScalar.double(next(), path))
    }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private mutating func integer<I: FixedWidthInteger>() throws -> I {
        let path = currentPath
        return try WireScalar.integer(next(), path)
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let path = currentPath
        return try WireDecoding.unbox(T.self, from: next(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let path = currentPath
        return try WireDecoding(value: next(), codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let path = currentPath
        return try WireDecoding(value: next(), codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let path = currentPath
        return WireDecoding(value: try next(), codingPath: path)
    }
}

struct WireSingleValueDecoding: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try WireScalar.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try WireScalar.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try WireScalar.double(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try WireScalar.double(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try WireScalar.integer(value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try WireScalar.integer(value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try WireScalar.integer(value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try WireScalar.integer(value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireDecoding.unbox(T.self, from: value, codingPath: codingPath)
    }
}
