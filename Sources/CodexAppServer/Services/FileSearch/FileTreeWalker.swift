import CodexBasics
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks search roots in parallel into a `FileIndex`, with the reference's rules: hidden files and
/// `.git` are included, ignore files are honoured (see `IgnoreLevel`), symlinks are followed (a link
/// back to a folder on its own path is skipped), dangling links are left out, and a root's own folder
/// is an entry with the empty path. Nothing is capped: a walk lists the whole tree or, when
/// cancelled, nothing.
struct FileTreeWalker: Sendable {
    let roots: [String]
    let globalRules: IgnoreRules?
    let workers: Int

    init(roots: [String], globalRules: IgnoreRules?, workers: Int = FileTreeWalker.defaultWorkers) {
        self.roots = roots
        self.globalRules = globalRules
        self.workers = max(1, workers)
    }

    /// One per core, at most 12 (the reference's thread cap).
    static var defaultWorkers: Int { min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 12) }

    /// The chain of folder identities from the root down, to spot symlink loops.
    final class Ancestors: Sendable {
        let device: UInt64
        let inode: UInt64
        let parent: Ancestors?

        init(device: UInt64, inode: UInt64, parent: Ancestors?) {
            self.device = device
            self.inode = inode
            self.parent = parent
        }

        func contains(device: UInt64, inode: UInt64) -> Bool {
            var node: Ancestors? = self
            while let current = node {
                if current.device == device && current.inode == inode { return true }
                node = current.parent
            }
            return false
        }
    }

    /// A folder to list.
    struct Job: Sendable {
        /// Absolute path without a trailing slash; "" is `/`.
        var folder: [UInt8]
        var root: Int
        /// Bytes of a child's path that precede its path relative to `root`.
        var rootPrefix: Int
        var ignore: IgnoreLevel?
        var ancestors: Ancestors?
    }

    /// Folders waiting to be listed, shared by the workers.
    private final class Queue: Sendable {
        struct State {
            var jobs: [Job] = []
            var active = 0
            var stopped = false
            /// Workers with nothing to list, suspended until folders arrive or the walk ends.
            var idle: [CheckedContinuation<Void, Never>] = []

            /// The idle workers to wake now: one a waiting folder, or all when the walk is over.
            mutating func wakeable() -> [CheckedContinuation<Void, Never>] {
                let count = stopped || (active == 0 && jobs.isEmpty) ? idle.count : min(jobs.count, idle.count)
                defer { idle.removeFirst(count) }
                return Array(idle.prefix(count))
            }
        }

        /// What a worker does next.
        enum Next {
            case list(Job)
            case wait
            case finish
        }

        let state = Mutex(State())
    }

    /// Walks every root; nil when `isCancelled` turned true before the walk finished.
    func walk(isCancelled: @escaping @Sendable () -> Bool) async -> FileIndex? {
        let queue = Queue()
        var rootEntries = FileIndex.Chunk()
        var rootFolders: [String: Int] = [:]
        for (index, root) in roots.enumerated() {
            let absolute = root.hasPrefix("/") ? root : Self.currentDirectory() + "/" + root
            let folder = Self.normalized(absolute)
            let path = folder.isEmpty ? "/" : String(decoding: folder, as: UTF8.self)
            guard FileKind.of(path) == .directory else { continue }
            if rootFolders[path] == nil { rootFolders[path] = index }
            [UInt8]().withUnsafeBufferPointer { empty in
                rootEntries.append(relativePath: empty, nameOffset: 0, root: rootFolders[path] ?? index, isFolder: true)
            }
            let job = Job(
                folder: folder, root: rootFolders[path] ?? index, rootPrefix: folder.count + 1, ignore: IgnoreLevel.chain(above: path),
                ancestors: nil)
            queue.state.withLock { $0.jobs.append(job) }
        }
        let folders = rootFolders
        let chunks = await withTaskGroup(of: FileIndex.Chunk.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    await self.work(queue: queue, rootFolders: folders, isCancelled: isCancelled)
                }
            }
            var chunks: [FileIndex.Chunk] = [rootEntries]
            for await chunk in group { chunks.append(chunk) }
            return chunks
        }
        if isCancelled() || queue.state.withLock({ $0.stopped }) { return nil }
        return FileIndex(roots: roots, chunks: chunks)
    }

    private func work(
        queue: Queue, rootFolders: [String: Int], isCancelled: @Sendable () -> Bool
    ) async -> FileIndex.Chunk {
        var chunk = FileIndex.Chunk()
        var lister = FolderLister()
        while true {
            if isCancelled() || Task.isCancelled {
                let waiting = queue.state.withLock { state in
                    state.stopped = true
                    return state.wakeable()
                }
                for worker in waiting { worker.resume() }
                return chunk
            }
            let next = queue.state.withLock { state -> Queue.Next in
                if state.stopped { return .finish }
                if let job = state.jobs.popLast() {
                    state.active += 1
                    return .list(job)
                }
                return state.active == 0 ? .finish : .wait
            }
            switch next {
            case .list(let job):
                let children = lister.list(job, into: &chunk, rootFolders: rootFolders, globalRules: globalRules)
                let waiting = queue.state.withLock { state in
                    state.jobs.append(contentsOf: children)
                    state.active -= 1
                    return state.wakeable()
                }
                for worker in waiting { worker.resume() }
            case .finish:
                return chunk
            case .wait:
                // Others are still listing and may add folders: sleep until they do or the walk ends
                // (the check and the registration under one lock, so no wake-up is missed).
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let ready = queue.state.withLock { state in
                        guard state.jobs.isEmpty, state.active > 0, !state.stopped else { return true }
                        state.idle.append(continuation)
                        return false
                    }
                    if ready { continuation.resume() }
                }
            }
        }
    }

    /// The root as walked: trailing slashes dropped, `/` as "".
    static func normalized(_ root: String) -> [UInt8] {
        var bytes = Array(root.utf8)
        while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        return bytes
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
