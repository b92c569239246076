public import CodexProtocol

/// Options that change how a patch is applied.
public struct ApplyPatchOptions: Sendable, Equatable {
    /// Keep `\r\n` line breaks in updated files that use them throughout (`--preserve-crlf`).
    public var preserveCRLF: Bool

    public init(preserveCRLF: Bool = false) {
        self.preserveCRLF = preserveCRLF
    }
}

/// What a patch does to one file: the data behind approval previews, `fileChange` items and
/// `patch_apply_begin` events.
public struct PatchFileChange: Sendable, Equatable {
    /// The kind of change; a move is an update with a destination.
    public enum Kind: Sendable, Equatable {
        case add
        case delete
        /// `movePath` is the resolved (absolute) destination of a `*** Move to:`.
        case update(movePath: String?)
    }

    /// The resolved absolute path (the source for a move).
    public var path: String
    /// The path exactly as the patch wrote it.
    public var pathInPatch: String
    public var kind: Kind
    /// The move destination as the patch wrote it.
    public var movePathInPatch: String?
    /// The text before the change (nil for an add).
    public var oldContent: String?
    /// The text after the change (nil for a delete).
    public var newContent: String?
    /// A unified diff (one line of context, no `---`/`+++` header) from old to new text;
    /// for an add it is against an empty file, for a delete towards one.
    public var unifiedDiff: String

    public init(
        path: String, pathInPatch: String, kind: Kind, movePathInPatch: String? = nil,
        oldContent: String?, newContent: String?, unifiedDiff: String
    ) {
        self.path = path
        self.pathInPatch = pathInPatch
        self.kind = kind
        self.movePathInPatch = movePathInPatch
        self.oldContent = oldContent
        self.newContent = newContent
        self.unifiedDiff = unifiedDiff
    }

    /// The diff a `fileChange` turn item shows: the new content for an add, the old content for
    /// a delete, the unified diff for an update (as the reference shows it).
    public var itemDiff: String {
        switch kind {
        case .add: newContent ?? ""
        case .delete: oldContent ?? ""
        case .update: unifiedDiff
        }
    }

    /// The core protocol's `FileChange` value (`{"type":"add","content"}`, `{"type":"delete","content"}`,
    /// `{"type":"update","unified_diff","move_path"}`), keyed by `path` in `patch_apply_begin`.
    public var protocolJSON: JSONValue {
        switch kind {
        case .add: ["type": "add", "content": .string(newContent ?? "")]
        case .delete: ["type": "delete", "content": .string(oldContent ?? "")]
        case .update(let movePath):
            ["type": "update", "unified_diff": .string(unifiedDiff), "move_path": movePath.map(JSONValue.string) ?? .null]
        }
    }
}

extension FileChange {
    /// The turn item's view of one patch change.
    public init(_ change: PatchFileChange) {
        let kind: Kind
        switch change.kind {
        case .add: kind = .add
        case .delete: kind = .delete
        case .update(let movePath): kind = .update(movePath: movePath)
        }
        self.init(path: change.path, kind: kind, diff: change.itemDiff)
    }
}

/// A patch that parsed and whose every hunk matched: the changes it would make, nothing written.
public struct VerifiedPatch: Sendable, Equatable {
    /// The parsed patch.
    public var patch: ParsedPatch
    /// The folder relative paths were resolved against.
    public var cwd: String
    /// One entry per hunk, in patch order.
    public var changes: [PatchFileChange]
    /// Paths as written, grouped like the success summary.
    public var added: [String]
    public var modified: [String]
    public var deleted: [String]

    /// Whether the patch has no hunks (applying it fails with "No files were modified.").
    public var isEmpty: Bool { changes.isEmpty }

    /// `Success. Updated the following files:` then `A`, `M`, `D` lines, exactly as the reference prints.
    public var summary: String {
        var text = "Success. Updated the following files:\n"
        for path in added { text += "A \(path)\n" }
        for path in modified { text += "M \(path)\n" }
        for path in deleted { text += "D \(path)\n" }
        return text
    }

    /// The file writes, in order (internal: the applier's plan).
    var operations: [PlannedFileOperation] = []
}

/// The outcome of applying a patch.
public struct PatchApplyResult: Sendable, Equatable {
    /// One entry per hunk, in patch order.
    public var changes: [PatchFileChange]
    /// The success text printed on stdout (ends with a newline).
    public var summary: String
}

/// One file system step of an apply, with the error context the reference uses.
enum PlannedFileOperation: Sendable, Equatable {
    /// Create `path`'s parents, then write it atomically (`mode` nil: keep an existing file's mode).
    case write(path: String, bytes: [UInt8], mode: UInt32?)
    /// Unlink `path`; `errorContext` is e.g. "Failed to delete file P".
    case remove(path: String, errorContext: String)
}
