import CodexBasics
import FoundationEssentials

/// One file sent with a feedback report: its name as Sentry shows it, MIME type and contents.
struct FeedbackAttachment: Sendable, Hashable {
    var filename: String
    var contentType: String?
    var bytes: [UInt8]

    /// Largest file read whole (the reference's decoded-envelope bound); longer files send their first bytes.
    static let maximumFileBytes = 200 * 1024 * 1024

    /// Reads a regular file (at most `maximumFileBytes` of it); nil when it is missing, not a regular
    /// file or unreadable (such files are skipped, as the reference skips them). The name is
    /// `filename`, else the file's last path component.
    static func read(path: String, filename: String? = nil) -> FeedbackAttachment? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let bytes = try? FileDescriptorIO.readFile(atPath: path, limit: maximumFileBytes)
        else { return nil }
        let name = filename ?? (path.split(separator: "/").last.map(String.init) ?? "extra-log.log")
        return FeedbackAttachment(filename: name, contentType: contentType(of: name), bytes: bytes)
    }

    /// The MIME type by extension: JSONL is `text/plain` (as the reference sends rollouts), else a
    /// small table of the types logs come in, else `application/octet-stream`.
    static func contentType(of filename: String) -> String {
        guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return "application/octet-stream" }
        switch filename[filename.index(after: dot)...].lowercased() {
        case "jsonl", "log", "txt", "text", "out", "err": return "text/plain"
        case "json": return "application/json"
        case "csv": return "text/csv"
        case "html", "htm": return "text/html"
        case "xml": return "text/xml"
        case "md", "markdown": return "text/markdown"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gz": return "application/gzip"
        case "zip": return "application/zip"
        case "tar": return "application/x-tar"
        default: return "application/octet-stream"
        }
    }
}
