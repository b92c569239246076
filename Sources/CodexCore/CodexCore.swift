/// The agent core: threads, turns, tools, approvals and rollouts. It knows nothing of JSON-RPC,
/// MCP or terminals; front ends translate its events to their wire.
public enum CodexCore {}
