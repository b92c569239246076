/// Collects a stream's bytes up to a cap, keeping the head and the tail when it overflows.
public struct CappedOutputBuffer: Sendable {
    public let capacity: Int
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    public private(set) var totalBytes = 0

    public init(capacity: Int) {
        self.capacity = max(capacity, 2)
    }

    /// True when some bytes between head and tail were dropped.
    public var isTruncated: Bool { totalBytes > head.count + tail.count }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        totalBytes += bytes.count
        let headCapacity = capacity / 2
        var rest = bytes[...]
        if head.count < headCapacity {
            let take = min(headCapacity - head.count, rest.count)
            head.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
        guard !rest.isEmpty else { return }
        tail.append(contentsOf: rest)
        let tailCapacity = capacity - headCapacity
        if tail.count > tailCapacity { tail.removeFirst(tail.count - tailCapacity) }
    }

    /// The kept bytes as text (lossy UTF-8), with a marker where bytes were dropped.
    public var text: String {
        guard isTruncated else { return String(decoding: head + tail, as: UTF8.self) }
        let omitted = totalBytes - head.count - tail.count
        return String(decoding: head, as: UTF8.self) + "\n[... \(omitted) bytes omitted ...]\n"
            + String(decoding: tail, as: UTF8.self)
    }
}
