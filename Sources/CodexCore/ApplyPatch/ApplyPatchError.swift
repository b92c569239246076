/// Why a patch could not be verified or applied; `description` is the reference's wording.
public enum ApplyPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The patch text is malformed.
    case parse(PatchParseError)
    /// The patch has no hunks.
    case noFilesModified
    /// An `@@ CTX` line was not found after the previous chunk.
    case contextNotFound(context: String, path: String)
    /// A chunk's old lines were not found; `expectedLines` are the chunk's old lines.
    case expectedLinesNotFound(path: String, expectedLines: [String])
    /// A file system step failed: `context` says which (`Failed to read file to update P`), `reason`
    /// is the OS error as the reference prints it (`No such file or directory (os error 2)`).
    case fileSystem(context: String, reason: String)

    /// The text the standalone tool prints on stderr.
    public var description: String {
        switch self {
        case .parse(let error): error.description
        case .noFilesModified: "No files were modified."
        case .contextNotFound(let context, let path): "Failed to find context '\(context)' in \(path)"
        case .expectedLinesNotFound(let path, let lines):
            "Failed to find expected lines in \(path):\n" + lines.joined(separator: "\n")
        case .fileSystem(let context, let reason): "\(context): \(reason)"
        }
    }

    /// The text for "apply_patch verification failed: …" messages returned to the model.
    public var verificationText: String {
        switch self {
        case .parse(let error): error.verificationText
        default: description
        }
    }
}
