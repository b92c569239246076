import CodexProtocol
import FoundationEssentials
import MCP

/// Conversions between the SDK's JSON value (`MCP.Value`) and ours (`JSONValue`), at the edge where the SDK
/// hands us tool arguments and takes tool definitions and results.
enum MCPValueBridge {
    /// Our value for an SDK value; binary data becomes its `data:` URL, as the SDK encodes it.
    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(Int64(number))
        case .double(let number): return .double(number)
        case .string(let text): return .string(text)
        case .data(let mimeType, let data):
            return .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let items): return .array(items.map(json))
        case .object(let members):
            return .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// The SDK's value for ours.
    static func mcp(_ value: JSONValue) -> Value {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return Int(exactly: number).map(Value.int) ?? .double(Double(number))
        case .double(let number): return .double(number)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(mcp))
        case .object(let members):
            var object: [String: Value] = [:]
            for (key, member) in members { object[key] = mcp(member) }
            return .object(object)
        }
    }
}
