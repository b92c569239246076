// Typed decoding of request params through the registry, with reference-style error messages.

/// Why a request's params could not be decoded; `message` reads like the reference's
/// `Invalid request: ...` text (the transport sends it with code -32600).
public struct AppServerParamsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension AppServerRegistry {
    /// Decodes the params of a client request into its registered type.
    ///
    /// Missing params are read as `{}` (the reference rejects them; the spec allows this leniency), and params
    /// sent to a method that takes none are ignored.
    /// - Returns: the typed params, or nil for a method that takes none.
    /// - Throws: `AppServerParamsError` for an unknown method or params that do not fit the type.
    public static func decodeClientRequestParams(
        method: String, params: JSONValue?
    ) throws(AppServerParamsError) -> (any AppServerType)? {
        guard let entry = clientRequest(method) else {
            let known = clientRequests.map { "`\($0.method)`" }.joined(separator: ", ")
            throw AppServerParamsError(
                message: "Invalid request: unknown variant `\(method)`, expected one of \(known)")
        }
        guard let type = entry.params else { return nil }
        do {
            return try type.decoded(from: params ?? .object(JSONObject()))
        } catch {
            throw AppServerParamsError(message: "Invalid request: \(describe(error))")
        }
    }

    /// Decodes the result a client sent for a server request (e.g. an approval decision).
    /// - Throws: `AppServerParamsError` for an unknown method or a result that does not fit the type.
    public static func decodeServerRequestResult(
        method: String, result: JSONValue
    ) throws(AppServerParamsError) -> any AppServerType {
        guard let type = serverRequest(method)?.result else {
            throw AppServerParamsError(message: "unknown server request `\(method)`")
        }
        do {
            return try type.decoded(from: result)
        } catch {
            throw AppServerParamsError(message: "invalid result for `\(method)`: \(describe(error))")
        }
    }

    /// A short, field-naming description of a decoding failure.
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field `\(key.stringValue)`" + (parent.isEmpty ? "" : " in `\(parent)`")
        case .typeMismatch(let type, let context):
            return "invalid type at `\(path(context.codingPath))`, expected \(type)"
        case .valueNotFound(let type, let context):
            return "missing value at `\(path(context.codingPath))`, expected \(type)"
        case .dataCorrupted(let context):
            let location = path(context.codingPath)
            return (location.isEmpty ? "" : "`\(location)`: ") + context.debugDescription
        @unknown default:
            return "\(decodingError)"
        }
    }
}
