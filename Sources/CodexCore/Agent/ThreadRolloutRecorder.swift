public import FoundationEssentials

/// Persists one thread: creates its rollout file on the first record (as the reference does, so a
/// thread that never ran a turn leaves no file), or appends to an existing one when resuming.
public actor ThreadRolloutRecorder: RolloutSink {
    /// Where the rollout is (or will be) written.
    public nonisolated let path: String
    private let meta: SessionMeta?
    private let createdAt: Date
    private var writer: RolloutWriter?

    /// For a new thread: the file is created at `path` with `meta` on first append.
    public init(newThreadAt path: String, meta: SessionMeta, createdAt: Date) {
        self.path = path
        self.meta = meta
        self.createdAt = createdAt
    }

    /// For a resumed thread: appends to the existing file.
    public init(resuming path: String, threadID: ThreadID) throws(RolloutError) {
        self.path = path
        self.meta = nil
        self.createdAt = Date()
        self.writer = try RolloutWriter.resume(path: path, threadID: threadID)
    }

    public func append(contentsOf items: [RolloutItem]) async throws {
        try await openWriter().append(contentsOf: items)
    }

    public func flush() async throws {
        guard let writer else { return }
        try await writer.flush()
    }

    private func openWriter() throws(RolloutError) -> RolloutWriter {
        if let writer { return writer }
        guard let meta else { throw RolloutError.writerClosed(path: path) }
        let created = try RolloutWriter.create(path: path, meta: meta, at: createdAt)
        writer = created
        return created
    }
}
