public import CodexProtocol

/// Answers one client request: gets its params and a context, returns the `result` or throws the
/// JSON-RPC error to send back.
public typealias AppServerHandler =
    @Sendable (_ params: JSONValue?, _ context: AppServerRequestContext) async throws(JSONRPCErrorObject) -> JSONValue

/// The methods a server answers (besides `initialize`, which the connection handles itself), each
/// with its serialization rule, plus a hook run once a client has initialized.
public struct AppServerHandlers: Sendable {
    /// One registered method.
    public struct Method: Sendable {
        public let name: String
        public let scope: ScopeRule
        public let handler: AppServerHandler
    }

    private var methods: [String: Method] = [:]
    /// Method names in registration order (the order the unknown-method error lists them in).
    public private(set) var methodNames: [String] = []
    /// Runs in the connection's task group right after a successful `initialize` response
    /// (e.g. to send `configWarning` notifications).
    public var onInitialized: (@Sendable (AppServerConnection) async -> Void)?
    /// Runs once the connection has ended and its own work is over (e.g. to leave the threads it watched).
    public var onClosed: (@Sendable (AppServerConnection) async -> Void)?

    public init() {}

    /// Registers (or replaces) the handler for `method`.
    public mutating func register(_ method: String, scope: ScopeRule = .unscoped, handler: @escaping AppServerHandler) {
        if methods[method] == nil { methodNames.append(method) }
        methods[method] = Method(name: method, scope: scope, handler: handler)
    }

    /// Registers the typed handler of a declared client request: params are decoded (errors name the field
    /// path, with the request's id), an experimental method is refused to a client without
    /// `experimentalApi`, and the response is encoded by the wire encoder.
    public mutating func register<Params, Response>(
        _ request: ClientRequest<Params, Response>, scope: ScopeRule = .unscoped,
        handler: @escaping @Sendable (Params, AppServerRequestContext) async throws(JSONRPCErrorObject) -> Response
    ) {
        register(request.name, scope: scope) { params, context throws(JSONRPCErrorObject) in
            let typed: Params
            do throws(AppServerParamsError) {
                typed = try request.decodeParams(params)
            } catch {
                throw .invalidRequest(error.message)
            }
            if request.isExperimental && !context.session.experimentalAPI {
                throw .invalidRequest("\(request.name) requires experimentalApi capability")
            }
            let response = try await handler(typed, context)
            do {
                return try response.wireValue()
            } catch {
                throw .internalError("cannot encode the \(request.name) response: \(error)")
            }
        }
    }

    /// The registration for `name`, if any.
    public func method(named name: String) -> Method? { methods[name] }

    /// The reference's answer to an unknown method: serde's "unknown variant" wording, code -32600.
    public func unknownMethodError(_ method: String) -> JSONRPCErrorObject {
        let initialize = AppServerV2.ClientRequests.initialize.name
        let names = [initialize] + methodNames.filter { $0 != initialize }
        let quoted = names.map { "`\($0)`" }
        let expected: String
        switch quoted.count {
        case 1: expected = "expected \(quoted[0])"
        case 2: expected = "expected \(quoted[0]) or \(quoted[1])"
        default: expected = "expected one of \(quoted.joined(separator: ", "))"
        }
        return .invalidRequest("Invalid request: unknown variant `\(method)`, \(expected)")
    }
}
