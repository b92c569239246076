/// A JSON-RPC request id: a string or a 64-bit integer, echoed back with its JSON type intact.
public enum RequestID: Sendable, Hashable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    public var jsonValue: JSONValue {
        switch self {
        case .int(let value): return .int(value)
        case .string(let value): return .string(value)
        }
    }

    public init?(jsonValue: JSONValue) {
        switch jsonValue {
        case .int(let value): self = .int(value)
        case .string(let value): self = .string(value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return value
        }
    }
}

/// The error member of a JSON-RPC error response.
public struct JSONRPCErrorObject: Sendable, Hashable, Error {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// -32700: the line is not JSON.
    public static func parseError(_ message: String) -> Self { Self(code: -32700, message: message) }
    /// -32600: the message is not a valid request (also the reference's code for most validation errors).
    public static func invalidRequest(_ message: String) -> Self { Self(code: -32600, message: message) }
    /// -32601: no such method.
    public static func methodNotFound(_ message: String) -> Self { Self(code: -32601, message: message) }
    /// -32602: the params do not fit the method.
    public static func invalidParams(_ message: String) -> Self { Self(code: -32602, message: message) }
    /// -32603: the server failed.
    public static func internalError(_ message: String) -> Self { Self(code: -32603, message: message) }

    var jsonValue: JSONValue {
        var object = JSONObject()
        object["code"] = .int(Int64(code))
        object["message"] = .string(message)
        if let data { object["data"] = data }
        return .object(object)
    }
}

/// One JSON-RPC "lite" message as Codex speaks it: no `"jsonrpc"` member on output, tolerated on input.
public enum JSONRPCMessage: Sendable, Hashable {
    case request(id: RequestID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: RequestID, result: JSONValue)
    /// An error reply; the id is nil only when the request's own id could not be read.
    case error(id: RequestID?, error: JSONRPCErrorObject)

    /// Classifies a parsed JSON value by the members present, as the reference does (untagged).
    public init(jsonValue: JSONValue) throws(JSONRPCDecodeError) {
        guard let object = jsonValue.objectValue else {
            throw JSONRPCDecodeError(reason: "expected a JSON object, found \(jsonValue.typeName)", id: nil)
        }
        let idValue = object["id"]
        var id: RequestID?
        if let idValue, !idValue.isNull {
            guard let parsed = RequestID(jsonValue: idValue) else {
                throw JSONRPCDecodeError(reason: "`id` must be a string or an integer", id: nil)
            }
            id = parsed
        }
        if let methodValue = object["method"] {
            guard let method = methodValue.stringValue else {
                throw JSONRPCDecodeError(reason: "`method` must be a string", id: id)
            }
            let params = object["params"]
            if let id {
                self = .request(id: id, method: method, params: params)
            } else if idValue == nil {
                self = .notification(method: method, params: params)
            } else {
                throw JSONRPCDecodeError(reason: "`id` must be a string or an integer", id: nil)
            }
            return
        }
        if let errorValue = object["error"] {
            guard let errorObject = errorValue.objectValue,
                let code = errorObject["code"]?.intValue, let message = errorObject["message"]?.stringValue,
                let intCode = Int(exactly: code)
            else {
                throw JSONRPCDecodeError(reason: "`error` must be an object with integer `code` and string `message`", id: id)
            }
            self = .error(id: id, error: JSONRPCErrorObject(code: intCode, message: message, data: errorObject["data"]))
            return
        }
        if let result = object["result"] {
            guard let id else { throw JSONRPCDecodeError(reason: "a response needs an `id`", id: nil) }
            self = .response(id: id, result: result)
            return
        }
        throw JSONRPCDecodeError(reason: "not a request, notification or response", id: id)
    }

    /// Parses one line of text into a message.
    public init(line: some Collection<UInt8>) throws(JSONRPCDecodeError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: Array(line))
        } catch {
            throw JSONRPCDecodeError(reason: "invalid JSON: \(error)", id: nil, isParseError: true)
        }
        try self.init(jsonValue: value)
    }

    /// The message as a JSON object, members in conventional order, without a `"jsonrpc"` member.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        switch self {
        case .request(let id, let method, let params):
            object["id"] = id.jsonValue
            object["method"] = .string(method)
            if let params { object["params"] = params }
        case .notification(let method, let params):
            object["method"] = .string(method)
            if let params { object["params"] = params }
        case .response(let id, let result):
            object["id"] = id.jsonValue
            object["result"] = result
        case .error(let id, let error):
            object["id"] = id?.jsonValue ?? .null
            object["error"] = error.jsonValue
        }
        return .object(object)
    }

    /// One line of newline-delimited JSON, ending in `\n`.
    public var serializedLine: String { jsonValue.serialized() + "\n" }
}

/// Why a line could not be read as a JSON-RPC message; carries the id when one was readable.
public struct JSONRPCDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public let id: RequestID?
    /// True when the text was not JSON at all (JSON-RPC's -32700), false when it was JSON of the wrong shape.
    public let isParseError: Bool

    public init(reason: String, id: RequestID?, isParseError: Bool = false) {
        self.reason = reason
        self.id = id
        self.isParseError = isParseError
    }

    public var description: String { reason }

    /// The error object to send back for this failure.
    public var errorObject: JSONRPCErrorObject {
        isParseError ? .parseError("Parse error: \(reason)") : .invalidRequest("Invalid request: \(reason)")
    }
}
