extension AgentThread {
    /// Begins a turn and runs it to its end while `onEvent` receives, in order, every event the thread emits
    /// up to and including that turn's `turnCompleted` (the whole of what a front end needs to render or relay
    /// one turn). The caller must be the thread's only event consumer meanwhile, and must not cancel the
    /// calling task to stop the turn (a cancelled consumer ends the thread's event stream for good): call
    /// `interrupt()` instead.
    /// - Returns: the turn's outcome (`.interrupted` if the thread was shut down under it).
    /// - Throws: what `beginTurn` throws; nothing has started then.
    public nonisolated func driveTurn(
        _ input: [UserInput], overrides: TurnOverrides = TurnOverrides(),
        onEvent: @escaping @Sendable (AgentEvent) async -> Void
    ) async throws -> TurnOutcome {
        _ = try await beginTurn(input, overrides: overrides)
        return await driveActiveTurn(onEvent: onEvent)
    }

    /// `driveTurn` for a code review turn (`beginReview`).
    public nonisolated func driveReview(
        _ request: ReviewRequest, overrides: TurnOverrides = TurnOverrides(),
        onEvent: @escaping @Sendable (AgentEvent) async -> Void
    ) async throws -> TurnOutcome {
        _ = try await beginReview(request, overrides: overrides)
        return await driveActiveTurn(onEvent: onEvent)
    }

    private nonisolated func driveActiveTurn(onEvent: @escaping @Sendable (AgentEvent) async -> Void) async -> TurnOutcome {
        await withTaskGroup(of: TurnOutcome?.self) { group in
            group.addTask { await self.runActiveTurn() }
            group.addTask {
                for await event in self.events {
                    await onEvent(event)
                    if case .turnCompleted = event { break }
                }
                return nil
            }
            var outcome = TurnOutcome.interrupted
            while let next = await group.next() {
                if let result = next { outcome = result }
            }
            return outcome
        }
    }
}
