public import CodexProtocol
import Crypto
import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A stand-in for auth.openai.com and the ChatGPT backend on 127.0.0.1, for login tests.
///
/// `GET /oauth/authorize` plays the user who signs in: it answers 302 to the `redirect_uri` with a
/// fresh code and the request's `state`. `POST /oauth/token` exchanges a code (checking the PKCE
/// verifier against the challenge and the redirect URI), trades an id_token for an API key, and
/// refreshes tokens (each refresh token works once; a reused one gets 401 `refresh_token_reused`).
/// The device-code endpoints answer "pending" `devicePendingPolls` times, then approve. `GET
/// /backend-api/wham/usage` answers `usage` to the current access token only. Every request is recorded.
public final class FakeIssuer: Sendable {
    public let port: Int
    private let listener: any Channel
    let state: Mutex<FakeIssuerState>

    /// `http://127.0.0.1:PORT` (the issuer base URL).
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The ChatGPT backend base URL (`chatgpt_base_url`).
    public var backendBaseURL: String { baseURL + "/backend-api/" }

    private init(port: Int, listener: any Channel, state: FakeIssuerState) {
        self.port = port
        self.listener = listener
        self.state = Mutex(state)
    }

    /// Starts the issuer on a free loopback port.
    public static func start(_ configuration: FakeIssuerState = FakeIssuerState()) async throws -> FakeIssuer {
        let box = FakeIssuerBox()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FakeIssuerHandler(box: box))
                }
            }
        let listener = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        guard let port = listener.localAddress?.port else {
            try await listener.close().get()
            throw MockServerError(reason: "the fake issuer's socket has no port")
        }
        let issuer = FakeIssuer(port: port, listener: listener, state: configuration)
        box.issuer.withLock { $0 = issuer }
        return issuer
    }

    public func shutdown() async {
        do {
            try await listener.close().get()
        } catch {
            // Already closed.
        }
    }

    /// Reads or changes the issuer's state.
    public func withState<T>(_ body: (inout FakeIssuerState) -> T) -> T { state.withLock { body(&$0) } }

    /// Every request so far.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Waits until `count` requests to `path` arrived.
    public func waitForRequests(to path: String, count: Int = 1, timeout: Duration = .seconds(10)) async throws -> [RecordedRequest] {
        try await withTimeout(timeout, waitingFor: "\(count) request(s) to \(path)") {
            while true {
                let matching = self.requests.filter { $0.path == path }
                if matching.count >= count { return matching }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// GETs `url` the way a browser would, following redirects (plain HTTP on 127.0.0.1 only); returns
    /// the final body.
    public static func browse(_ url: String) async throws -> String {
        var current = url
        for _ in 0..<10 {
            let (status, location, body) = try await LoopbackGet.get(current)
            guard (300..<400).contains(status), let location else { return body }
            current = location
        }
        throw MockServerError(reason: "too many redirects from \(url)")
    }

    /// An unsigned JWT (`alg: none`) with `claims` as its payload.
    public static func jwt(_ claims: JSONValue) -> String {
        func part(_ value: JSONValue) -> String { base64URL(value.serializedBytes()) }
        return part(["alg": "none", "typ": "JWT"]) + "." + part(claims) + ".c2ln"
    }

    /// An id_token for an account.
    public static func idToken(email: String?, plan: String?, accountID: String?) -> String {
        var auth = JSONObject()
        if let plan { auth["chatgpt_plan_type"] = .string(plan) }
        if let accountID { auth["chatgpt_account_id"] = .string(accountID) }
        auth["chatgpt_user_id"] = "user-1"
        var claims = JSONObject()
        if let email { claims["email"] = .string(email) }
        claims["https://api.openai.com/auth"] = .object(auth)
        return jwt(.object(claims))
    }

    /// An access token expiring at `expiresAt` (seconds since 1970).
    public static func accessToken(serial: Int, expiresAt: Int64) -> String {
        jwt(["exp": .int(expiresAt), "serial": .int(Int64(serial))])
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        String(
            Data(bytes).base64EncodedString().compactMap { character -> Character? in
                switch character {
                case "+": "-"
                case "/": "_"
                case "=": nil
                default: character
                }
            })
    }
}

/// The fake issuer's account, tokens and counters.
public struct FakeIssuerState: Sendable {
    public var email: String? = "user@example.com"
    public var plan: String? = "pro"
    public var accountID: String? = "acct-1"
    /// Lifetime of issued access tokens.
    public var accessTokenLifetime: Int64 = 3600
    /// Pending answers before the device code is approved.
    public var devicePendingPolls = 1
    /// The `/backend-api/wham/usage` payload.
    public var usage: JSONValue = [
        "plan_type": "pro",
        "rate_limit": [
            "allowed": true, "limit_reached": false,
            "primary_window": ["used_percent": 42, "limit_window_seconds": 18000, "reset_after_seconds": 100, "reset_at": 1_900_000_000],
            "secondary_window": ["used_percent": 7, "limit_window_seconds": 604800, "reset_after_seconds": 1000, "reset_at": 1_900_500_000],
        ],
        "credits": ["has_credits": true, "unlimited": false, "balance": "12.5"],
    ]
    /// When set, the authorization-code exchange fails with this status.
    public var failCodeExchange: Int?

    /// Requests received, in order.
    public internal(set) var requests: [RecordedRequest] = []
    /// Refresh requests answered with new tokens.
    public internal(set) var refreshCount = 0
    /// Tokens `POST /oauth/revoke` was asked to revoke, in order.
    public internal(set) var revokedTokens: [String] = []
    /// The refresh token that works now (each is accepted once).
    public var currentRefreshToken = "rt-0"
    /// The access token the backend accepts.
    public internal(set) var currentAccessToken = ""
    var codes: [String: (challenge: String, redirectURI: String)] = [:]
    var serial = 0
    var devicePolls = 0
    var deviceVerifier = ""

    public init() {}

    /// Tokens as the token endpoint issues them; the refresh token becomes the current one.
    mutating func issueTokens() -> JSONValue {
        serial += 1
        let access = FakeIssuer.accessToken(serial: serial, expiresAt: Int64(Date().timeIntervalSince1970) + accessTokenLifetime)
        currentAccessToken = access
        currentRefreshToken = "rt-\(serial)"
        return [
            "id_token": .string(FakeIssuer.idToken(email: email, plan: plan, accountID: accountID)),
            "access_token": .string(access), "refresh_token": .string(currentRefreshToken),
        ]
    }

    mutating func handle(_ request: RecordedRequest, form: [String: String], query: [String: String], issuerURL: String)
        -> (Int, [(String, String)], String)
    {
        requests.append(request)
        switch (request.method, request.path) {
        case ("GET", "/oauth/authorize"):
            guard let redirect = query["redirect_uri"], let challenge = query["code_challenge"], let state = query["state"] else {
                return (400, [], "missing parameters")
            }
            let code = "code-\(codes.count + 1)"
            codes[code] = (challenge, redirect)
            return (302, [("Location", redirect + "?code=\(code)&state=" + percentEncode(state))], "")
        case ("POST", "/oauth/token"):
            if let grant = request.body?["grant_type"]?.stringValue, grant == "refresh_token" {
                guard request.body?["refresh_token"]?.stringValue == currentRefreshToken else {
                    return (401, [], #"{"error":{"code":"refresh_token_reused","message":"already used"}}"#)
                }
                refreshCount += 1
                return (200, [], issueTokens().serialized())
            }
            switch form["grant_type"] {
            case "authorization_code":
                if let failCodeExchange { return (failCodeExchange, [], #"{"error_description":"exchange refused"}"#) }
                guard let code = form["code"], let entry = codes.removeValue(forKey: code) else {
                    return (400, [], #"{"error":"invalid_grant"}"#)
                }
                let verifier = form["code_verifier"] ?? ""
                let challenge = FakeIssuer.base64URL(Array(SHA256.hash(data: Array(verifier.utf8))))
                guard challenge == entry.challenge else { return (400, [], #"{"error_description":"PKCE verification failed"}"#) }
                guard form["redirect_uri"] == entry.redirectURI else { return (400, [], #"{"error_description":"redirect_uri mismatch"}"#) }
                return (200, [], issueTokens().serialized())
            case "urn:ietf:params:oauth:grant-type:token-exchange":
                return (200, [], #"{"access_token":"sk-exchanged-key-0123456789"}"#)
            default:
                return (400, [], #"{"error":"unsupported_grant_type"}"#)
            }
        case ("POST", "/oauth/revoke"):
            guard let token = request.body?["token"]?.stringValue else { return (400, [], #"{"error":"invalid_request"}"#) }
            revokedTokens.append(token)
            return (200, [], "{}")
        case ("POST", "/api/accounts/deviceauth/usercode"):
            return (200, [], #"{"device_auth_id":"dev-1","user_code":"ABCD-EFGH","interval":"0"}"#)
        case ("POST", "/api/accounts/deviceauth/token"):
            devicePolls += 1
            if devicePolls <= devicePendingPolls { return (403, [], #"{"error":"authorization_pending"}"#) }
            deviceVerifier = "device-verifier-\(devicePolls)"
            let challenge = FakeIssuer.base64URL(Array(SHA256.hash(data: Array(deviceVerifier.utf8))))
            let code = "device-code-\(devicePolls)"
            codes[code] = (challenge, issuerURL + "/deviceauth/callback")
            let answer: JSONValue = [
                "authorization_code": .string(code), "code_challenge": .string(challenge),
                "code_verifier": .string(deviceVerifier),
            ]
            return (200, [], answer.serialized())
        case ("GET", "/backend-api/wham/usage"):
            guard request.header("authorization") == "Bearer \(currentAccessToken)" else { return (401, [], #"{"error":"unauthorized"}"#) }
            return (200, [], usage.serialized())
        default:
            return (404, [], "not found")
        }
    }

    func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Lets the channel handlers reach the issuer once it exists.
final class FakeIssuerBox: Sendable {
    let issuer = Mutex<FakeIssuer?>(nil)
}

private final class FakeIssuerHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let box: FakeIssuerBox
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(box: FakeIssuerBox) {
        self.box = box
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head, let issuer = box.issuer.withLock({ $0 }) else { return }
            self.head = nil
            let request = RecordedRequest(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { HTTPHeader($0.name, $0.value) }, bodyBytes: body)
            let query = head.uri.firstIndex(of: "?").map { Self.decodeForm(String(head.uri[head.uri.index(after: $0)...])) } ?? [:]
            let form = Self.decodeForm(String(decoding: body, as: UTF8.self))
            let (status, extraHeaders, text) = issuer.state.withLock {
                $0.handle(request, form: form, query: query, issuerURL: issuer.baseURL)
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: text.hasPrefix("{") ? "application/json" : "text/plain")
            headers.add(name: "Content-Length", value: String(text.utf8.count))
            headers.add(name: "Connection", value: "close")
            for (name, value) in extraHeaders { headers.add(name: name, value: value) }
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers))),
                promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { continue }
            result[decode(pieces[0])] = decode(pieces[1])
        }
        return result
    }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = Array(text.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), rest.count >= 2,
                let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
