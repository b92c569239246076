public import CodexConfig
public import FoundationEssentials

/// The rollouts under one CODEX_HOME: listing, lookup by id, archive and unarchive.
///
/// Active rollouts live in `sessions/YYYY/MM/DD/`, archived ones in the flat `archived_sessions/`,
/// both under their original file name. Listing opens only the head of each file.
public struct RolloutStore: Sendable {
    public let codexHome: String

    public init(codexHome: String) {
        self.codexHome = codexHome.count > 1 && codexHome.hasSuffix("/") ? String(codexHome.dropLast()) : codexHome
    }

    public init(home: CodexHome) {
        self.init(codexHome: home.path)
    }

    /// `$CODEX_HOME/sessions`.
    public var sessionsFolder: String { codexHome + "/sessions" }
    /// `$CODEX_HOME/archived_sessions`.
    public var archivedFolder: String { codexHome + "/archived_sessions" }

    // MARK: Listing

    /// One page of threads, newest first. A file counts as a thread when its head has a readable
    /// `session_meta` whose id matches the file name and at least one user message.
    /// - Throws: `RolloutError.invalidCursor` for a cursor this store did not produce.
    public func listThreads(_ query: ThreadListQuery) throws(RolloutError) -> ThreadListPage {
        var after: ThreadListCursor?
        if let text = query.cursor {
            guard let cursor = ThreadListCursor(parsing: text, sortKey: query.sortKey) else { throw .invalidCursor(text) }
            after = cursor
        }
        let pageSize = max(query.pageSize, 1)
        var candidates = candidateFiles(archived: query.archived)
        var keyed: [(cursor: ThreadListCursor, file: CandidateFile)]
        switch query.sortKey {
        case .createdAt:
            candidates.sort { $0.name > $1.name }
            keyed = candidates.map { (ThreadListCursor(key: .stamp($0.name.stamp), threadID: $0.name.threadID), $0) }
        case .updatedAt:
            keyed = candidates.compactMap { file in
                guard let milliseconds = POSIXFile.modificationMilliseconds(file.path) else { return nil }
                return (ThreadListCursor(key: .milliseconds(milliseconds), threadID: file.name.threadID), file)
            }
            keyed.sort { $0.cursor.isNewer(than: $1.cursor) }
        }
        if let after { keyed.removeAll { !after.isNewer(than: $0.cursor) } }

        var page = ThreadListPage(threads: [], nextCursor: nil, reachedScanCap: false)
        var scanned = 0
        for (position, entry) in keyed.enumerated() {
            if scanned >= max(query.scanCap, 1) {
                page.reachedScanCap = true
                page.nextCursor = keyed[position - 1].cursor.text
                break
            }
            scanned += 1
            guard let summary = summary(of: entry.file, archived: query.archived), query.accepts(summary) else { continue }
            page.threads.append(summary)
            if page.threads.count == pageSize {
                if position + 1 < keyed.count { page.nextCursor = entry.cursor.text }
                break
            }
        }
        return page
    }

    /// The listing entry for one rollout file, nil when it is not a listable thread.
    public func summary(ofRolloutAt path: String) -> ThreadSummary? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let parsed = RolloutFileName(parsing: name) else { return nil }
        return summary(of: CandidateFile(name: parsed, path: path), archived: path.hasPrefix(archivedFolder + "/"))
    }

    // MARK: Lookup

    /// The active (non-archived) rollout of a thread, nil when there is none.
    public func rolloutPath(for id: ThreadID) -> String? {
        if let created = id.creationDate {
            // Look in the folders of the id's local day (and its neighbours) before walking everything.
            for offset in [0.0, -86_400, 86_400] {
                let folder = sessionsFolder + "/" + RolloutClock.dayFolders(created.addingTimeInterval(offset)).joined(separator: "/")
                if let path = find(id, inFolder: folder) { return path }
            }
        }
        for folder in dayFolders() {
            if let path = find(id, inFolder: folder) { return path }
        }
        return nil
    }

    /// The archived rollout of a thread, nil when there is none.
    public func archivedRolloutPath(for id: ThreadID) -> String? {
        find(id, inFolder: archivedFolder)
    }

    /// The path a new rollout gets: `sessions/YYYY/MM/DD/rollout-<stamp>-<id>.jsonl` in local time.
    public func newRolloutPath(for id: ThreadID, createdAt: Date) -> String {
        let name = RolloutFileName(threadID: id, createdAt: createdAt)
        return sessionsFolder + "/" + name.dayFolders.joined(separator: "/") + "/" + name.name
    }

    // MARK: Archive

    /// Moves a thread's rollout into `archived_sessions/` under the same name; returns the new path.
    /// - Throws: `RolloutError.threadNotFound`, or `.io` when the move fails.
    @discardableResult
    public func archive(_ id: ThreadID) throws(RolloutError) -> String {
        guard let source = rolloutPath(for: id) else { throw .threadNotFound(id) }
        let name = source.split(separator: "/").last.map(String.init) ?? ""
        try POSIXFile.makeDirectories(archivedFolder)
        let destination = archivedFolder + "/" + name
        try POSIXFile.move(source, to: destination)
        return destination
    }

    /// Moves an archived rollout back into its dated folder (from its file name) and bumps its
    /// modification time; returns the new path.
    /// - Throws: `RolloutError.archivedThreadNotFound`, or `.io` when the move fails.
    @discardableResult
    public func unarchive(_ id: ThreadID) throws(RolloutError) -> String {
        guard let source = archivedRolloutPath(for: id) else { throw .archivedThreadNotFound(id) }
        let fileName = source.split(separator: "/").last.map(String.init) ?? ""
        guard let name = RolloutFileName(parsing: fileName) else { throw .archivedThreadNotFound(id) }
        let folder = sessionsFolder + "/" + name.dayFolders.joined(separator: "/")
        try POSIXFile.makeDirectories(folder)
        let destination = folder + "/" + name.name
        try POSIXFile.move(source, to: destination)
        try POSIXFile.touch(destination)
        return destination
    }

    // MARK: Internals

    struct CandidateFile: Sendable {
        let name: RolloutFileName
        let path: String
    }

    /// `sessions/YYYY/MM/DD` folders, newest first (only all-digit names of the right length).
    func dayFolders() -> [String] {
        var folders: [String] = []
        for year in Self.numbered(POSIXFile.entries(sessionsFolder), width: 4) {
            let yearPath = sessionsFolder + "/" + year
            for month in Self.numbered(POSIXFile.entries(yearPath), width: 2) {
                let monthPath = yearPath + "/" + month
                for day in Self.numbered(POSIXFile.entries(monthPath), width: 2) {
                    folders.append(monthPath + "/" + day)
                }
            }
        }
        return folders
    }

    private func candidateFiles(archived: Bool) -> [CandidateFile] {
        let folders = archived ? [archivedFolder] : dayFolders()
        var files: [CandidateFile] = []
        for folder in folders {
            for entry in POSIXFile.entries(folder) {
                if let name = RolloutFileName(parsing: entry) { files.append(CandidateFile(name: name, path: folder + "/" + entry)) }
            }
        }
        return files
    }

    private func find(_ id: ThreadID, inFolder folder: String) -> String? {
        let suffix = "-\(id.rawValue).jsonl"
        for entry in POSIXFile.entries(folder) where entry.hasSuffix(suffix) {
            if RolloutFileName(parsing: entry)?.threadID == id { return folder + "/" + entry }
        }
        return nil
    }

    private func summary(of file: CandidateFile, archived: Bool) -> ThreadSummary? {
        guard let head = RolloutHeadScanner.scan(path: file.path), let meta = head.meta, meta.id == file.name.threadID,
            let preview = head.firstUserMessage
        else { return nil }
        let created = RolloutClock.parseLineTimestamp(meta.timestamp) ?? file.name.createdAt
        let createdAt = created.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? 0
        let updatedMilliseconds = POSIXFile.modificationMilliseconds(file.path) ?? createdAt * 1000
        return ThreadSummary(
            id: meta.id, path: file.path, preview: preview, createdAt: createdAt,
            updatedAt: updatedMilliseconds / 1000, cwd: meta.cwd, modelProvider: meta.modelProvider,
            cliVersion: meta.cliVersion, source: meta.source, originator: meta.originator,
            forkedFromID: meta.forkedFromID, git: meta.git, archived: archived)
    }

    private static func numbered(_ names: [String], width: Int) -> [String] {
        names.filter { $0.utf8.count == width && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }.sorted(by: >)
    }
}
