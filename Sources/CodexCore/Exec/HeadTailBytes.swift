/// Bytes kept up to a cap: the first half and the latest half, the middle dropped.
struct HeadTailBytes: Sendable {
    let capacity: Int
    /// The first bytes, up to half the capacity.
    private(set) var head: [UInt8] = []
    /// The latest bytes after the head, up to the rest of the capacity.
    private(set) var tail: [UInt8] = []
    private(set) var totalBytes = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 2)
    }

    var isEmpty: Bool { totalBytes == 0 }
    var bytes: [UInt8] { head + tail }

    mutating func append(_ chunk: some Collection<UInt8>) {
        totalBytes += chunk.count
        var rest = chunk[...]
        let headCapacity = capacity / 2
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
}
