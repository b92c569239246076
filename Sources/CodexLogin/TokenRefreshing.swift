/// Exchanges a refresh token for new tokens (the issuer's `/oauth/token`, or a test double), and
/// revokes one at logout (`/oauth/revoke`).
public protocol TokenRefreshing: Sendable {
    func refresh(refreshToken: String) async throws(LoginError) -> RefreshedTokens
    func revoke(refreshToken: String) async throws(LoginError)
}

/// The token endpoint's answer to a refresh: each present field replaces the stored one.
public struct RefreshedTokens: Sendable, Hashable {
    public var idToken: String?
    public var accessToken: String?
    public var refreshToken: String?

    public init(idToken: String?, accessToken: String?, refreshToken: String?) {
        self.idToken = idToken
        self.accessToken = accessToken
        self.refreshToken = refreshToken
    }

    /// `tokens` with the refreshed fields applied (a new id_token's claims are read again).
    public func merged(into tokens: TokenData) throws(LoginError) -> TokenData {
        var updated = tokens
        if let idToken {
            do {
                updated.claims = try IDTokenClaims.parse(jwt: idToken)
            } catch {
                throw .issuer("the refreshed id_token cannot be read: \(error)")
            }
            updated.idToken = idToken
        }
        if let accessToken { updated.accessToken = accessToken }
        if let refreshToken { updated.refreshToken = refreshToken }
        return updated
    }
}
