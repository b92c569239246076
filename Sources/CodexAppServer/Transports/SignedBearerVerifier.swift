import FoundationEssentials
import JWTKit

/// Verifies the HS256 JWTs of `--ws-auth signed-bearer-token` with jwt-kit, then checks the claims as the
/// reference does: `exp` required, `nbf` optional, both with the clock-skew leeway; `iss` and `aud` when
/// the server was given an issuer or audience.
struct SignedBearerVerifier: Sendable {
    private let keys: JWTKeyCollection
    private let issuer: String?
    private let audience: String?
    private let maxClockSkewSeconds: Int64

    init(secret: [UInt8], issuer: String?, audience: String?, maxClockSkewSeconds: Int64) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.issuer = issuer
        self.audience = audience
        self.maxClockSkewSeconds = maxClockSkewSeconds
    }

    /// Nil for a valid token; otherwise the reason of the 401 answer.
    func rejection(of token: String, now: Int64 = Int64(Date().timeIntervalSince1970)) async -> String? {
        let claims: BearerClaims
        do {
            let (header, _, _) = try DefaultJWTParser().parse(Array(token.utf8), as: BearerClaims.self)
            guard header.alg == "HS256" else { return "invalid websocket jwt" }
            claims = try await keys.verify(token, as: BearerClaims.self)
        } catch {
            return "invalid websocket jwt"
        }
        if now > claims.exp.saturatingAdd(maxClockSkewSeconds) { return "expired websocket jwt" }
        if let notBefore = claims.nbf, now < notBefore.saturatingAdd(-maxClockSkewSeconds) {
            return "websocket jwt is not valid yet"
        }
        if let issuer, claims.iss != issuer { return "websocket jwt issuer mismatch" }
        if let audience, !(claims.aud?.contains(audience) ?? false) { return "websocket jwt audience mismatch" }
        return nil
    }
}

/// The claims a signed bearer token is checked on (others are ignored).
struct BearerClaims: JWTPayload {
    var exp: Int64
    var nbf: Int64?
    var iss: String?
    var aud: Audience?

    /// `aud`: one string or a list of them.
    enum Audience: Codable, Sendable {
        case one(String)
        case many([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode(String.self) {
                self = .one(single)
            } else {
                self = .many(try container.decode([String].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .one(let value): try container.encode(value)
            case .many(let values): try container.encode(values)
            }
        }

        func contains(_ audience: String) -> Bool {
            switch self {
            case .one(let value): return value == audience
            case .many(let values): return values.contains(audience)
            }
        }
    }

    /// The claims are checked by `SignedBearerVerifier`, with the reference's messages.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

extension Int64 {
    /// `self + other`, clamped to the representable range.
    fileprivate func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
