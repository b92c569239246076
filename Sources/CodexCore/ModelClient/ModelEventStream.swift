/// The events of one model call, produced by a task that `ModelClient.withEventStream` owns.
///
/// The producer queues every event that one network read yielded in a single call, so a consumer that keeps
/// up is woken once per read rather than once per event (see `EventChannel`).
public struct ModelEventStream: AsyncSequence, Sendable {
    public typealias Element = ModelStreamEvent
    typealias Continuation = EventChannel<ModelStreamEvent>

    let channel: EventChannel<ModelStreamEvent>

    static func makeStream() -> (stream: ModelEventStream, continuation: Continuation) {
        let channel = EventChannel<ModelStreamEvent>()
        return (ModelEventStream(channel: channel), channel)
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(channel: channel)
    }

    /// Takes the events in order; ends after `.completed`'s batch is drained and the producer finished.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: EventChannel<ModelStreamEvent>

        public mutating func next() async throws -> ModelStreamEvent? {
            try await channel.receive(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(any Error) -> ModelStreamEvent? {
            try await channel.receive(isolation: actor)
        }
    }
}
