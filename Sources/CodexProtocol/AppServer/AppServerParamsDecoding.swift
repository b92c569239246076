// Typed decoding of request params and server-request results, with reference-style error messages.

/// Why a request's params could not be decoded; `message` reads like the reference's
/// `Invalid request: ...` text, naming the field path (the transport sends it with code -32600).
@PublicMemberwiseInit
public struct AppServerParamsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public var description: String { message }
}

extension AppServerRegistry {
    /// Decodes the params of a request of type `Params`.
    ///
    /// Absent params read as `{}` when every param is optional (the spec allows this leniency); otherwise
    /// they are "missing field `params`", as the reference says. A method that takes none ignores them.
    public static func decodeParams<Params: AppServerType>(_ type: Params.Type, _ params: JSONValue?)
        throws(AppServerParamsError) -> Params
    {
        if Params.self == NoParams.self, let none = NoParams() as? Params { return none }
        do {
            return try Params.decoded(from: params ?? .object(JSONObject()))
        } catch {
            if params == nil { throw AppServerParamsError(message: "Invalid request: missing field `params`") }
            throw AppServerParamsError(message: "Invalid request: \(WireDecodingFailure(error))")
        }
    }

    /// Decodes the params of a client request into its registered type (nil for a method that takes none).
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
        return try decodeParams(type, params)
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
            throw AppServerParamsError(message: "invalid result for `\(method)`: \(WireDecodingFailure(error))")
        }
    }
}
