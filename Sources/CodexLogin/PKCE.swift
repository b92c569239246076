import CodexBasics
import Crypto

/// PKCE (RFC 7636, method S256) and the OAuth `state`, from the system's secure random source.
public struct PKCECodes: Sendable, Hashable {
    /// 64 random bytes, base64url without padding.
    public let codeVerifier: String
    /// base64url-no-pad(SHA-256(verifier)).
    public let codeChallenge: String

    public init(codeVerifier: String) {
        self.codeVerifier = codeVerifier
        self.codeChallenge = Base64URL.encode(SHA256.hash(data: Array(codeVerifier.utf8)))
    }

    /// A fresh verifier and its challenge.
    public static func generate() -> PKCECodes {
        PKCECodes(codeVerifier: Base64URL.encode(randomBytes(64)))
    }

    /// 32 random bytes, base64url without padding: the `state` of an authorize request.
    public static func generateState() -> String {
        Base64URL.encode(randomBytes(32))
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
