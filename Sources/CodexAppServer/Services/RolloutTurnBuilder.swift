public import CodexCore
public import CodexProtocol

/// Rebuilds a thread's turns from its rollout lines, for `thread/read {includeTurns:true}` and resume.
///
/// Lossy by design (as the reference): only what the rollout records comes back. Every format is read:
/// - paginated (0.163.0's current one): a turn spans `task_started` … `task_complete`, and its items are
///   the `item_completed` events (user and agent messages, reasoning, commands, file changes);
/// - legacy: a turn starts at each `user_message` event and collects `agent_message`/`agent_reasoning`
///   events, shell commands (a shell tool's `function_call` paired with its output) and apply_patch calls;
/// - mixed files (one format appended to the other) turn by turn.
///
/// A turn takes its id from `task_started` or the `turn_context` that follows its first line (else
/// `rollout-<line index>`, as 0.163.0 names it). A completed item whose id is already in the turn (the
/// command rebuilt from its `function_call`) replaces it. `turn_aborted` marks a turn interrupted, an
/// `error` event failed; every other finished turn is completed.
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
        var error: AppServerV2.TurnError?
        var startedAt: Int64?
        var completedAt: Int64?
        var durationMs: Int64?
        /// Index in `items` of each item by id (commands and patches rebuilt from calls, to be replaced
        /// by their completed item, or finished by their output).
        var itemIndex: [String: Int] = [:]
        /// Shell calls whose item is still a placeholder: built from the call only when no completed item
        /// replaces it (a paginated file records one for every command, so its calls are never parsed).
        var unbuiltCalls: [String: FunctionCallItem] = [:]
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
            case .responseItem(.customToolCall(let call)) where call.name == "apply_patch":
                addPatch(callID: call.callID, input: call.input)
            case .responseItem(.customToolCallOutput(let output)):
                finishPatch(callID: output.callID, output: output.output)
            default:
                break
            }
        }

        mutating func consume(_ event: RolloutEvent) {
            switch event {
            case .userMessage(let message, let images):
                var content: [AppServerV2.UserInput] = [.text(text: message, textElements: [])]
                content += images.map { AppServerV2.UserInput.image(url: $0, fileId: nil, detail: nil) }
                startTurnForUserMessage(.userMessage(id: newItemID(), content: content, clientId: nil))
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
                var turn = OpenTurn(id: recorded ?? syntheticTurnID(), idIsRecorded: recorded != nil)
                turn.startedAt = payload["started_at"]?.intValue
                current = turn
            case .other("task_complete", let payload):
                current?.completedAt = payload["completed_at"]?.intValue
                current?.durationMs = payload["duration_ms"]?.intValue
                closeTurn()
            case .other("error", let payload):
                guard current != nil else { return }
                current?.status = .failed
                current?.error = AppServerV2.TurnError(
                    message: payload["message"]?.stringValue ?? "", codexErrorInfo: nil, additionalDetails: nil)
            case .other("item_completed", let payload):
                guard let item = RolloutTurnItem.item(payload["item"]), let wire = WireMapping.item(item) else { return }
                if case .userMessage = item {
                    startTurnForUserMessage(wire)
                } else {
                    replaceOrAppend(wire, id: item.id)
                }
            case .other, .tokenCount, .contextCompacted:
                break
            }
        }

        /// A user message opens a new turn, unless a `task_started` opened one that has no user message yet.
        mutating func startTurnForUserMessage(_ item: AppServerV2.ThreadItem) {
            if let turn = current, turn.items.contains(where: Self.isUserMessage) { closeTurn() }
            if current == nil { current = OpenTurn(id: syntheticTurnID(), idIsRecorded: false) }
            append(item)
        }

        static func isUserMessage(_ item: AppServerV2.ThreadItem) -> Bool {
            if case .userMessage = item { return true }
            return false
        }

        mutating func addCommand(_ call: FunctionCallItem) {
            if current?.itemIndex[call.callID] != nil { return }  // its completed item came first
            let placeholder = AppServerV2.CommandExecutionItem(
                id: call.callID, command: "", cwd: "", status: .inProgress, commandActions: [])
            replaceOrAppend(.commandExecution(placeholder), id: call.callID)
            current?.unbuiltCalls[call.callID] = call
        }

        /// The command item of a shell call, from its arguments.
        static func commandItem(_ call: FunctionCallItem) -> AppServerV2.CommandExecutionItem {
            let arguments = (try? JSONParser.parse(call.arguments)) ?? .null
            let argv = CommandArgumentsReader.argv(from: arguments)
            let cwd = arguments["workdir"]?.stringValue ?? ""
            let actions = CommandParser.parse(argv).map(WireMapping.commandAction)
            return AppServerV2.CommandExecutionItem(
                id: call.callID, command: ShellQuoting.join(argv), cwd: cwd, status: .inProgress, commandActions: actions)
        }

        /// Builds the placeholder of `callID` (if it still is one) into the item of its call.
        mutating func buildCommand(_ callID: String) {
            guard let call = current?.unbuiltCalls.removeValue(forKey: callID), let index = current?.itemIndex[callID],
                case .commandExecution(let placeholder)? = current?.items[index]
            else { return }
            var item = Self.commandItem(call)
            item.status = placeholder.status
            item.exitCode = placeholder.exitCode
            item.aggregatedOutput = placeholder.aggregatedOutput
            current?.items[index] = .commandExecution(item)
        }

        mutating func finishCommand(callID: String, output: String) {
            guard var turn = current, let index = turn.itemIndex[callID],
                case .commandExecution(var item) = turn.items[index], item.status == .inProgress
            else { return }
            let declined = output.contains("rejected by user")
            item.status = declined ? .declined : .completed
            item.exitCode = CommandArgumentsReader.exitCode(in: output)
            if let exitCode = item.exitCode, exitCode != 0 { item.status = .failed }
            item.aggregatedOutput = output
            turn.items[index] = .commandExecution(item)
            current = turn
        }

        /// An apply_patch call of a legacy file: the changes its patch names (paths as written).
        mutating func addPatch(callID: String, input: String) {
            guard let changes = PatchSummary.changes(ofPatch: input) else { return }
            replaceOrAppend(.fileChange(id: callID, changes: changes, status: .inProgress), id: callID)
        }

        mutating func finishPatch(callID: String, output: String) {
            guard var turn = current, let index = turn.itemIndex[callID],
                case .fileChange(let id, let changes, .inProgress) = turn.items[index]
            else { return }
            let status: AppServerV2.PatchApplyStatus =
                output.contains("rejected by user") ? .declined : output.contains("Success.") ? .completed : .failed
            turn.items[index] = .fileChange(id: id, changes: changes, status: status)
            current = turn
        }

        /// Puts an item in the turn: in place of an earlier item with the same id, else at the end.
        mutating func replaceOrAppend(_ item: AppServerV2.ThreadItem, id: String) {
            if let index = current?.itemIndex[id] {
                current?.items[index] = item
                current?.unbuiltCalls[id] = nil
                return
            }
            append(item)
            if let count = current?.items.count { current?.itemIndex[id] = count - 1 }
        }

        mutating func append(_ item: AppServerV2.ThreadItem) {
            if current == nil { current = OpenTurn(id: syntheticTurnID(), idIsRecorded: false) }
            current?.items.append(item)
        }

        mutating func closeTurn() {
            for callID in current?.unbuiltCalls.keys.sorted() ?? [] { buildCommand(callID) }
            guard let turn = current else { return }
            current = nil
            turns.append(
                AppServerV2.Turn(
                    id: turn.id, items: turn.items, status: turn.status, error: turn.error, startedAt: turn.startedAt,
                    completedAt: turn.completedAt, durationMs: turn.durationMs))
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

/// The file changes an apply_patch text names, for turns rebuilt from a legacy rollout (which records
/// only the call): paths as written, an add's new content, an update's chunks as `-`/`+` lines.
enum PatchSummary {
    static func changes(ofPatch text: String) -> [AppServerV2.FileUpdateChange]? {
        guard let patch = try? PatchParser.parse(text) else { return nil }
        return patch.hunks.map { hunk in
            switch hunk {
            case .add(let path, let contents):
                return AppServerV2.FileUpdateChange(path: path, kind: .add, diff: contents)
            case .delete(let path):
                return AppServerV2.FileUpdateChange(path: path, kind: .delete, diff: "")
            case .update(let path, let movePath, let chunks):
                var diff = ""
                for chunk in chunks {
                    diff += "@@" + (chunk.changeContext.map { " " + $0 } ?? "") + "\n"
                    diff += lines(old: chunk.oldLines, new: chunk.newLines)
                }
                return AppServerV2.FileUpdateChange(path: path, kind: .update(movePath: movePath), diff: diff)
            }
        }
    }

    /// Context shared at the start and end as ` ` lines, the rest as `-` then `+` lines.
    private static func lines(old: [String], new: [String]) -> String {
        var prefix = 0
        while prefix < old.count && prefix < new.count && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix && suffix < new.count - prefix
            && old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        var text = old[..<prefix].map { " " + $0 + "\n" }.joined()
        text += old[prefix..<(old.count - suffix)].map { "-" + $0 + "\n" }.joined()
        text += new[prefix..<(new.count - suffix)].map { "+" + $0 + "\n" }.joined()
        text += old[(old.count - suffix)...].map { " " + $0 + "\n" }.joined()
        return text
    }
}
