import CodexCore
import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stored threads in the app-server `Thread` shape.
enum ThreadWireMapping {
    /// The provider shown when a rollout does not record one.
    static let fallbackProvider = "openai"

    /// A listing entry; `status` is `notLoaded` and `turns` empty (callers fill both when they know more).
    static func thread(_ summary: ThreadSummary, name: String?) -> AppServerV2.Thread {
        AppServerV2.Thread(
            id: summary.id.rawValue, sessionId: summary.id.rawValue, preview: summary.preview, ephemeral: false,
            modelProvider: summary.modelProvider ?? fallbackProvider, createdAt: summary.createdAt,
            updatedAt: summary.updatedAt, status: .notLoaded, path: summary.path, cwd: summary.cwd,
            cliVersion: summary.cliVersion, source: source(summary.source), gitInfo: summary.git.map(gitInfo),
            name: name, forkedFromId: summary.forkedFromID?.rawValue, originator: summary.originator, turns: [])
    }

    /// A thread straight from its rollout's `session_meta` (used when the head has no user message).
    static func thread(rollout: LoadedRollout, name: String?) -> AppServerV2.Thread {
        let meta = rollout.meta
        let created = RolloutClock.parseLineTimestamp(meta.timestamp).map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? 0
        return AppServerV2.Thread(
            id: meta.id.rawValue, sessionId: meta.id.rawValue, preview: rollout.firstUserMessage ?? "", ephemeral: false,
            modelProvider: meta.modelProvider ?? fallbackProvider, createdAt: created,
            updatedAt: modificationSeconds(rollout.path) ?? created, status: .notLoaded, path: rollout.path, cwd: meta.cwd,
            cliVersion: meta.cliVersion, source: source(meta.source), gitInfo: meta.git.map(gitInfo), name: name,
            forkedFromId: meta.forkedFromID?.rawValue, originator: meta.originator, turns: [])
    }

    /// Core source → wire source (`mcp` is the app-server's `appServer`).
    static func source(_ source: SessionSource) -> AppServerV2.SessionSource {
        switch source {
        case .cli: return .cli
        case .vscode: return .vscode
        case .exec: return .exec
        case .mcp: return .appServer
        case .subagent(let detail): return .subAgent(detail)
        case .unknown(let raw): return raw.stringValue.map { .custom($0) } ?? .unknown
        }
    }

    /// Wire `sourceKinds` → the core kinds listings filter on.
    static func coreKinds(_ kinds: [AppServerV2.ThreadSourceKind]?) -> Set<String> {
        guard let kinds, !kinds.isEmpty else { return ["cli", "vscode"] }
        var result: Set<String> = []
        for kind in kinds {
            switch kind.rawValue {
            case "cli", "vscode", "exec", "unknown": result.insert(kind.rawValue)
            case "appServer": result.insert("mcp")
            default: result.insert("subagent")
            }
        }
        return result
    }

    static func gitInfo(_ git: GitInfo) -> AppServerV2.GitInfo {
        AppServerV2.GitInfo(sha: git.commitHash, branch: git.branch, originUrl: git.repositoryURL)
    }

    /// The file's modification time in Unix seconds.
    static func modificationSeconds(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            return Int64(info.st_mtimespec.tv_sec)
        #else
            return Int64(info.st_mtim.tv_sec)
        #endif
    }
}
