public import CodexConfig
import CodexCore
import CodexProtocol
public import FoundationEssentials
import Synchronization

/// Thread names set with `thread/name/set`, kept in `$CODEX_HOME/session_index.jsonl`.
///
/// One JSON object per line, `{"id": "<thread id>", "thread_name": "...", "updated_at": "<RFC 3339>"}`,
/// the layout the reference's session index uses; the last line for an id wins. Each update
/// rewrites the file atomically (temp file + rename), so a crash leaves the old or the new index,
/// never a torn line. Names live outside the rollout so archived and unloaded threads keep theirs.
public final class ThreadNameIndex: Sendable {
    /// The index file name under CODEX_HOME.
    public static let fileName = "session_index.jsonl"

    public let path: String
    private let lock = Mutex<Void>(())

    public init(codexHome: CodexHome) {
        path = codexHome.appending(Self.fileName)
    }

    /// The current name of every named thread.
    public func names() -> [String: String] {
        var names: [String: String] = [:]
        for entry in Self.entries(Self.read(path)) {
            names[entry.id] = entry.name
        }
        return names
    }

    /// The current name of one thread, nil when it has none.
    public func name(of threadID: String) -> String? { names()[threadID] }

    /// Records `name` for a thread (appends an entry and rewrites the file atomically).
    public func setName(_ name: String, for threadID: String, at date: Date = Date()) throws(AtomicFileWriteError) {
        let entry: JSONValue = [
            "id": .string(threadID), "thread_name": .string(name), "updated_at": .string(Self.timestamp(date)),
        ]
        try lock.withLock { _ throws(AtomicFileWriteError) in
            var bytes = Self.read(path)
            if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
            bytes += Array(entry.serialized().utf8)
            bytes.append(UInt8(ascii: "\n"))
            try AtomicFileWriter.write(bytes, to: path, newFileMode: 0o600)
        }
    }

    private static func read(_ path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Array(data)
    }

    /// Readable entries in file order; unreadable lines are skipped.
    private static func entries(_ bytes: [UInt8]) -> [(id: String, name: String)] {
        bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let value = try? JSONParser.parse(bytes: Array(line)), let id = value["id"]?.stringValue,
                let name = value["thread_name"]?.stringValue
            else { return nil }
            return (id, name)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        RolloutClock.lineTimestamp(date)
    }
}
