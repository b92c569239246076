import Crypto
public import NIOHTTP1

/// Checks the `Authorization: Bearer TOKEN` header of a WebSocket upgrade request (`--ws-auth`).
public struct WebSocketAuthenticator: Sendable {
    /// `--ws-auth capability-token`: the token's SHA-256, compared in constant time.
    let tokenDigest: [UInt8]

    /// Accepts the token whose SHA-256 is `tokenDigest` (32 bytes).
    public init(capabilityTokenSHA256 tokenDigest: [UInt8]) {
        self.tokenDigest = tokenDigest
    }

    /// Accepts exactly `token`.
    public init(capabilityToken token: String) {
        self.tokenDigest = Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Nil when the request may upgrade; otherwise the body of the 401 answer.
    public func rejection(of headers: HTTPHeaders) -> String? {
        guard let token = Self.bearerToken(headers) else { return "missing websocket bearer token" }
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        return Self.constantTimeEqual(digest, tokenDigest) ? nil : "invalid websocket bearer token"
    }

    /// The token of the first `Authorization: Bearer` header (scheme case-insensitive), nil when none.
    static func bearerToken(_ headers: HTTPHeaders) -> String? {
        for value in headers["authorization"] {
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { continue }
            let token = parts[1].trimmingWhitespace()
            if !token.isEmpty { return String(token) }
        }
        return nil
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
