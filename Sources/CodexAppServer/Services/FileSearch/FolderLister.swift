import CodexBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists one folder for `FileTreeWalker`: reads its entries, its ignore files, decides each entry and
/// records the kept ones; returns the sub-folders to list next. Reuses its buffers across folders.
struct FolderLister {
    private var names: [UInt8] = []
    private var listing: [(start: Int, length: Int, type: UInt8)] = []
    private var path: [UInt8] = []

    private static let dotGit = Array(".git".utf8)
    private static let dotIgnore = Array(".ignore".utf8)
    private static let dotGitignore = Array(".gitignore".utf8)

    mutating func list(
        _ job: FileTreeWalker.Job, into chunk: inout FileIndex.Chunk, rootFolders: [String: Int],
        globalRules: IgnoreRules?
    ) -> [FileTreeWalker.Job] {
        let folderPath = job.folder.isEmpty ? "/" : String(decoding: job.folder, as: UTF8.self)
        guard let stream = opendir(folderPath) else { return [] }
        defer { closedir(stream) }
        var folderInfo = stat()
        guard fstat(dirfd(stream), &folderInfo) == 0 else { return [] }
        let ancestors = FileTreeWalker.Ancestors(
            device: UInt64(folderInfo.st_dev), inode: UInt64(folderInfo.st_ino), parent: job.ancestors)

        names.removeAll(keepingCapacity: true)
        listing.removeAll(keepingCapacity: true)
        var hasIgnore = false
        var hasGitignore = false
        var hasGit = false
        while let entry = readdir(stream) {
            let start = names.count
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                for byte in raw {
                    if byte == 0 { break }
                    names.append(byte)
                }
            }
            let length = names.count - start
            let name = names[start...]
            if (length == 1 && name.first == UInt8(ascii: ".")) || (length == 2 && name.elementsEqual([46, 46])) {
                names.removeLast(length)
                continue
            }
            if name.elementsEqual(Self.dotGit) { hasGit = true }
            if name.elementsEqual(Self.dotIgnore) { hasIgnore = true }
            if name.elementsEqual(Self.dotGitignore) { hasGitignore = true }
            listing.append((start, length, entry.pointee.d_type))
        }
        let git = hasGit ? FileKind.of(folderPath == "/" ? "/.git" : folderPath + "/.git") : nil
        let level =
            IgnoreLevel.reading(
                folder: folderPath == "/" ? "" : folderPath, parent: job.ignore, hasIgnore: hasIgnore,
                hasGitignore: hasGitignore, git: git) ?? job.ignore

        var children: [FileTreeWalker.Job] = []
        for item in listing {
            path.removeAll(keepingCapacity: true)
            path.append(contentsOf: job.folder)
            path.append(UInt8(ascii: "/"))
            let nameStart = path.count
            path.append(contentsOf: names[item.start..<(item.start + item.length)])
            guard let isFolder = kind(of: item.type, ancestors: ancestors) else { continue }
            let ignored = path.withUnsafeBufferPointer { buffer in
                level?.isIgnored(path: buffer, nameStart: nameStart, isFolder: isFolder, global: globalRules) ?? false
            }
            if ignored { continue }
            var root = job.root
            var rootPrefix = job.rootPrefix
            if isFolder, rootFolders.count > 1, let nested = rootFolders[String(decoding: path, as: UTF8.self)] {
                // A folder that is itself a search root: it and everything below belong to that root.
                root = nested
                rootPrefix = path.count + 1
            }
            path.withUnsafeBufferPointer { buffer in
                let relativeStart = min(rootPrefix, buffer.count)
                let relative = UnsafeBufferPointer(rebasing: buffer[relativeStart...])
                chunk.append(
                    relativePath: relative, nameOffset: max(nameStart - relativeStart, 0), root: root,
                    isFolder: isFolder)
            }
            if isFolder {
                children.append(
                    FileTreeWalker.Job(
                        folder: path, root: root, rootPrefix: rootPrefix, ignore: level, ancestors: ancestors))
            }
        }
        return children
    }

    /// Whether the entry at `path` is a folder (links followed); nil to leave it out (a dangling link,
    /// or a link back to a folder on the current path).
    private func kind(of type: UInt8, ancestors: FileTreeWalker.Ancestors) -> Bool? {
        switch Int32(type) {
        case Int32(DT_DIR): return true
        case Int32(DT_REG): return false
        case Int32(DT_LNK), Int32(DT_UNKNOWN):
            var info = stat()
            let found = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars -> Bool in
                    var terminated = Array(chars)
                    terminated.append(0)
                    return stat(terminated, &info) == 0
                }
            }
            guard found else { return nil }
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return false }
            if Int32(type) == Int32(DT_LNK),
                ancestors.contains(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            {
                return nil
            }
            return true
        default: return false
        }
    }
}
