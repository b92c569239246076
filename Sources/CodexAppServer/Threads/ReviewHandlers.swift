import CodexBasics
import CodexCore
import CodexProtocol

/// Registers review/start: a code review run as a turn of the thread.
func registerReviewHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {
    let reviews = ReviewMethods(registry: runtime.registry, background: runtime.background)
    handlers.register(AppServerV2.ClientRequests.reviewStart, scope: .threadID) { params, context throws(JSONRPCErrorObject) in
        try await reviews.start(params, context)
    }
}

/// The review handlers.
struct ReviewMethods: Sendable {
    let registry: ThreadRegistry
    let background: BackgroundWork

    /// Resolves the target (git runs read-only for a base-branch review), begins the review turn, answers
    /// with it (its one item the user message with the review's hint), then runs it in the server's
    /// background work: `turn/started`, `enteredReviewMode`, the reviewer's commands, `exitedReviewMode`,
    /// the review as an agent message, `turn/completed`.
    func start(_ request: AppServerV2.ReviewStartParams, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject)
        -> AppServerV2.ReviewStartResponse
    {
        let target = try Self.target(request.target)
        _ = try ThreadMethods.threadID(request.threadId)
        guard let loaded = await registry.thread(request.threadId) else {
            throw .invalidRequest("thread not found: \(request.threadId)")
        }
        if request.delivery == .detached {
            // 0.163.0 warns that detached delivery is deprecated, then refuses it for the paginated threads
            // it (and this port) writes.
            await context.connection.notify(
                AppServerV2.DeprecationNoticeNotification(
                    summary: #"review/start with delivery "detached" is deprecated and will be removed in a future release."#,
                    details: #"Use thread/start followed by review/start with delivery "inline" for a separate review thread, "#
                        + "or thread/fork followed by turn/start with your own review instructions."))
            throw .invalidRequest("paginated threads do not support detached review")
        }
        let settings = await loaded.thread.settings
        let review: ReviewRequest
        do {
            review = try await ReviewRequest.resolve(target, cwd: settings.cwd, environment: settings.commandEnvironment)
        } catch {
            throw .invalidRequest("\(error)")
        }
        let turnID: String
        do {
            turnID = try await loaded.thread.beginReview(review)
        } catch AgentThreadError.rolloutFailed(let message) {
            throw .internalError(message)
        } catch let error as AgentThreadError {
            throw .invalidRequest("\(error)")
        } catch {
            throw .internalError("failed to start the review: \(error)")
        }
        await registry.turnBegan(threadID: request.threadId, turnID: turnID, text: "")
        loaded.subscribers.setTurnOwner(context.connection)
        let thread = loaded.thread
        let background = background
        context.startAfterResponse { background.spawn { _ = await thread.runActiveTurn() } }
        let hint = AppServerV2.ThreadItem.userMessage(
            id: turnID, content: [.text(text: review.userFacingHint, textElements: [])], clientId: nil)
        let turn = AppServerV2.Turn(id: turnID, items: [hint], status: .inProgress, itemsView: .notLoaded)
        return AppServerV2.ReviewStartResponse(turn: turn, reviewThreadId: request.threadId)
    }

    /// The core's target; blank branch, sha or instructions are refused as 0.163.0 refuses them.
    static func target(_ target: AppServerV2.ReviewTarget) throws(JSONRPCErrorObject) -> ReviewTarget {
        switch target {
        case .uncommittedChanges:
            return .uncommittedChanges
        case .baseBranch(let branch):
            guard !branch.trimmingWhitespace().isEmpty else { throw .invalidRequest("branch must not be empty") }
            return .baseBranch(branch)
        case .commit(let sha, let title):
            guard !sha.trimmingWhitespace().isEmpty else { throw .invalidRequest("sha must not be empty") }
            let trimmedTitle = title.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            return .commit(sha: sha.trimmingWhitespace(), title: trimmedTitle)
        case .custom(let instructions):
            guard !instructions.trimmingWhitespace().isEmpty else {
                throw .invalidRequest("instructions must not be empty")
            }
            return .custom(instructions: instructions)
        }
    }
}
