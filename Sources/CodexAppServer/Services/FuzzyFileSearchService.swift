import CodexProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fuzzyFileSearch`: ranks the files and folders under the given roots against the query.
///
/// The walk skips `.git` and other tool folders (`node_modules`, `.build`, `target`...), does not
/// follow symlinked folders, and stops after `maximumEntries` entries per request. A newer request
/// with the same `cancellationToken` makes an older one stop and answer with no files.
final class FuzzyFileSearchService: Sendable {
    static let maximumEntries = 50_000
    static let maximumResults = 50
    static let skippedFolders: Set<String> = [".git", ".hg", ".svn", "node_modules", ".build", "target", "__pycache__"]

    /// The latest generation per cancellation token.
    private let generations = Mutex<[String: Int]>([:])

    func search(_ params: AppServerV2.FuzzyFileSearchParams) throws(JSONRPCErrorObject) -> AppServerV2.FuzzyFileSearchResponse {
        let generation = params.cancellationToken.map { token in
            generations.withLock { table in
                table[token, default: 0] += 1
                return table[token, default: 0]
            }
        } ?? 0
        let token = params.cancellationToken
        let isCurrent: @Sendable () -> Bool = { self.isLatest(token: token, generation: generation) }
        let matcher = FuzzyMatcher(query: params.query)
        var results: [AppServerV2.FuzzyFileSearchResult] = []
        if !matcher.query.isEmpty {
            var walker = Walker(isCurrent: isCurrent)
            for root in params.roots {
                walker.walk(root: root) { relative, name, isFolder in
                    guard let match = matcher.match(relative) else { return }
                    results.append(
                        AppServerV2.FuzzyFileSearchResult(
                            root: root, path: relative, matchType: isFolder ? .directory : .file, fileName: name,
                            score: match.score, indices: match.indices))
                }
            }
            if !isCurrent() { results = [] }
        }
        results.sort { ($0.score, $1.path) > ($1.score, $0.path) }
        if results.count > Self.maximumResults { results.removeLast(results.count - Self.maximumResults) }
        return AppServerV2.FuzzyFileSearchResponse(files: results)
    }

    /// False once a newer request with the same cancellation token has started.
    private func isLatest(token: String?, generation: Int) -> Bool {
        guard let token else { return true }
        return generations.withLock { $0[token] == generation }
    }

    /// A depth-first directory walk with an entry budget.
    struct Walker {
        let isCurrent: @Sendable () -> Bool
        var budget = FuzzyFileSearchService.maximumEntries

        /// Calls `visit(relativePath, name, isFolder)` for each entry under `root`.
        mutating func walk(root: String, visit: (String, String, Bool) -> Void) {
            var pending: [String] = [""]
            while let relative = pending.popLast() {
                guard budget > 0, isCurrent() else { return }
                let folder = relative.isEmpty ? root : root + "/" + relative
                guard let stream = opendir(folder) else { continue }
                defer { closedir(stream) }
                var children: [String] = []
                while let entry = readdir(stream) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                    }
                    if name == "." || name == ".." { continue }
                    budget -= 1
                    if budget <= 0 { break }
                    let path = relative.isEmpty ? name : relative + "/" + name
                    let isFolder = Self.isFolder(root + "/" + path)
                    if isFolder, FuzzyFileSearchService.skippedFolders.contains(name) { continue }
                    visit(path, name, isFolder)
                    if isFolder { children.append(path) }
                }
                pending += children.sorted(by: >)
            }
        }

        /// True for a real folder (a symlink to one is not followed).
        static func isFolder(_ path: String) -> Bool {
            var info = stat()
            guard lstat(path, &info) == 0 else { return false }
            return (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR)
        }
    }
}
