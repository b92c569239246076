public import CodexCore
public import CodexProtocol

/// Rebuilds a thread's turns from its rollout lines, for `thread/read {includeTurns:true}`.
///
/// Lossy by design (as the reference): only what the rollout records comes back. A turn starts at
/// each user message (or 0.163.0's `task_started`), takes its id from the `turn_context` line that
/// follows (else `rollout-<line index>`, as 0.163.0 names it), and collects agent messages, reasoning text and shell commands (a `function_call` of a
/// shell tool paired with its `function_call_output`). A `turn_aborted` event marks it interrupted;
/// every other finished turn is completed.
public enum RolloutTurnBuilder {
    /// Tool names whose calls are shell commands.
    static let shellTools: Set<String> = ["shell", "shell_command", "exec_command", "local_shell", "container.exec"]

    /// The turns recorded in `lines`, oldest first.
    public static func turns(from lines: [RolloutLine]) -> [AppServerV2.Turn] {
        var builder = Builder()
        for (index, line) in lines.enumerated() {
            builder.lineIndex = index
            builder.consume(line)
        }
        builder.closeTurn()
        return builder.turns
    }

    private struct OpenTurn {
        var id: String
        /// True when the id came from the rollout (a `turn_context` or `task_started` line).
        var idIsRecorded: Bool
        var items: [AppServerV2.ThreadItem] = []
        var status: AppServerV2.TurnStatus = .completed
        /// Index in `items` of each shell call still waiting for its output.
        var pendingCommands: [String: Int] = [:]
    }

    private struct Builder {
        var turns: [AppServerV2.Turn] = []
        var current: OpenTurn?
        var nextItem = 0
        /// Index of the line being read (0 is `session_meta`).
        var lineIndex = 0

        mutating func consume(_ line: RolloutLine) {
            switch line.item {
            case .eventMsg(let event): consume(event)
            case .turnContext(let context):
                if var turn = current, !turn.idIsRecorded, let id = context.turnID, !id.isEmpty {
                    turn.id = id
                    turn.idIsRecorded = true
                    current = turn
                }
            case .responseItem(.functionCall(let call)) where RolloutTurnBuilder.shellTools.contains(call.name):
                addCommand(call)
            case .responseItem(.functionCallOutput(let output)):
                finishCommand(callID: output.callID, output: output.output)
            default:
                break
            }
        }

        mutating func consume(_ event: RolloutEvent) {
            switch event {
            case .userMessage(let message, let images):
                var content: [AppServerV2.UserInput] = [.text(text: message, textElements: [])]
                content += images.map { AppServerV2.UserInput.image(url: $0, fileId: nil, detail: nil) }
                startTurnForUserMessage(content)
            case .agentMessage(let message):
                append(.agentMessage(id: newItemID(), text: message))
            case .agentReasoning(let text):
                append(.reasoning(id: newItemID(), summary: [text], content: []))
            case .turnAborted(let reason, _):
                current?.status = reason == "interrupted" ? .interrupted : .completed
                closeTurn()
            case .other("task_started", let payload):
                closeTurn()
                let recorded = payload["turn_id"]?.stringValue
                current = OpenTurn(id: recorded ?? syntheticTurnID(), idIsRecorded: recorded != nil)
            case .other("task_complete", _):
                closeTurn()
            case .other:
                if let text = event.userMessageText { startTurnForUserMessage([.text(text: text, textElements: [])]) }
            case .tokenCount, .contextCompacted:
                break
            }
        }

        /// A user message opens a new turn, unless a `task_started` just opened one that is still empty.
        mutating func startTurnForUserMessage(_ content: [AppServerV2.UserInput]) {
            if let turn = current, !turn.items.isEmpty { closeTurn() }
            if current == nil { current = OpenTurn(id: syntheticTurnID(), idIsRecorded: false) }
            append(.userMessage(id: newItemID(), content: content, clientId: nil))
        }

        mutating func addCommand(_ call: FunctionCallItem) {
            let arguments = (try? JSONParser.parse(call.arguments)) ?? .null
            let argv = CommandArgumentsReader.argv(from: arguments)
            let cwd = arguments["workdir"]?.stringValue ?? ""
            let actions = CommandParser.parse(argv).map(WireMapping.commandAction)
            let item = AppServerV2.CommandExecutionItem(
                id: call.callID, command: ShellQuoting.join(argv), cwd: cwd, status: .inProgress,
                commandActions: actions)
            append(.commandExecution(item))
            if let index = current.map({ $0.items.count - 1 }) { current?.pendingCommands[call.callID] = index }
        }

        mutating func finishCommand(callID: String, output: String) {
            guard var turn = current, let index = turn.pendingCommands.removeValue(forKey: callID),
                case .commandExecution(var item) = turn.items[index]
            else { return }
            let declined = output.contains("rejected by user")
            item.status = declined ? .declined : .completed
            item.exitCode = CommandArgumentsReader.exitCode(in: output)
            if let exitCode = item.exitCode, exitCode != 0 { item.status = .failed }
            item.aggregatedOutput = output
            turn.items[index] = .commandExecution(item)
            current = turn
        }

        mutating func append(_ item: AppServerV2.ThreadItem) {
            if current == nil { current = OpenTurn(id: syntheticTurnID(), idIsRecorded: false) }
            current?.items.append(item)
        }

        mutating func closeTurn() {
            guard let turn = current else { return }
            current = nil
            turns.append(AppServerV2.Turn(id: turn.id, items: turn.items, status: turn.status))
        }

        mutating func newItemID() -> String {
            nextItem += 1
            return "item-\(nextItem)"
        }

        /// 0.163.0 names a turn without a recorded id after the line that opened it: `rollout-<index>`.
        func syntheticTurnID() -> String { "rollout-\(lineIndex)" }
    }
}

/// Reads the argv and the exit code of a recorded shell call.
enum CommandArgumentsReader {
    /// `command` as an array, `command` as a script (`bash -lc`), or `cmd` (exec_command).
    static func argv(from arguments: JSONValue) -> [String] {
        if let array = arguments["command"]?.arrayValue { return array.compactMap(\.stringValue) }
        if let script = arguments["command"]?.stringValue ?? arguments["cmd"]?.stringValue {
            return ["bash", "-lc", script]
        }
        return []
    }

    /// The exit code from `Exit code: N` (shell tools) or `Process exited with code N` (exec_command).
    static func exitCode(in output: String) -> Int32? {
        for marker in ["Exit code: ", "Process exited with code ", "\"exit_code\":"] {
            guard let range = output.firstRange(of: marker) else { continue }
            let digits = output[range.upperBound...].drop { $0 == " " }.prefix { $0 == "-" || $0.isNumber }
            if let code = Int32(digits) { return code }
        }
        return nil
    }
}
