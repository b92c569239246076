public import CodexProtocol
import CodexBasics
import Synchronization

/// A key under which requests run one at a time, in arrival order (spec §2 "Concurrency").
public struct SerializationScope: Sendable, Hashable, CustomStringConvertible {
    public let key: String

    public init(_ key: String) { self.key = key }

    /// Requests about one thread (thread/*, turn/*, review/start).
    public static func thread(_ threadID: String) -> Self { Self("thread:\(threadID)") }
    /// Config writes, skills and plugins.
    public static let config = Self("config")
    /// account/* requests.
    public static let accountAuth = Self("account-auth")
    /// MCP server registry changes.
    public static let mcpRegistry = Self("mcp-registry")
    /// One `command/exec` process.
    public static func commandExec(processID: String) -> Self { Self("command-exec:\(processID)") }
    /// One MCP server's OAuth login.
    public static func mcpOAuth(server: String) -> Self { Self("mcp-oauth:\(server)") }

    public var description: String { key }
}

/// How a method finds its serialization scope from its params; nil means the request runs unordered.
public struct ScopeRule: Sendable {
    private let resolve: @Sendable (JSONValue?) -> SerializationScope?

    /// Builds a rule from a function of the request's params.
    public init(_ resolve: @escaping @Sendable (_ params: JSONValue?) -> SerializationScope?) {
        self.resolve = resolve
    }

    /// The scope for these params.
    public func scope(for params: JSONValue?) -> SerializationScope? { resolve(params) }

    /// Runs concurrently with everything.
    public static let unscoped = ScopeRule { _ in nil }

    /// Serialized per `params.threadId`; requests without a string `threadId` run unordered (and then
    /// fail their params check).
    public static let threadID = ScopeRule { params in
        params?["threadId"]?.stringValue.map(SerializationScope.thread)
    }

    /// Always the same scope.
    public static func fixed(_ scope: SerializationScope) -> ScopeRule { ScopeRule { _ in scope } }
}

/// Hands out FIFO turns per scope: the ticket is taken when a request is read, so arrival order is
/// kept even though each request then runs in its own child task.
final class ScopeQueue: Sendable {
    private let tails = Mutex<[SerializationScope: OneShot<Void>]>([:])

    /// One request's place in its scope's line.
    struct Ticket: Sendable {
        let scope: SerializationScope
        let predecessor: OneShot<Void>?
        let done: OneShot<Void>
    }

    /// Joins the end of `scope`'s line.
    func enqueue(_ scope: SerializationScope) -> Ticket {
        let done = OneShot<Void>()
        let predecessor = tails.withLock { tails in
            let previous = tails[scope]
            tails[scope] = done
            return previous
        }
        return Ticket(scope: scope, predecessor: predecessor, done: done)
    }

    /// Waits until every earlier request of the scope has finished (or the task is cancelled).
    func waitForTurn(_ ticket: Ticket) async {
        await ticket.predecessor?.wait(orIfCancelled: ())
    }

    /// Lets the next request of the scope run.
    func finish(_ ticket: Ticket) {
        ticket.done.resolve(())
        tails.withLock { tails in
            if tails[ticket.scope] === ticket.done { tails[ticket.scope] = nil }
        }
    }
}
