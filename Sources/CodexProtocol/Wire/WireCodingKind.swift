import Synchronization

/// How the wire coders treat a type: through its own `Codable` (`plain`), or by one of the rules of the
/// `WireCustomCoding` kinds. Found once per type and remembered: the first conformance check of a (type,
/// protocol) pair scans every conformance record of the binary (~11,000, about 0.45 M instructions), and even
/// the runtime's cached answer costs about a thousand instructions, against about a hundred for a hit here.
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

    /// Structs (but `Dictionary`) and optionals are plain without asking the runtime: most wire types are
    /// structs, and a process would otherwise pay a conformance scan for each on first use. For the rest, one
    /// conformance check; the custom type names its own kind.
    private static func classify<T>(_ type: T.Type) -> WireCodingKind {
        if RuntimeMetadata.isPlainCandidate(type) { return .plain }
        guard let custom = type as? any WireCustomCoding.Type else { return .plain }
        return custom.wireCodingRule.kind
    }
}

/// What the runtime's type metadata says of a type without a conformance lookup.
///
/// Reads the metadata's kind word and, for a struct, its nominal type descriptor: the layout of Swift's
/// metadata ABI (swift/ABI/MetadataKind.def: a struct is 0x200, an optional 0x202; a struct's second word
/// points at its descriptor). The runtime is linked into this binary from the same toolchain as this code,
/// so the layout read is the layout written.
enum RuntimeMetadata {
    private static let structKind: UInt = 0x200
    private static let optionalKind: UInt = 0x202

    /// True for a struct other than a `Dictionary`, and for an optional: types that cannot be a
    /// `WireCustomCoding` kind the coders must know of (an `OpenStringEnum` struct writes the same JSON
    /// through its own `Codable`).
    static func isPlainCandidate<T>(_ type: T.Type) -> Bool {
        let metadata = unsafeBitCast(type, to: UnsafeRawPointer.self)
        switch metadata.load(as: UInt.self) {
        case optionalKind: return true
        case structKind: return descriptor(of: metadata) != dictionaryDescriptor
        default: return false
        }
    }

    private static func descriptor(of metadata: UnsafeRawPointer) -> UInt {
        metadata.load(fromByteOffset: MemoryLayout<UInt>.size, as: UInt.self)
    }

    /// The nominal type descriptor every `Dictionary<K, V>` shares.
    private static let dictionaryDescriptor: UInt = descriptor(
        of: unsafeBitCast([String: Int].self, to: UnsafeRawPointer.self))
}
