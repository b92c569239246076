import CodexConfig
import CodexCore
import CodexLogin
import CodexProtocol
import FoundationEssentials
import Synchronization

/// `feedback/upload`: files the user's report with Sentry (the reference's project, or the DSN in
/// `CODEX_FEEDBACK_SENTRY_DSN`) when `[feedback] enabled` allows it (the default). With `includeLogs`
/// the report carries the server's recent log lines (`codex-logs.log`), an index of the attached
/// threads, proxy diagnostics and the thread's rollout; `extraLogFiles` are attached either way. A
/// ChatGPT login adds `chatgpt_user_id` and `account_id` tags.
/// At most three uploads run at once; a fourth is refused with -32001.
struct FeedbackUploadService: Sendable {
    let host: any AppServerServiceHost
    let slots = UploadSlots(limit: 3)
    let logs: FeedbackLogBuffer

    init(host: any AppServerServiceHost, logs: FeedbackLogBuffer = .shared) {
        self.host = host
        self.logs = logs
    }

    /// The `session_source` tag: app-server threads are `vscode` threads.
    static let sessionSource = "vscode"

    func upload(_ params: AppServerV2.FeedbackUploadParams) async throws(JSONRPCErrorObject)
        -> AppServerV2.FeedbackUploadResponse
    {
        let config: Config
        do {
            config = try ConfigLoader.load(host.configLoadOptions(cwd: host.defaultCwd)).config
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
        guard config.feedbackEnabled else { throw .invalidRequest("sending feedback is disabled by configuration") }
        guard slots.acquire() else {
            throw JSONRPCErrorObject(
                code: -32001, message: "Three feedback uploads are already in progress; try again after one finishes")
        }
        defer { slots.release() }

        let threadID = try params.threadId.map { text throws(JSONRPCErrorObject) in try ThreadStorageService.threadID(text) }
        var rolloutPath: String?
        if let threadID { rolloutPath = await self.rolloutPath(of: threadID) }
        var tags = params.tags ?? [:]
        let metadata = rolloutPath.flatMap { FeedbackTurnMetadata.read(rolloutPath: $0, turnID: tags["turn_id"]) }
        FeedbackTurnMetadata.apply(metadata, to: &tags)
        // Who is reporting, as 0.163.0 tags it (a client's tags of these names win).
        let auth = await SharedAuthManagers.manager(for: config, environment: host.environment).current()
        for (key, value) in Self.accountTags(auth) where tags[key] == nil { tags[key] = value }
        let reportedThread = threadID?.rawValue ?? "no-active-thread-" + ThreadID.generate().rawValue

        let event = FeedbackEvent(
            eventID: UUID(), classification: params.classification, reason: params.reason, threadID: reportedThread,
            tags: FeedbackEvent.tags(
                threadID: reportedThread, classification: params.classification, reason: params.reason,
                cliVersion: host.cliVersion, sessionSource: Self.sessionSource, extra: tags),
            timestamp: Date().timeIntervalSince1970)
        let attachments = self.attachments(params, threadID: threadID, rolloutPath: rolloutPath)
        do {
            let dsn = try SentryDSN.configured(environment: host.environment)
            try await FeedbackSender(dsn: dsn, clientName: "swiftcodex/\(host.cliVersion)")
                .send(event: event, attachments: attachments)
        } catch {
            throw .internalError("failed to upload feedback: \(error)")
        }
        return AppServerV2.FeedbackUploadResponse(threadId: reportedThread, promptHash: metadata?.promptHash)
    }

    /// `chatgpt_user_id` and `account_id` of a ChatGPT login (none for an API key or no login).
    static func accountTags(_ auth: CodexAuth?) -> [String: String] {
        guard case .chatgpt(let credentials)? = auth else { return [:] }
        var tags: [String: String] = [:]
        if let user = credentials.tokens.claims.chatgptUserID { tags["chatgpt_user_id"] = user }
        if let account = credentials.tokens.accountID { tags["account_id"] = account }
        return tags
    }

    /// In 0.163.0's order: with logs, the log lines, the thread index, the connectivity notes and the
    /// rollout; then the extra files (a path is attached once).
    func attachments(_ params: AppServerV2.FeedbackUploadParams, threadID: ThreadID?, rolloutPath: String?)
        -> [FeedbackAttachment]
    {
        var result: [FeedbackAttachment] = []
        var seenPaths: Set<String> = []
        var files: [FeedbackAttachment] = []
        if params.includeLogs {
            result.append(FeedbackAttachment(filename: "codex-logs.log", contentType: "text/plain", bytes: logs.snapshot()))
            var rolloutFilename: String?
            if let rolloutPath, seenPaths.insert(rolloutPath).inserted {
                rolloutFilename = rolloutPath.split(separator: "/").last.map(String.init)
                if let rollout = FeedbackAttachment.read(path: rolloutPath) {
                    files.append(rollout)
                } else {
                    logs.append("feedback attachment skipped: rollout is missing or not a regular file: \(rolloutPath)")
                }
            }
            if let threadID {
                result.append(FeedbackDiagnostics.threadIndex(threadID: threadID.rawValue, rolloutFilename: rolloutFilename))
            }
            if let connectivity = FeedbackDiagnostics.connectivity(environment: host.environment) {
                result.append(connectivity)
            }
        }
        for path in params.extraLogFiles ?? [] where seenPaths.insert(path).inserted {
            if let file = FeedbackAttachment.read(path: path) {
                files.append(file)
            } else {
                logs.append("feedback attachment skipped: not a regular file or unreadable: \(path)")
            }
        }
        return result + files
    }

    /// The rollout of a loaded thread, else the stored (or archived) one.
    private func rolloutPath(of id: ThreadID) async -> String? {
        if let path = await host.loadedThread(id.rawValue)?.path { return path }
        let store = RolloutStore(home: host.codexHome)
        return store.rolloutPath(for: id) ?? store.archivedRolloutPath(for: id)
    }
}

/// A counter of uploads in flight, refusing more than `limit`.
final class UploadSlots: Sendable {
    private let limit: Int
    private let inUse = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot; false when all are taken.
    func acquire() -> Bool {
        inUse.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() {
        inUse.withLock { $0 -= 1 }
    }
}
