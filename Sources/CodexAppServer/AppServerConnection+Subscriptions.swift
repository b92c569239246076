import CodexBasics
import Synchronization

extension AppServerConnection {
    /// Forwards a thread's events to this connection: `forward` is called for each event, in order,
    /// in a task of the connection's group, until the events end, `unsubscribe(threadID:)` is called,
    /// or the connection ends. A second subscription for the same thread replaces the first.
    /// `forward` should hand slow work (awaiting an approval) to `spawn` so later events keep flowing.
    /// Stopping cancels the iteration, which ends an `AsyncStream` for good. With `actor`, the iteration and
    /// `forward` run on that actor (pass the one producing the events, so handing them over wakes no thread).
    @discardableResult
    public func subscribe<Events: AsyncSequence & Sendable>(
        threadID: String, to events: Events, on actor: (any Actor)? = nil,
        forward: nonisolated(nonsending) @escaping @Sendable (Events.Element) async -> Void
    ) -> Bool where Events.Failure == Never, Events.Element: Sendable {
        let stop = subscriptions.replace(threadID: threadID)
        let accepted = spawn {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await Self.forwardEach(of: events, to: forward, isolation: actor) }
                group.addTask { await stop.wait(orIfCancelled: ()) }
                await group.next()
                group.cancelAll()
            }
            self.subscriptions.remove(threadID: threadID, ifStoppedBy: stop)
        }
        if !accepted { subscriptions.remove(threadID: threadID, ifStoppedBy: stop) }
        return accepted
    }

    private static func forwardEach<Events: AsyncSequence & Sendable>(
        of events: Events, to forward: nonisolated(nonsending) @Sendable (Events.Element) async -> Void,
        isolation: isolated (any Actor)?
    ) async where Events.Failure == Never, Events.Element: Sendable {
        for await event in events { await forward(event) }
    }

    /// Stops forwarding a thread's events (the forwarding task is cancelled).
    public func unsubscribe(threadID: String) {
        subscriptions.stop(threadID: threadID)
    }

    /// Whether this connection currently receives the thread's events.
    public func isSubscribed(threadID: String) -> Bool {
        subscriptions.contains(threadID: threadID)
    }
}

/// The connection's active thread subscriptions, each with the signal that stops it.
final class ThreadSubscriptions: Sendable {
    private let stops = Mutex<[String: OneShot<Void>]>([:])

    /// Registers a new subscription for `threadID`, stopping any previous one; returns its stop signal.
    func replace(threadID: String) -> OneShot<Void> {
        let stop = OneShot<Void>()
        let previous = stops.withLock { stops in
            defer { stops[threadID] = stop }
            return stops[threadID]
        }
        previous?.resolve(())
        return stop
    }

    /// Stops and forgets the subscription for `threadID`.
    func stop(threadID: String) {
        stops.withLock { $0.removeValue(forKey: threadID) }?.resolve(())
    }

    /// Forgets the subscription if it is still the one with this stop signal.
    func remove(threadID: String, ifStoppedBy stop: OneShot<Void>) {
        stops.withLock { stops in
            if stops[threadID] === stop { stops[threadID] = nil }
        }
    }

    func contains(threadID: String) -> Bool {
        stops.withLock { $0[threadID] != nil }
    }
}
