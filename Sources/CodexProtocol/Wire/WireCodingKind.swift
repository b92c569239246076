import Synchronization

/// How the wire coders treat a type: through its own `Codable` (`plain`), or by one of the rules of the
/// `WireCustomCoding` kinds. Found once per type and remembered: the first conformance check of a (type,
/// protocol) pair scans every conformance record of the binary (~9,000), and even the runtime's cached
/// answer costs about a thousand instructions, against about a hundred for a hit here.
enum WireCodingKind: @unchecked Sendable {
    case plain
    case stringEnum(any WireStringEnum.Type)
    case openStringEnum(any OpenStringEnum.Type)
    case sortedDictionary(any WireSortedDictionary.Type)
    case externallyTagged(any ExternallyTaggedWireUnion.Type)
    case tagged(any TaggedWireUnion.Type)

    private static let known = Mutex<[ObjectIdentifier: WireCodingKind]>([:])

    static func of<T>(_ type: T.Type) -> WireCodingKind {
        let id = ObjectIdentifier(type)
        if let cached = known.withLock({ $0[id] }) { return cached }
        let kind = classify(type)
        known.withLock { $0[id] = kind }
        return kind
    }

    /// One conformance check for a plain type; the specific ones only for the marked kinds.
    private static func classify<T>(_ type: T.Type) -> WireCodingKind {
        guard type is any WireCustomCoding.Type else { return .plain }
        if let closed = type as? any WireStringEnum.Type { return .stringEnum(closed) }
        if let open = type as? any OpenStringEnum.Type { return .openStringEnum(open) }
        if let dictionary = type as? any WireSortedDictionary.Type { return .sortedDictionary(dictionary) }
        if let external = type as? any ExternallyTaggedWireUnion.Type { return .externallyTagged(external) }
        if let tagged = type as? any TaggedWireUnion.Type { return .tagged(tagged) }
        return .plain
    }
}
