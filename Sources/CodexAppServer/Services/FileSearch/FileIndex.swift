/// Every file and folder a walk found, as paths relative to their root packed into one byte buffer
/// (about 20 bytes of overhead an entry), ready to be ranked against any number of queries.
final class FileIndex: Sendable {
    /// One file or folder.
    struct Entry: Sendable {
        /// Where its relative path starts in `bytes`, and its length.
        var start: UInt32
        var length: UInt32
        /// Where its last component starts, relative to `start`.
        var nameOffset: UInt32
        var root: UInt16
        var isFolder: Bool
    }

    /// What one walker thread collected.
    struct Chunk: Sendable {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var masks: [ByteMask] = []

        mutating func append(relativePath: UnsafeBufferPointer<UInt8>, nameOffset: Int, root: Int, isFolder: Bool) {
            entries.append(
                Entry(
                    start: UInt32(bytes.count), length: UInt32(relativePath.count), nameOffset: UInt32(nameOffset),
                    root: UInt16(root), isFolder: isFolder))
            masks.append(ByteMask(relativePath))
            bytes.append(contentsOf: relativePath)
        }
    }

    let roots: [String]
    let bytes: [UInt8]
    let entries: [Entry]
    /// Each entry's `ByteMask`, beside `entries` so the prefilter reads 8 bytes an entry.
    let masks: [ByteMask]

    init(roots: [String], chunks: [Chunk]) {
        self.roots = roots
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var masks: [ByteMask] = []
        masks.reserveCapacity(chunks.reduce(0) { $0 + $1.masks.count })
        bytes.reserveCapacity(chunks.reduce(0) { $0 + $1.bytes.count })
        entries.reserveCapacity(chunks.reduce(0) { $0 + $1.entries.count })
        for chunk in chunks {
            let base = UInt32(bytes.count)
            bytes.append(contentsOf: chunk.bytes)
            masks.append(contentsOf: chunk.masks)
            for var entry in chunk.entries {
                entry.start += base
                entries.append(entry)
            }
        }
        self.bytes = bytes
        self.entries = entries
        self.masks = masks
    }

    var count: Int { entries.count }

    /// Bytes held by the index (paths and entry records).
    var memoryBytes: Int {
        bytes.capacity + entries.capacity * MemoryLayout<Entry>.stride + masks.capacity * MemoryLayout<ByteMask>.stride
    }

    /// Calls `body` with entry `index`'s relative path.
    func withPath<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let entry = entries[index]
        return bytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(entry.start)..<Int(entry.start + entry.length)]))
        }
    }

    func path(_ index: Int) -> String {
        withPath(index) { String(decoding: $0, as: UTF8.self) }
    }

    func fileName(_ index: Int) -> String {
        let offset = Int(entries[index].nameOffset)
        return withPath(index) { String(decoding: UnsafeBufferPointer(rebasing: $0[offset...]), as: UTF8.self) }
    }
}
