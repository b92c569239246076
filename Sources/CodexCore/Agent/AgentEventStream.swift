/// The events a thread emits, in order, to one consumer at a time (see `EventChannel`).
///
/// Like an `AsyncStream`, iterating again after leaving a loop continues where the last loop stopped, and a
/// cancelled consumer ends the stream for good.
public struct AgentEventStream: AsyncSequence, Sendable {
    public typealias Element = AgentEvent
    public typealias Failure = Never

    let channel: EventChannel<AgentEvent>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(channel: channel)
    }

    /// Takes the next event, waiting for one; nil once the thread shut down or the consumer was cancelled.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: EventChannel<AgentEvent>

        public mutating func next() async -> AgentEvent? {
            try? await channel.receive(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> AgentEvent? {
            try? await channel.receive(isolation: actor)
        }
    }
}
