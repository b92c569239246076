import CodexConfig
import CodexCore
import CodexProtocol
import FoundationEssentials

/// Conversions between the core's values and the v2 wire types.
enum WireMapping {
    // MARK: - Params → core

    static func userInput(_ input: AppServerV2.UserInput) throws(JSONRPCErrorObject) -> UserInput {
        switch input {
        case .text(let text, _): return .text(text)
        case .image(let url, _, _):
            guard let url else { throw .invalidRequest("Invalid request: image input needs a `url`") }
            return .image(url: url)
        case .localImage(let path, _): return .localImage(path: path)
        case .skill(let name, _), .mention(let name, _): return .text(name)
        case .unknown(let value):
            throw .invalidRequest("Invalid request: unsupported input item \(value.serialized())")
        }
    }

    static func approvalPolicy(_ policy: AppServerV2.AskForApproval) -> AskForApproval {
        switch policy {
        case .untrusted: return .untrusted
        case .onRequest, .granular: return .onRequest
        case .never: return .never
        }
    }

    static func sandboxMode(_ mode: AppServerV2.SandboxMode) -> SandboxMode {
        switch mode {
        case .readOnly: return .readOnly
        case .workspaceWrite: return .workspaceWrite
        case .dangerFullAccess: return .dangerFullAccess
        }
    }

    static func sandboxSettings(_ policy: AppServerV2.SandboxPolicy) -> SandboxSettings {
        switch policy {
        case .dangerFullAccess: return SandboxSettings(mode: .dangerFullAccess)
        case .externalSandbox(let network): return SandboxSettings(mode: .dangerFullAccess, networkAccess: network == .enabled)
        case .readOnly(let network): return SandboxSettings(mode: .readOnly, networkAccess: network)
        case .workspaceWrite(let write):
            return SandboxSettings(
                mode: .workspaceWrite, writableRoots: write.writableRoots, networkAccess: write.networkAccess,
                excludeTmpdirEnvVar: write.excludeTmpdirEnvVar, excludeSlashTmp: write.excludeSlashTmp)
        }
    }

    // MARK: - Core → wire

    static func approvalPolicy(_ policy: AskForApproval) -> AppServerV2.AskForApproval {
        switch policy {
        case .untrusted: return .untrusted
        case .onFailure, .onRequest: return .onRequest
        case .never: return .never
        }
    }

    static func sandboxPolicy(_ sandbox: SandboxSettings) -> AppServerV2.SandboxPolicy {
        switch sandbox.mode {
        case .dangerFullAccess: return .dangerFullAccess
        case .readOnly: return .readOnly(networkAccess: sandbox.networkAccess)
        case .workspaceWrite:
            return .workspaceWrite(
                AppServerV2.WorkspaceWriteSandbox(
                    writableRoots: sandbox.writableRoots, networkAccess: sandbox.networkAccess,
                    excludeTmpdirEnvVar: sandbox.excludeTmpdirEnvVar, excludeSlashTmp: sandbox.excludeSlashTmp))
        }
    }

    static func userInput(_ input: UserInput) -> AppServerV2.UserInput {
        switch input {
        case .text(let text): return .text(text: text, textElements: [])
        case .image(let url): return .image(url: url, fileId: nil, detail: nil)
        case .localImage(let path): return .localImage(path: path, detail: nil)
        }
    }

    /// The wire item for a core item; nil for items the v2 API has no shape for (notices).
    static func item(_ item: ThreadItem) -> AppServerV2.ThreadItem? {
        switch item {
        case .userMessage(let id, let content):
            return .userMessage(id: id, content: content.map(userInput), clientId: nil)
        case .agentMessage(let id, let text):
            return .agentMessage(id: id, text: text)
        case .reasoning(let id, let summary, let content):
            return .reasoning(id: id, summary: summary, content: content)
        case .commandExecution(let command):
            return .commandExecution(commandItem(command))
        case .fileChange(let change):
            return .fileChange(
                id: change.id, changes: change.changes.map(fileChange),
                status: patchStatus(change.status))
        case .contextCompaction(let id):
            return .contextCompaction(id: id)
        case .enteredReviewMode(let id, let request):
            return .enteredReviewMode(id: id, review: request.userFacingHint)
        case .exitedReviewMode(let id, let output):
            return .exitedReviewMode(id: id, review: ReviewOutput.reviewText(output))
        case .externalToolCall(let call):
            return .mcpToolCall(mcpToolCallItem(call))
        case .webSearch(let search):
            return .webSearch(
                AppServerV2.WebSearchItem(id: search.id, query: search.query, action: search.action.map(webSearchAction), results: nil))
        case .imageView(let id, let path):
            return .imageView(id: id, path: path)
        case .notice:
            return nil
        }
    }

    /// A web search action in the v2 spelling.
    static func webSearchAction(_ action: WebSearchAction) -> AppServerV2.WebSearchAction {
        switch action {
        case .search(let query, let queries): return .search(query: query, queries: queries)
        case .openPage(let url): return .openPage(url: url)
        case .findInPage(let url, let pattern): return .findInPage(url: url, pattern: pattern)
        case .other: return .other
        }
    }

    /// An external (MCP) tool call as the v2 `mcpToolCall` item.
    static func mcpToolCallItem(_ call: ExternalToolCallItem) -> AppServerV2.McpToolCallItem {
        let status: AppServerV2.McpToolCallStatus =
            switch call.status {
            case .inProgress: .inProgress
            case .completed: .completed
            case .failed, .declined: .failed
            }
        let result = call.result.flatMap { result -> AppServerV2.McpToolCallResult? in
            guard case .array(let content)? = result["content"] else { return nil }
            let structured = result["structuredContent"].flatMap { $0.isNull ? nil : $0 }
            return AppServerV2.McpToolCallResult(content: content, structuredContent: structured, _meta: result["_meta"])
        }
        return AppServerV2.McpToolCallItem(
            id: call.id, server: call.server, tool: call.tool, status: status, arguments: call.arguments ?? .null,
            result: result, error: call.errorMessage.map { AppServerV2.McpToolCallError(message: $0) },
            durationMs: call.durationMs, readOnlyHint: call.readOnlyHint, mcpAppResourceUri: nil, pluginId: nil,
            appContext: call.connector.map {
                AppServerV2.McpToolCallAppContext(
                    connectorId: $0.id, appName: $0.name, linkId: nil, resourceUri: nil, actionName: nil)
            })
    }

    static func commandItem(_ command: CommandExecutionItem) -> AppServerV2.CommandExecutionItem {
        AppServerV2.CommandExecutionItem(
            id: command.id, command: command.displayCommand, cwd: command.cwd,
            status: commandStatus(command.status),
            commandActions: commandActions(command.parsedCommands, fallback: command.displayCommand),
            aggregatedOutput: command.status == .inProgress ? nil : command.aggregatedOutput,
            exitCode: command.exitCode, durationMs: command.durationMs)
    }

    /// The wire actions of a command's parsed sub-commands; one `unknown` action with the whole
    /// command when nothing was parsed.
    static func commandActions(_ parsed: [ParsedCommand], fallback: String) -> [AppServerV2.CommandAction] {
        parsed.isEmpty ? [.unknown(command: fallback)] : parsed.map(commandAction)
    }

    /// One parsed sub-command as a v2 `CommandAction` (`cmd` is spelled `command` on the wire).
    static func commandAction(_ parsed: ParsedCommand) -> AppServerV2.CommandAction {
        switch parsed {
        case .read(let cmd, let name, let path): return .read(command: cmd, name: name, path: path)
        case .listFiles(let cmd, let path): return .listFiles(command: cmd, path: path)
        case .search(let cmd, let query, let path): return .search(command: cmd, query: query, path: path)
        case .unknown(let cmd): return .unknown(command: cmd)
        }
    }

    /// A command item's status in v2 spelling.
    static func commandStatus(_ status: ItemStatus) -> AppServerV2.CommandExecutionStatus {
        switch status {
        case .inProgress: return .inProgress
        case .completed: return .completed
        case .failed: return .failed
        case .declined: return .declined
        }
    }

    /// A file-change item's status in v2 spelling.
    static func patchStatus(_ status: ItemStatus) -> AppServerV2.PatchApplyStatus {
        switch status {
        case .inProgress: return .inProgress
        case .completed: return .completed
        case .failed: return .failed
        case .declined: return .declined
        }
    }

    static func fileChange(_ change: FileChange) -> AppServerV2.FileUpdateChange {
        let kind: AppServerV2.PatchChangeKind
        switch change.kind {
        case .add: kind = .add
        case .delete: kind = .delete
        case .update(let movePath): kind = .update(movePath: movePath)
        }
        return AppServerV2.FileUpdateChange(path: change.path, kind: kind, diff: change.diff)
    }

    /// The wire's snapshot of core's: percentages rounded to whole numbers, as the reference sends them.
    static func rateLimits(_ snapshot: RateLimitSnapshot) -> AppServerV2.RateLimitSnapshot {
        func window(_ window: RateLimitSnapshot.Window?) -> AppServerV2.RateLimitWindow? {
            guard let window else { return nil }
            let rounded = window.usedPercent.rounded()
            let percent = rounded >= Double(Int32.max) ? Int32.max : rounded <= Double(Int32.min) ? Int32.min : Int32(rounded)
            return AppServerV2.RateLimitWindow(
                usedPercent: percent, windowDurationMins: window.windowMinutes, resetsAt: window.resetsAt)
        }
        return AppServerV2.RateLimitSnapshot(
            limitId: snapshot.limitID, limitName: snapshot.limitName, normalModelSlug: nil, primary: window(snapshot.primary),
            secondary: window(snapshot.secondary),
            credits: snapshot.credits.map {
                AppServerV2.CreditsSnapshot(hasCredits: $0.hasCredits, unlimited: $0.unlimited, balance: $0.balance)
            },
            individualLimit: nil, spendControlReached: nil, planType: nil, rateLimitReachedType: nil)
    }

    static func tokenUsage(_ info: TokenUsageInfo) -> AppServerV2.ThreadTokenUsage {
        AppServerV2.ThreadTokenUsage(
            total: breakdown(info.total), last: breakdown(info.last),
            modelContextWindow: info.modelContextWindow.map(Int64.init))
    }

    static func breakdown(_ usage: TokenUsage) -> AppServerV2.TokenUsageBreakdown {
        AppServerV2.TokenUsageBreakdown(
            totalTokens: Int64(usage.totalTokens), inputTokens: Int64(usage.inputTokens),
            cachedInputTokens: Int64(usage.cachedInputTokens), cacheWriteInputTokens: 0,
            outputTokens: Int64(usage.outputTokens), reasoningOutputTokens: Int64(usage.reasoningOutputTokens))
    }

    /// The current time in unix milliseconds.
    static func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
