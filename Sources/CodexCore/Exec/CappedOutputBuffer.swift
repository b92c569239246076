/// Collects a stream's bytes up to a cap, keeping the head and the tail when it overflows.
public struct CappedOutputBuffer: Sendable {
    private var kept: HeadTailBytes

    public init(capacity: Int) {
        kept = HeadTailBytes(capacity: capacity)
    }

    public var capacity: Int { kept.capacity }
    public var totalBytes: Int { kept.totalBytes }

    /// True when some bytes between head and tail were dropped.
    public var isTruncated: Bool { kept.totalBytes > kept.head.count + kept.tail.count }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        kept.append(bytes)
    }

    /// The kept bytes as text (lossy UTF-8), with a marker where bytes were dropped.
    public var text: String {
        guard isTruncated else { return String(decoding: kept.bytes, as: UTF8.self) }
        let omitted = kept.totalBytes - kept.head.count - kept.tail.count
        return String(decoding: kept.head, as: UTF8.self) + "\n[... \(omitted) bytes omitted ...]\n"
            + String(decoding: kept.tail, as: UTF8.self)
    }
}
