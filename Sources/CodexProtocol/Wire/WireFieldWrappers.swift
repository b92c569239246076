// Field attributes for wire types: the two serde field rules the reference uses besides the default.

/// A member left out of the JSON when nil (serde's `skip_serializing_if = "Option::is_none"`); absent or
/// `null` both read as nil. Plain optionals are written as `null` instead.
@propertyWrapper
public struct OmitWhenNil<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

/// A value a member takes when the JSON leaves it out (serde's `#[serde(default)]`).
public protocol WireDefaultValue {
    static var wireDefault: Self { get }
}

extension Bool: WireDefaultValue {
    public static var wireDefault: Bool { false }
}

extension Int64: WireDefaultValue {
    public static var wireDefault: Int64 { 0 }
}

extension Array: WireDefaultValue {
    public static var wireDefault: [Element] { [] }
}

/// A member that reads as its type's `wireDefault` when absent or `null` (serde's `#[serde(default)]`);
/// it is always written.
@propertyWrapper
public struct DefaultWhenAbsent<Value: WireDefaultValue & Codable & Sendable & Hashable>: Codable, Sendable,
    Hashable
{
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? Value.wireDefault : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

/// What the schema reflector needs to know of a field wrapper: the wrapped type, and that the member may be
/// absent without being nullable.
protocol WireFieldWrapper {
    static var wrappedWireType: any Decodable.Type { get }
    /// Whether the schema lists the member as required.
    static var schemaRequired: Bool { get }
    /// Whether the schema allows `null`.
    static var schemaNullable: Bool { get }
}

extension WireFieldWrapper {
    static var schemaRequired: Bool { false }
    static var schemaNullable: Bool { false }
}

extension OmitWhenNil: WireFieldWrapper {
    static var wrappedWireType: any Decodable.Type { Value.self }
}

extension DefaultWhenAbsent: WireFieldWrapper {
    static var wrappedWireType: any Decodable.Type { Value.self }
}

// Synthesized `Codable` resolves these overloads statically, so the rules hold with any encoder or decoder.

extension KeyedDecodingContainer {
    /// An absent `@OmitWhenNil` member is nil.
    public func decode<Value>(_ type: OmitWhenNil<Value>.Type, forKey key: Key) throws -> OmitWhenNil<Value> {
        try decodeIfPresent(type, forKey: key) ?? OmitWhenNil(wrappedValue: nil)
    }

    /// An absent `@DefaultWhenAbsent` member is its type's default.
    public func decode<Value>(_ type: DefaultWhenAbsent<Value>.Type, forKey key: Key) throws
        -> DefaultWhenAbsent<Value>
    {
        try decodeIfPresent(type, forKey: key) ?? DefaultWhenAbsent(wrappedValue: Value.wireDefault)
    }
}

extension KeyedEncodingContainer {
    /// A nil `@OmitWhenNil` member is left out.
    public mutating func encode<Value>(_ value: OmitWhenNil<Value>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) }
    }
}

/// Supplies the value of a `@DefaultedTo` member the JSON leaves out.
public protocol WireDefaultProvider {
    associatedtype Value: Codable & Sendable & Hashable
    static var defaultValue: Value { get }
}

/// `@DefaultWhenAbsent` with a default other than the type's own (e.g. `[.text, .image]`).
@propertyWrapper
public struct DefaultedTo<Provider: WireDefaultProvider>: Codable, Sendable, Hashable {
    public var wrappedValue: Provider.Value

    public init(wrappedValue: Provider.Value) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? Provider.defaultValue : try container.decode(Provider.Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension DefaultedTo: WireFieldWrapper {
    static var wrappedWireType: any Decodable.Type { Provider.Value.self }
}

extension KeyedDecodingContainer {
    /// An absent `@DefaultedTo` member is its provider's value.
    public func decode<Provider>(_ type: DefaultedTo<Provider>.Type, forKey key: Key) throws -> DefaultedTo<Provider> {
        try decodeIfPresent(type, forKey: key) ?? DefaultedTo(wrappedValue: Provider.defaultValue)
    }
}

/// A member that is always written (`null` when nil) and that the schema lists as required, as schemars
/// lists a plain serde `Option` field; reading still accepts it absent.
@propertyWrapper
public struct RequiredNullable<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension RequiredNullable: WireFieldWrapper {
    static var wrappedWireType: any Decodable.Type { Value.self }
    static var schemaRequired: Bool { true }
    static var schemaNullable: Bool { true }
}

extension KeyedDecodingContainer {
    /// An absent `@RequiredNullable` member is nil.
    public func decode<Value>(_ type: RequiredNullable<Value>.Type, forKey key: Key) throws
        -> RequiredNullable<Value>
    {
        try decodeIfPresent(type, forKey: key) ?? RequiredNullable(wrappedValue: nil)
    }
}
