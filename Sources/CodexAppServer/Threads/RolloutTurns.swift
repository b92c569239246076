public import CodexCore
public import CodexProtocol
import FoundationEssentials

/// Rebuilds a thread's turns from its rollout, as `thread/resume` and `thread/fork` return them.
///
/// Lossy by design (the reference's is too): each `user_message` event opens a turn holding the
/// user's message and the agent messages that follow it; `turn_aborted` marks it interrupted. A last
/// turn cut short by a crash reads as interrupted when it has no agent message.
public enum RolloutTurns {
    /// The turns of a loaded rollout, oldest first.
    public static func turns(of rollout: LoadedRollout) -> [AppServerV2.Turn] {
        var turns: [AppServerV2.Turn] = []
        var current: AppServerV2.Turn?
        var sawAgentMessage = false
        func close() {
            guard var turn = current else { return }
            if turn.status == .inProgress { turn.status = sawAgentMessage ? .completed : .interrupted }
            turns.append(turn)
            current = nil
        }
        for (index, line) in rollout.lines.enumerated() {
            switch line.item {
            case .eventMsg(let event):
                switch event {
                case .userMessage(let message, let images):
                    close()
                    sawAgentMessage = false
                    var content: [AppServerV2.UserInput] = [.text(text: message, textElements: [])]
                    content += images.map { .image(url: $0, fileId: nil, detail: nil) }
                    let turnID = turnID(after: index, in: rollout) ?? "turn-\(turns.count + 1)"
                    current = AppServerV2.Turn(
                        id: turnID, items: [.userMessage(id: "\(turnID)-user", content: content, clientId: nil)],
                        status: .inProgress, itemsView: .full)
                case .agentMessage(let message):
                    sawAgentMessage = true
                    let itemID = "\(current?.id ?? "turn")-agent-\(current?.items.count ?? 0)"
                    current?.items.append(.agentMessage(id: itemID, text: message))
                case .turnAborted:
                    current?.status = .interrupted
                default:
                    break
                }
            default:
                break
            }
        }
        close()
        return turns
    }

    /// The id the `turn_context` record right after a user message gives its turn.
    private static func turnID(after index: Int, in rollout: LoadedRollout) -> String? {
        for line in rollout.lines[(index + 1)...] {
            switch line.item {
            case .turnContext(let context): return context.turnID
            case .eventMsg(.userMessage): return nil
            default: continue
            }
        }
        return nil
    }
}
