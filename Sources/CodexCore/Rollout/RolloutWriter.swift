public import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends records to one rollout file; an actor, so one thread's records never interleave.
///
/// Every record is serialized first and then written with a single write(2) of the whole line
/// including its `\n`, on a descriptor opened with `O_APPEND`: a crash can leave at most one torn
/// last line, which `RolloutReader` skips. Written lines reach the kernel at once (a killed
/// process loses nothing); `flush()` additionally fsyncs, for power-loss durability. The caller
/// flushes after the `session_meta` line and the first user message before acknowledging a turn.
///
/// Files and folders are created with the default mode less the umask (0644/0755 under the usual
/// umask), as the reference does. Appending in place is deliberate: a rollout is a log, never rewritten.
///
/// Lines follow the file's `RolloutHistoryMode`: a paginated file gets an `ordinal` on every line,
/// continuing from the last one in the file; a legacy file gets legacy lines (see `RolloutItem.records(for:)`).
///
/// A failed write is cut back off the file (so no partial line is left behind) and ends the writer: every
/// later append and flush throws the same error, so a log never continues past a hole.
public actor RolloutWriter {
    /// The rollout file.
    public nonisolated let path: String
    public nonisolated let threadID: ThreadID
    /// The line format of the file.
    public nonisolated let mode: RolloutHistoryMode
    private var descriptor: Int32?
    /// Set for a new file until the first flush has also synced its folder entry.
    private var folderNeedsSync: Bool
    /// The `ordinal` of the next line (paginated files).
    private var nextOrdinal: Int64
    /// The first write failure; the writer refuses further work after it.
    private var failure: RolloutError?

    private init(
        path: String, threadID: ThreadID, mode: RolloutHistoryMode, descriptor: Int32, folderNeedsSync: Bool,
        nextOrdinal: Int64
    ) {
        self.path = path
        self.threadID = threadID
        self.mode = mode
        self.descriptor = descriptor
        self.folderNeedsSync = folderNeedsSync
        self.nextOrdinal = nextOrdinal
    }

    deinit {
        if let descriptor { POSIXFile.closeFile(descriptor) }
    }

    /// Starts the rollout of a new thread under `$CODEX_HOME/sessions/YYYY/MM/DD/` (local date of
    /// `createdAt`) and writes its `session_meta` line.
    /// - Throws: `RolloutError.io` when the folders or the file cannot be created (also when it exists).
    public static func create(
        codexHome: String, meta: SessionMeta, createdAt: Date = Date()
    ) throws(RolloutError) -> RolloutWriter {
        let name = RolloutFileName(threadID: meta.id, createdAt: createdAt)
        let folder = RolloutStore(codexHome: codexHome).sessionsFolder + "/" + name.dayFolders.joined(separator: "/")
        return try create(path: folder + "/" + name.name, meta: meta, at: createdAt)
    }

    /// Starts a rollout at an explicit path (its folder is created) and writes its `session_meta` line.
    public static func create(path: String, meta: SessionMeta, at date: Date = Date()) throws(RolloutError) -> RolloutWriter {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try POSIXFile.makeDirectories(String(path[..<slash]))
        }
        let mode = meta.historyMode
        let line = try encodedLine(.sessionMeta(meta), ordinal: mode == .paginated ? 0 : nil, at: date)
        let descriptor = try POSIXFile.openFile(path, flags: O_WRONLY | O_CREAT | O_EXCL | O_APPEND, mode: 0o666)
        let writer = RolloutWriter(
            path: path, threadID: meta.id, mode: mode, descriptor: descriptor, folderNeedsSync: true, nextOrdinal: 1)
        try POSIXFile.writeAll(descriptor, line, path: path)
        return writer
    }

    /// Reopens an existing rollout to append to it (resume): no second `session_meta` is written.
    /// If the file ends in a torn line (a crash mid-write), a newline is added so the next record
    /// starts on a line of its own.
    /// The file's mode comes from its `session_meta`; in a paginated file the ordinals continue from
    /// the last line that has one.
    public static func resume(path: String, threadID: ThreadID) throws(RolloutError) -> RolloutWriter {
        let position = try RolloutAppendPosition.find(path: path)
        let descriptor = try POSIXFile.openFile(path, flags: O_WRONLY | O_APPEND)
        let writer = RolloutWriter(
            path: path, threadID: threadID, mode: position.mode, descriptor: descriptor, folderNeedsSync: false,
            nextOrdinal: position.nextOrdinal)
        if let last = try POSIXFile.lastByte(path), last != UInt8(ascii: "\n") {
            try POSIXFile.writeAll(descriptor, [UInt8(ascii: "\n")], path: path)
        }
        return writer
    }

    /// Appends one record, as one line (or none: a record the file's format does not carry).
    /// - Throws: the write's `RolloutError`; after a failure, that same error for every later call.
    public func append(_ item: RolloutItem, at date: Date = Date()) throws(RolloutError) {
        if let failure { throw failure }
        guard let descriptor else { throw .writerClosed(path: path) }
        for record in item.records(for: mode) {
            let line = try Self.encodedLine(record, ordinal: mode == .paginated ? nextOrdinal : nil, at: date)
            try write(line, to: descriptor)
            if mode == .paginated { nextOrdinal += 1 }
        }
    }

    /// One write of a whole line; on failure the file is cut back to its size before the write.
    private func write(_ line: [UInt8], to descriptor: Int32) throws(RolloutError) {
        do throws(RolloutError) {
            let before = try POSIXFile.size(descriptor, path: path)
            do throws(RolloutError) {
                try POSIXFile.writeAll(descriptor, line, path: path)
            } catch {
                // Best effort: the write's error is the one reported, whether or not the cut works.
                try? POSIXFile.truncate(descriptor, to: before, path: path)
                throw error
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Appends records in order, one write(2) per line.
    public func append(contentsOf items: [RolloutItem], at date: Date = Date()) throws(RolloutError) {
        for item in items { try append(item, at: date) }
    }

    /// Makes everything written so far durable (fsync of the file, and of its folder once for a new file).
    public func flush() throws(RolloutError) {
        if let failure { throw failure }
        guard let descriptor else { throw .writerClosed(path: path) }
        do {
            try POSIXFile.sync(descriptor, path: path)
        } catch {
            failure = error
            throw error
        }
        if folderNeedsSync, let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try POSIXFile.fsyncDirectory(String(path[..<slash]))
            folderNeedsSync = false
        }
    }

    /// Flushes and closes the file; later appends fail with `RolloutError.writerClosed`.
    public func close() throws(RolloutError) {
        guard let descriptor else { return }
        defer {
            POSIXFile.closeFile(descriptor)
            self.descriptor = nil
        }
        try flush()
    }

    private static func encodedLine(_ item: RolloutItem, ordinal: Int64?, at date: Date) throws(RolloutError) -> [UInt8] {
        let line = RolloutLine(timestamp: RolloutClock.lineTimestamp(date), ordinal: ordinal, item: item)
        do {
            var bytes = Array(try line.serialized().utf8)
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        } catch {
            throw .unencodableRecord(reason: error.description)
        }
    }
}
