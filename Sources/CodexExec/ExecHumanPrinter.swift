public import CodexCore

/// Renders the core's events as the human transcript `codex exec` writes to stderr (a pure
/// state machine: events in, text out). The final message goes to stdout separately.
public struct ExecHumanPrinter: Sendable {
    /// Lines of command output shown per command.
    static let maxOutputLines = 20

    private let color: Bool
    private var reasoningShown: Set<String> = []
    /// Inside a review: its prompt (the reviewer's user message) is not shown, its hint was.
    private var inReview = false

    public init(color: Bool) {
        self.color = color
    }

    /// The header block printed before the first turn.
    public func header(version: String, entries: [(String, String)]) -> String {
        var text = "OpenAI Codex v\(version) (SwiftCodex)\n--------\n"
        for (key, value) in entries { text += "\(key): \(value)\n" }
        text += "--------\n"
        return text
    }

    /// The stderr text for one event (empty when the event shows nothing).
    public mutating func render(_ event: AgentEvent) -> String {
        switch event {
        case .itemCompleted(_, let item):
            return render(completed: item)
        case .itemStarted(_, .commandExecution(let command)):
            return style("exec", .magenta, bold: true) + "\n" + style(command.displayCommand, .bold) + " in \(command.cwd)\n"
        case .itemStarted(_, .fileChange(let change)):
            var text = style("file update", .magenta, bold: true) + "\n"
            for file in change.changes { text += "\(Self.letter(file.kind)) \(file.path)\n" }
            return text
        case .itemStarted(_, .externalToolCall(let call)):
            return mcpLine(call, style("started", .dim))
        case .itemStarted(_, .webSearch(let search)):
            return style("web search:", .bold) + " " + search.query + "\n"
        case .planUpdated(_, let explanation, let plan):
            var text = style("Plan update", .magenta, bold: true) + "\n"
            if let explanation, !explanation.isEmpty { text += explanation + "\n" }
            for step in plan {
                switch step.status {
                case .completed: text += "  ✓ \(step.step)\n"
                case .inProgress: text += "  → \(step.step)\n"
                case .pending: text += "  • \(step.step)\n"
                }
            }
            return text
        case .streamError(_, let message, _):
            return style("ERROR: ", .red, bold: true) + message + "\n"
        case .warning(let message):
            return style("warning: ", .yellow, bold: true) + message + "\n"
        case .turnCompleted(_, .interrupted):
            return style("task interrupted", .red) + "\n"
        case .tokenUsageUpdated, .rateLimitsUpdated, .turnStarted, .itemStarted, .agentMessageDelta, .reasoningSummaryDelta,
            .reasoningSummaryPartAdded, .reasoningContentDelta, .commandOutputDelta, .terminalInteraction, .approvalRequested,
            .approvalResolved, .turnDiffUpdated, .turnCompleted:
            return ""
        }
    }

    /// The closing `tokens used` block.
    public func tokensUsed(_ total: Int64) -> String {
        style("tokens used", .magenta, bold: true) + "\n" + Self.grouped(total) + "\n"
    }

    private mutating func render(completed item: ThreadItem) -> String {
        switch item {
        case .userMessage where inReview:
            return ""
        case .userMessage(_, let content):
            let text = content.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: "\n")
            return style("user", .cyan, bold: true) + "\n" + text + "\n"
        case .agentMessage(_, let text):
            return style("codex", .magenta, bold: true) + "\n" + text + "\n"
        case .reasoning(let id, let summary, _):
            let text = summary.joined(separator: "\n")
            guard !text.allSatisfy(\.isWhitespace), !reasoningShown.contains(id) else { return "" }
            reasoningShown.insert(id)
            return style("thinking", .magenta, bold: true) + "\n" + style(text, .italic) + "\n"
        case .commandExecution(let command):
            let duration = Self.duration(milliseconds: command.durationMs ?? 0)
            var text: String
            switch command.status {
            case .declined:
                return style(" declined", .red) + "\n"
            case .completed where command.exitCode == 0:
                text = style(" succeeded in \(duration):", .green) + "\n"
            default:
                text = style(" exited \(command.exitCode.map(String.init) ?? "?") in \(duration):", .red) + "\n"
            }
            let lines = command.aggregatedOutput.split(separator: "\n", omittingEmptySubsequences: false)
            let shown = lines.prefix(Self.maxOutputLines).joined(separator: "\n")
            if !shown.isEmpty { text += style(shown, .dim) + "\n" }
            if lines.count > Self.maxOutputLines { text += style("… +\(lines.count - Self.maxOutputLines) lines", .dim) + "\n" }
            return text
        case .fileChange(let change):
            switch change.status {
            case .completed:
                return style("apply_patch succeeded", .green) + "\n"
            case .declined:
                return style("apply_patch declined", .red) + "\n"
            case .failed, .inProgress:
                return style("apply_patch failed", .red) + "\n"
            }
        case .externalToolCall(let call):
            let outcome = call.status == .completed ? style("completed", .green) : style("failed", .red)
            var text = mcpLine(call, style("(" + outcome + ")", .dim))
            if let error = call.errorMessage { text += style(error, .red) + "\n" }
            return text
        case .notice(_, let message):
            return style("warning: ", .yellow, bold: true) + message + "\n"
        case .contextCompaction:
            return "context compacted\n"
        case .enteredReviewMode(_, let request):
            // The reference shows the review as the user's message: its hint.
            inReview = true
            return style("user", .cyan, bold: true) + "\n" + request.userFacingHint + "\n"
        case .exitedReviewMode:
            // The review's text follows as the agent's message.
            inReview = false
            return ""
        case .webSearch(let search):
            // Shown when it starts and again when it ends, as the reference does.
            return style("web search:", .bold) + " " + search.query + "\n"
        case .imageView:
            return ""
        }
    }

    /// `mcp: server/tool <state>`, styled as the reference.
    private func mcpLine(_ call: ExternalToolCallItem, _ state: String) -> String {
        style("mcp:", .bold) + " " + style("\(call.server)/\(call.tool)", .cyan) + " " + state + "\n"
    }

    private static func letter(_ kind: FileChange.Kind) -> String {
        switch kind {
        case .add: return "A"
        case .delete: return "D"
        case .update(let movePath): return movePath == nil ? "M" : "R"
        }
    }

    static func duration(milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }

    static func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return result
    }

    private enum Style: String {
        case bold = "1"
        case dim = "2"
        case italic = "3"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case magenta = "35"
        case cyan = "36"
    }

    private func style(_ text: String, _ style: Style, bold: Bool = false) -> String {
        guard color else { return text }
        return "\u{1B}[\(bold ? "1;" : "")\(style.rawValue)m\(text)\u{1B}[0m"
    }
}
