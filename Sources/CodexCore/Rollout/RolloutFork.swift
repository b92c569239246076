import CodexProtocol

extension LoadedRollout {
    /// The records a fork copies into its new rollout (after the new `session_meta`, whose
    /// `forkedFromID` names this thread): every record except `session_meta` lines, cut just
    /// before the `userMessageIndex`-th (0-based) real user message when given, so the fork can
    /// take another path from there. nil or an index past the end copies everything.
    public func forkRecords(beforeUserMessage userMessageIndex: Int? = nil) -> [RolloutItem] {
        var records: [RolloutItem] = []
        var userMessagesSeen = 0
        for line in lines {
            if case .sessionMeta = line.item { continue }
            if case .responseItem(let item) = line.item, !RolloutHistory.realUserMessages(in: [item]).isEmpty {
                if let userMessageIndex, userMessagesSeen == userMessageIndex { break }
                userMessagesSeen += 1
            }
            records.append(line.item)
        }
        return records
    }
}
