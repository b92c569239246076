import CodexLogin
import CodexProtocol
import CodexTestSupport
import FoundationEssentials
import Glibc
import Testing

@Suite struct AuthStorageTests {
    static let idToken = FakeIssuer.idToken(email: "user@example.com", plan: "pro", accountID: "acct-1")

    @Test func apiKeyFileIsTheReferencesBytesWithMode0600() throws {
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let storage = AuthFileStorage(codexHome: home.path)
        try storage.save(AuthDotJson(authMode: .apiKey, openAIAPIKey: "sk-test-abcdef1234567890"))
        let text = try String(contentsOfFile: storage.path, encoding: .utf8)
        #expect(text == "{\n  \"auth_mode\": \"apikey\",\n  \"OPENAI_API_KEY\": \"sk-test-abcdef1234567890\"\n}")
        var status = stat()
        #expect(stat(storage.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
    }

    @Test func anExistingLooserFileIsTightenedTo0600() throws {
        let home = try TemporaryDirectory.create()
        defer { home.remove() }
        let storage = AuthFileStorage(codexHome: home.path)
        _ = try home.write("{}", to: "auth.json")
        #expect(chmod(storage.path, 0o644) == 0)
        try storage.save(AuthDotJson(authMode: .apiKey, openAIAPIKey: "k"))
        var status = stat()
        #expect(stat(storage.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
    }

    @Test func chatgptFileRoundTripsInTheReferenceLayout() throws {
        let tokens = try TokenData(idToken: Self.idToken, accessToken: "at-1", refreshToken: "rt-1")
        let file = AuthDotJson(authMode: .chatgpt, openAIAPIKey: nil, tokens: tokens, lastRefresh: "2026-12-05T06:00:00.123456789Z")
        let text = String(decoding: file.serialized(), as: UTF8.self)
        #expect(text == """
            {
              "auth_mode": "chatgpt",
              "OPENAI_API_KEY": null,
              "tokens": {
                "id_token": "\(Self.idToken)",
                "access_token": "at-1",
                "refresh_token": "rt-1",
                "account_id": "acct-1"
              },
              "last_refresh": "2026-12-05T06:00:00.123456789Z"
            }
            """)
        let parsed = try AuthDotJson.parse(file.serialized())
        #expect(parsed == file)
        #expect(parsed.tokens?.claims.email == "user@example.com")
        #expect(parsed.tokens?.claims.chatgptPlanType == "pro")
        #expect(parsed.tokens?.claims.planType == .pro)
    }

    @Test func classicFilesWithoutAuthModeFollowTheClassicRule() throws {
        let withKey = try AuthDotJson.parse(Array(#"{"OPENAI_API_KEY":"sk-1","tokens":null}"#.utf8))
        #expect(withKey.resolvedMode == .apiKey)
        #expect(CodexAuth(withKey) == .apiKey("sk-1"))
        let tokensOnly = try AuthDotJson.parse(Array("""
            {"OPENAI_API_KEY":null,"tokens":{"id_token":"\(Self.idToken)","access_token":"a","refresh_token":"r","account_id":null}}
            """.utf8))
        #expect(tokensOnly.resolvedMode == .chatgpt)
        #expect(CodexAuth(tokensOnly)?.mode == .chatgpt)
        // The key wins over tokens in the classic rule, as the reference reports such a file.
        let both = try AuthDotJson.parse(Array("""
            {"OPENAI_API_KEY":"sk-2","tokens":{"id_token":"\(Self.idToken)","access_token":"a","refresh_token":"r"}}
            """.utf8))
        #expect(CodexAuth(both) == .apiKey("sk-2"))
    }

    @Test(arguments: [
        ("{bad", "expected"),
        (#"{"auth_mode":"robot"}"#, "auth_mode"),
        (#"{"OPENAI_API_KEY":5}"#, "OPENAI_API_KEY"),
        (#"{"tokens":{"id_token":"not-a-jwt","access_token":"a","refresh_token":"r"}}"#, "invalid ID token format"),
        (#"{"tokens":{"access_token":"a","refresh_token":"r"}}"#, "missing field `id_token`"),
    ])
    func malformedFilesAreErrorsNamingTheProblem(text: String, fragment: String) {
        #expect {
            try AuthDotJson.parse(Array(text.utf8))
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test func maskShowsFirstEightAndLastFive() {
        #expect(LoginStatus.mask(apiKey: "sk-test-abcdef1234567890") == "sk-test-***67890")
        #expect(LoginStatus.mask(apiKey: "sk-abcdefghijklmnop") == "sk-abcde***lmnop")
        #expect(LoginStatus.mask(apiKey: "1234567890123") == "***")
        #expect(LoginStatus.mask(apiKey: "12345678901234") == "12345678***01234")
    }

    @Test func claimsComeFromTheProfileWhenTopLevelEmailIsAbsent() throws {
        let token = FakeIssuer.jwt([
            "https://api.openai.com/profile": ["email": "p@example.com"],
            "https://api.openai.com/auth": ["chatgpt_plan_type": "Education", "user_id": "u-9"],
        ])
        let claims = try IDTokenClaims.parse(jwt: token)
        #expect(claims.email == "p@example.com")
        #expect(claims.chatgptUserID == "u-9")
        #expect(claims.planType == .edu)
        #expect(try IDTokenClaims.parse(jwt: FakeIssuer.jwt(["https://api.openai.com/auth": ["chatgpt_plan_type": "mystery"]])).planType == .unknown)
    }

    @Test func pkceChallengeIsTheS256OfTheVerifier() {
        // The expected value was computed with Python's hashlib and base64.urlsafe_b64encode.
        let codes = PKCECodes(codeVerifier: "dBjftJeZ4CVP-mJ92K9F4lF9ns_9n3H8Xh0dj1d3cA8")
        #expect(codes.codeChallenge == "t4AQ5x1cIvg5iCzx_NwcpLSbsmu4CsqJbPvC79AYHGk")
        let generated = PKCECodes.generate()
        #expect(generated.codeVerifier.count == 86)
        #expect(PKCECodes.generateState().count == 43)
        #expect(generated.codeVerifier != PKCECodes.generate().codeVerifier)
        #expect(!generated.codeVerifier.contains("=") && !generated.codeVerifier.contains("+") && !generated.codeVerifier.contains("/"))
    }
}
