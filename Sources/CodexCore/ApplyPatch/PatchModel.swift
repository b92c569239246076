/// A parsed apply_patch text: the file operations in the order they appear.
public struct ParsedPatch: Sendable, Equatable {
    /// The file operations, in patch order.
    public var hunks: [PatchHunk]
    /// The patch text between (and including) the Begin/End markers, lines joined with `\n`;
    /// a heredoc wrapper the parser stripped is not part of it.
    public var text: String

    public init(hunks: [PatchHunk], text: String) {
        self.hunks = hunks
        self.text = text
    }
}

/// One file operation of a patch; paths are exactly as written in the patch.
public enum PatchHunk: Sendable, Equatable {
    /// `*** Add File: path` followed by `+` lines; `contents` has a `\n` after every line.
    case add(path: String, contents: String)
    /// `*** Delete File: path`.
    case delete(path: String)
    /// `*** Update File: path`, optionally `*** Move to: movePath`, then change chunks.
    case update(path: String, movePath: String?, chunks: [PatchUpdateChunk])

    /// The path the hunk names first (the source for a move).
    public var path: String {
        switch self {
        case .add(let path, _), .delete(let path), .update(let path, _, _): path
        }
    }
}

/// One `@@` chunk of an update: lines to find (`oldLines`) and what replaces them (`newLines`).
public struct PatchUpdateChunk: Sendable, Equatable {
    /// The text after `@@ `: one line that must occur before `oldLines` (often a function header).
    public var changeContext: String?
    /// Context and removed lines, in order: what must be found in the file.
    public var oldLines: [String]
    /// Context and added lines, in order: what replaces `oldLines`.
    public var newLines: [String]
    /// Set by `*** End of File`: `oldLines` must sit at the very end of the file.
    public var isEndOfFile: Bool

    public init(changeContext: String? = nil, oldLines: [String], newLines: [String], isEndOfFile: Bool = false) {
        self.changeContext = changeContext
        self.oldLines = oldLines
        self.newLines = newLines
        self.isEndOfFile = isEndOfFile
    }
}
