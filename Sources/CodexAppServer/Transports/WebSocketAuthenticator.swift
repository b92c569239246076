import Crypto
public import NIOHTTP1

/// Checks the `Authorization: Bearer TOKEN` header of a WebSocket upgrade request (`--ws-auth`), with the
/// reference's 401 reasons.
public struct WebSocketAuthenticator: Sendable {
    private enum Mode: Sendable {
        /// `capability-token`: the token's SHA-256, compared in constant time.
        case capabilityToken(digest: [UInt8])
        /// `signed-bearer-token`: an HS256 JWT.
        case signedBearerToken(SignedBearerVerifier)
    }

    private let mode: Mode

    /// Accepts the capability token whose SHA-256 is `digest` (32 bytes).
    public init(capabilityTokenSHA256 digest: [UInt8]) {
        mode = .capabilityToken(digest: digest)
    }

    /// Accepts exactly the capability token `token`.
    public init(capabilityToken token: String) {
        mode = .capabilityToken(digest: Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// Accepts JWTs signed with HS256 and `secret`, unexpired (with `maxClockSkewSeconds` of leeway), and
    /// naming `issuer` and `audience` when those are given.
    public static func signedBearerToken(
        secret: [UInt8], issuer: String?, audience: String?, maxClockSkewSeconds: Int64
    ) async -> WebSocketAuthenticator {
        let verifier = await SignedBearerVerifier(
            secret: secret, issuer: issuer, audience: audience, maxClockSkewSeconds: maxClockSkewSeconds)
        return WebSocketAuthenticator(mode: .signedBearerToken(verifier))
    }

    private init(mode: Mode) {
        self.mode = mode
    }

    /// Nil when the request may upgrade; otherwise the body of the 401 answer.
    public func rejection(of headers: HTTPHeaders) async -> String? {
        let token: String
        switch Self.bearerToken(headers) {
        case .missing: return "missing websocket bearer token"
        case .malformed: return "invalid authorization header"
        case .token(let value): token = value
        }
        switch mode {
        case .capabilityToken(let expected):
            let digest = Array(SHA256.hash(data: Array(token.utf8)))
            return Self.constantTimeEqual(digest, expected) ? nil : "invalid websocket bearer token"
        case .signedBearerToken(let verifier):
            return await verifier.rejection(of: token)
        }
    }

    enum BearerHeader: Equatable {
        case missing
        case malformed
        case token(String)
    }

    /// The first `Authorization` header as `SCHEME TOKEN`, the scheme `Bearer` in any case.
    static func bearerToken(_ headers: HTTPHeaders) -> BearerHeader {
        guard let value = headers["authorization"].first else { return .missing }
        guard let space = value.firstIndex(of: " ") else { return .malformed }
        guard value[..<space].lowercased() == "bearer" else { return .malformed }
        let token = value[value.index(after: space)...].trimmingWhitespace()
        return token.isEmpty ? .malformed : .token(String(token))
    }

    /// Compares two digests touching every byte whatever the first difference.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
