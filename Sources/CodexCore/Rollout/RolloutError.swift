/// A rollout could not be written, read, found or moved.
public enum RolloutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed on a path.
    case io(operation: String, path: String, errno: Int32)
    /// The file is not a usable rollout (e.g. it has no `session_meta` line).
    case malformedRollout(path: String, reason: String)
    /// A record could not be turned into JSON.
    case unencodableRecord(reason: String)
    case threadNotFound(ThreadID)
    case archivedThreadNotFound(ThreadID)
    /// A listing cursor that this store did not hand out.
    case invalidCursor(String)
    /// The writer was closed before this call.
    case writerClosed(path: String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code):
            return "could not \(operation) \(path): \(POSIXFile.message(forErrno: code))"
        case .malformedRollout(let path, let reason): return "\(path): \(reason)"
        case .unencodableRecord(let reason): return "rollout record could not be written: \(reason)"
        case .threadNotFound(let id): return "no rollout found for thread id \(id)"
        case .archivedThreadNotFound(let id): return "no archived rollout found for thread id \(id)"
        case .invalidCursor(let cursor): return "invalid cursor: \(cursor)"
        case .writerClosed(let path): return "rollout writer for \(path) is already closed"
        }
    }
}
