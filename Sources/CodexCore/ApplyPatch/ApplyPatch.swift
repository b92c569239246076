/// Parse, verify and apply apply_patch texts against a folder.
///
/// Every hunk is checked and every new file text computed before anything is written (later hunks
/// see earlier ones' results), so a patch with one bad hunk leaves every file untouched. Writes
/// are atomic per file (temporary file + rename, mode kept).
public enum ApplyPatch {
    /// Parses a patch (lenient, like the reference).
    public static func parse(_ text: String) throws(ApplyPatchError) -> ParsedPatch {
        do {
            return try PatchParser.parse(text)
        } catch {
            throw .parse(error)
        }
    }

    /// Parses and matches a patch against the files under `cwd` without writing anything
    /// (for approval previews and `patch_apply_begin`).
    public static func verify(
        _ text: String, cwd: String, options: ApplyPatchOptions = ApplyPatchOptions()
    ) throws(ApplyPatchError) -> VerifiedPatch {
        try verify(parse(text), cwd: cwd, options: options)
    }

    /// Matches an already parsed patch against the files under `cwd`; nothing is written.
    public static func verify(
        _ patch: ParsedPatch, cwd: String, options: ApplyPatchOptions = ApplyPatchOptions()
    ) throws(ApplyPatchError) -> VerifiedPatch {
        var planner = PatchPlanner(cwd: cwd, options: options)
        for hunk in patch.hunks {
            try planner.plan(hunk)
        }
        var verified = VerifiedPatch(
            patch: patch, cwd: cwd, changes: planner.changes,
            added: planner.added, modified: planner.modified, deleted: planner.deleted)
        verified.operations = planner.operations
        return verified
    }

    /// Verifies, then writes: adds and updates atomically, deletes, moves.
    ///
    /// - Throws: `.noFilesModified` for a patch without hunks; parse and matching errors before
    ///   anything is written; a `.fileSystem` error if a write fails midway (earlier files of
    ///   the patch stay written, as with the reference).
    public static func apply(
        _ text: String, cwd: String, options: ApplyPatchOptions = ApplyPatchOptions()
    ) throws(ApplyPatchError) -> PatchApplyResult {
        try apply(parse(text), cwd: cwd, options: options)
    }

    /// Verifies and writes an already parsed patch.
    public static func apply(
        _ patch: ParsedPatch, cwd: String, options: ApplyPatchOptions = ApplyPatchOptions()
    ) throws(ApplyPatchError) -> PatchApplyResult {
        guard !patch.hunks.isEmpty else { throw .noFilesModified }
        let verified = try verify(patch, cwd: cwd, options: options)
        for operation in verified.operations {
            try perform(operation)
        }
        return PatchApplyResult(changes: verified.changes, summary: verified.summary)
    }

    /// Joins a patch path to `cwd` (absolute paths stay as they are) and removes `.` and `..`
    /// components lexically.
    public static func resolve(_ path: String, against cwd: String) -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        var components: [Substring] = []
        for component in joined.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    private static func perform(_ operation: PlannedFileOperation) throws(ApplyPatchError) {
        switch operation {
        case .write(let path, let bytes, let mode):
            let parent = PatchFileSystem.parentDirectory(of: path)
            if !parent.isEmpty {
                do {
                    try PatchFileSystem.createDirectories(parent)
                } catch {
                    throw .fileSystem(context: "Failed to create parent directories for \(path)", reason: error.reason)
                }
            }
            do {
                try PatchFileSystem.writeAtomically(bytes, to: path, mode: mode)
            } catch {
                throw .fileSystem(context: "Failed to write file \(path)", reason: error.reason)
            }
        case .remove(let path, let errorContext):
            do {
                try PatchFileSystem.removeFile(path)
            } catch {
                throw .fileSystem(context: errorContext, reason: error.reason)
            }
        }
    }
}

/// Works out every hunk's effect on a virtual view of the folder (disk plus the patch's own
/// earlier changes), collecting the writes to perform.
struct PatchPlanner {
    private enum Overlay {
        case file([UInt8])
        case removed
    }

    let cwd: String
    let options: ApplyPatchOptions
    private var overlay: [String: Overlay] = [:]
    private(set) var operations: [PlannedFileOperation] = []
    private(set) var changes: [PatchFileChange] = []
    private(set) var added: [String] = []
    private(set) var modified: [String] = []
    private(set) var deleted: [String] = []

    init(cwd: String, options: ApplyPatchOptions) {
        self.cwd = cwd
        self.options = options
    }

    mutating func plan(_ hunk: PatchHunk) throws(ApplyPatchError) {
        switch hunk {
        case .add(let pathInPatch, let contents):
            let path = ApplyPatch.resolve(pathInPatch, against: cwd)
            try checkWritable(path)
            let bytes = Array(contents.utf8)
            operations.append(.write(path: path, bytes: bytes, mode: nil))
            overlay[path] = .file(bytes)
            changes.append(PatchFileChange(
                path: path, pathInPatch: pathInPatch, kind: .add, oldContent: nil, newContent: contents,
                unifiedDiff: UnifiedDiff.make(from: "", to: contents)))
            added.append(pathInPatch)

        case .delete(let pathInPatch):
            let path = ApplyPatch.resolve(pathInPatch, against: cwd)
            let bytes: [UInt8]
            do {
                bytes = try currentBytes(path, forDelete: true)
            } catch {
                let context = error == .notFound || error == .isDirectory
                    ? "Failed to delete file \(path)" : "Failed to read \(path)"
                throw .fileSystem(context: context, reason: error.reason)
            }
            let old = String(decoding: bytes, as: UTF8.self)
            operations.append(.remove(path: path, errorContext: "Failed to delete file \(path)"))
            overlay[path] = .removed
            changes.append(PatchFileChange(
                path: path, pathInPatch: pathInPatch, kind: .delete, oldContent: old, newContent: nil,
                unifiedDiff: UnifiedDiff.make(from: old, to: "")))
            deleted.append(pathInPatch)

        case .update(let pathInPatch, let movePathInPatch, let chunks):
            let path = ApplyPatch.resolve(pathInPatch, against: cwd)
            let context = "Failed to read file to update \(path)"
            let bytes: [UInt8]
            do {
                bytes = try currentBytes(path, forDelete: false)
            } catch {
                throw .fileSystem(context: context, reason: error.reason)
            }
            guard let old = String(validating: bytes, as: UTF8.self) else {
                throw .fileSystem(context: context, reason: "stream did not contain valid UTF-8")
            }
            let new = try UpdateChunkApplier.newContents(
                of: old, applying: chunks, path: path, preserveCRLF: options.preserveCRLF)
            let newBytes = Array(new.utf8)
            let destination = movePathInPatch.map { ApplyPatch.resolve($0, against: cwd) }

            if let destination, destination != path {
                try checkWritable(destination)
                var sourceMode: UInt32?
                if overlay[path] == nil, case .file(let mode) = PatchFileSystem.kind(of: path) { sourceMode = mode }
                operations.append(.write(path: destination, bytes: newBytes, mode: sourceMode))
                operations.append(.remove(path: path, errorContext: "Failed to remove original \(path)"))
                overlay[destination] = .file(newBytes)
                overlay[path] = .removed
            } else {
                operations.append(.write(path: path, bytes: newBytes, mode: nil))
                overlay[path] = .file(newBytes)
            }
            changes.append(PatchFileChange(
                path: path, pathInPatch: pathInPatch, kind: .update(movePath: destination),
                movePathInPatch: movePathInPatch, oldContent: old, newContent: new,
                unifiedDiff: UnifiedDiff.make(from: old, to: new)))
            modified.append(movePathInPatch ?? pathInPatch)
        }
    }

    /// The file's bytes as the patch has left it so far.
    private func currentBytes(_ path: String, forDelete: Bool) throws(PatchFileSystem.OSError) -> [UInt8] {
        switch overlay[path] {
        case .file(let bytes): return bytes
        case .removed: throw .notFound
        case nil:
            if forDelete, PatchFileSystem.kind(of: path) == .directory {
                throw .isDirectory
            }
            return try PatchFileSystem.readFile(path)
        }
    }

    /// Fails early for the targets the reference would fail on when writing: a folder in the
    /// way, or an ancestor that is a file.
    private func checkWritable(_ path: String) throws(ApplyPatchError) {
        if overlay[path] == nil, PatchFileSystem.kind(of: path) == .directory {
            throw .fileSystem(
                context: "Failed to write file \(path)", reason: PatchFileSystem.OSError.isDirectory.reason)
        }
        var ancestor = PatchFileSystem.parentDirectory(of: path)
        while !ancestor.isEmpty {
            let blocked: Bool
            switch overlay[ancestor] {
            case .file: blocked = true
            case .removed: blocked = false
            case nil:
                switch PatchFileSystem.kind(of: ancestor) {
                case .directory: return
                case .missing: blocked = false
                case .file, .other: blocked = true
                }
            }
            if blocked {
                throw .fileSystem(
                    context: "Failed to create parent directories for \(path)",
                    reason: PatchFileSystem.OSError.notDirectory.reason)
            }
            if ancestor == "/" { return }
            ancestor = PatchFileSystem.parentDirectory(of: ancestor)
        }
    }
}
