import CodexBasics
public import CodexProtocol
import FoundationEssentials

/// What Codex reads from a ChatGPT id_token: email, plan, user and account ids.
///
/// The JWT's signature is NOT verified, as the reference does not verify it either: the token came
/// straight from the issuer over TLS (or from our own auth.json), and only display and routing
/// information is taken from it, never an authorization decision.
public struct IDTokenClaims: Sendable, Hashable {
    /// `email`, else `https://api.openai.com/profile`.`email`.
    public var email: String?
    /// `https://api.openai.com/auth`.`chatgpt_plan_type`, lowercase as sent.
    public var chatgptPlanType: String?
    /// `https://api.openai.com/auth`.`chatgpt_user_id`, else `user_id`.
    public var chatgptUserID: String?
    /// `https://api.openai.com/auth`.`chatgpt_account_id`: the workspace.
    public var chatgptAccountID: String?
    /// `exp` (seconds since 1970), when present.
    public var expiresAt: Int64?

    public init(
        email: String? = nil, chatgptPlanType: String? = nil, chatgptUserID: String? = nil,
        chatgptAccountID: String? = nil, expiresAt: Int64? = nil
    ) {
        self.email = email
        self.chatgptPlanType = chatgptPlanType
        self.chatgptUserID = chatgptUserID
        self.chatgptAccountID = chatgptAccountID
        self.expiresAt = expiresAt
    }

    static let authClaimKey = "https://api.openai.com/auth"
    static let profileClaimKey = "https://api.openai.com/profile"

    /// Reads the claims of `header.payload.signature` (each part non-empty, payload base64url).
    public static func parse(jwt: String) throws(JWTClaimsError) -> IDTokenClaims {
        let payload = try payloadObject(jwt: jwt)
        var claims = IDTokenClaims()
        claims.email = payload["email"]?.stringValue ?? payload[profileClaimKey]?["email"]?.stringValue
        claims.expiresAt = payload["exp"]?.intValue
        if let auth = payload[authClaimKey], case .object = auth {
            claims.chatgptPlanType = auth["chatgpt_plan_type"]?.stringValue
            claims.chatgptUserID = auth["chatgpt_user_id"]?.stringValue ?? auth["user_id"]?.stringValue
            claims.chatgptAccountID = auth["chatgpt_account_id"]?.stringValue
        }
        return claims
    }

    /// The decoded payload object of a JWT.
    public static func payloadObject(jwt: String) throws(JWTClaimsError) -> JSONValue {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw .invalidFormat }
        guard let bytes = Base64URL.decode(String(parts[1])) else { throw .invalidBase64 }
        do {
            let value = try JSONParser.parse(bytes: bytes)
            guard case .object = value else { throw JWTClaimsError.invalidJSON("payload is not an object") }
            return value
        } catch let error as JWTClaimsError {
            throw error
        } catch {
            throw .invalidJSON("\(error)")
        }
    }

    /// The wire plan type (an unknown plan reads as `unknown`).
    public var planType: AppServerV2.PlanType {
        guard let raw = chatgptPlanType?.lowercased() else { return .unknown }
        switch raw {
        case "hc": return .enterprise
        case "education": return .edu
        default: return Self.wirePlanTypes.contains(raw) ? AppServerV2.PlanType(rawValue: raw) : .unknown
        }
    }

    /// The plan names the reference's schema lists (its `PlanType` enum).
    static let wirePlanTypes: Set<String> = [
        "free", "go", "plus", "pro", "prolite", "promax", "team", "self_serve_business_prolite",
        "self_serve_business_usage_based", "business", "ent26", "enterprise_cbp_automation",
        "enterprise_cbp_usage_based", "enterprise", "edu", "edu_plus", "edu_pro",
    ]
}

/// Why a JWT's claims could not be read.
public enum JWTClaimsError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidFormat
    case invalidBase64
    case invalidJSON(String)

    public var description: String {
        switch self {
        case .invalidFormat: "invalid ID token format"
        case .invalidBase64: "invalid base64 in ID token payload"
        case .invalidJSON(let message): "invalid JSON in ID token payload: \(message)"
        }
    }
}
