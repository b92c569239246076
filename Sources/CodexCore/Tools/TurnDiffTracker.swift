/// Collects the files one turn changed through apply_patch and renders the turn's aggregated
/// git-style unified diff (first version seen in the turn against the current one).
///
/// A move shows as a deletion of the source and an addition of the destination.
struct TurnDiffTracker: Sendable {
    /// A file's content at one point, or its absence.
    enum FileState: Sendable, Equatable {
        case missing
        case text(String)

        var text: String {
            switch self {
            case .missing: ""
            case .text(let text): text
            }
        }
    }

    /// A file's state under its absolute path.
    struct FileSnapshot: Sendable, Equatable {
        var path: String
        var state: FileState
    }

    /// Paths are shown relative to this folder when they lie beneath it.
    let displayRoot: String
    private var order: [String] = []
    private var baselines: [String: FileState] = [:]
    private var currents: [String: FileState] = [:]

    init(displayRoot: String) {
        self.displayRoot = displayRoot
    }

    /// Remembers the state of `path` before the turn first changed it (later calls for the same
    /// path are ignored).
    mutating func recordBaseline(_ path: String, _ state: FileState) {
        guard baselines[path] == nil else { return }
        baselines[path] = state
        order.append(path)
    }

    /// Records the state of `path` after a change.
    mutating func recordCurrent(_ path: String, _ state: FileState) {
        if baselines[path] == nil { recordBaseline(path, .missing) }
        currents[path] = state
    }

    /// Records what an applied patch did, given each touched file's state before it ran.
    mutating func record(changes: [PatchFileChange], before: [FileSnapshot]) {
        for snapshot in before { recordBaseline(snapshot.path, snapshot.state) }
        for change in changes {
            switch change.kind {
            case .add:
                recordCurrent(change.path, .text(change.newContent ?? ""))
            case .delete:
                recordCurrent(change.path, .missing)
            case .update(let movePath):
                if let movePath, movePath != change.path {
                    recordCurrent(change.path, .missing)
                    recordCurrent(movePath, .text(change.newContent ?? ""))
                } else {
                    recordCurrent(change.path, .text(change.newContent ?? ""))
                }
            }
        }
    }

    /// The aggregated diff, files in the order the turn first touched them; unchanged files are left out.
    var unifiedDiff: String {
        var out = ""
        for path in order {
            guard let baseline = baselines[path], let current = currents[path], baseline != current else { continue }
            let name = displayName(path)
            var header = "diff --git a/\(name) b/\(name)\n"
            let labels: (old: String, new: String)
            switch (baseline, current) {
            case (.missing, _):
                header += "new file mode 100644\n"
                labels = ("/dev/null", "b/\(name)")
            case (_, .missing):
                header += "deleted file mode 100644\n"
                labels = ("a/\(name)", "/dev/null")
            default:
                labels = ("a/\(name)", "b/\(name)")
            }
            let body = UnifiedDiff.make(from: baseline.text, to: current.text, contextLines: 3, header: labels)
            out += header + (body.isEmpty ? "--- \(labels.old)\n+++ \(labels.new)\n" : body)
        }
        return out
    }

    private func displayName(_ path: String) -> String {
        let root = displayRoot.hasSuffix("/") ? String(displayRoot.dropLast()) : displayRoot
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        return path.hasPrefix("/") ? String(path.dropFirst()) : path
    }
}
