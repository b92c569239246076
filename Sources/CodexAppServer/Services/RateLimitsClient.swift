import AsyncHTTPClient
import CodexLogin
import CodexProtocol
import NIOCore
import NIOHTTP1

/// Reads a ChatGPT account's usage limits from the backend (`chatgpt_base_url`): `GET
/// {base}/wham/usage` when the base is a `/backend-api` URL, else `GET {base}/api/codex/usage`,
/// with the access token and `chatgpt-account-id`.
struct RateLimitsClient: Sendable {
    let baseURL: String

    static let timeout: TimeAmount = .seconds(30)

    /// The usage URL for `baseURL`.
    var usageURL: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base.contains("/backend-api") ? base + "/wham/usage" : base + "/api/codex/usage"
    }

    func read(credentials: ChatGPTCredentials) async throws(JSONRPCErrorObject) -> AppServerV2.GetAccountRateLimitsResponse {
        var request = HTTPClientRequest(url: usageURL)
        request.method = .GET
        request.headers.add(name: "Authorization", value: "Bearer \(credentials.tokens.accessToken)")
        if let accountID = credentials.tokens.accountID { request.headers.add(name: "chatgpt-account-id", value: accountID) }
        request.headers.add(name: "Accept", value: "application/json")
        let payload: JSONValue
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
            let body = Array(buffer: try await response.body.collect(upTo: 1 << 20))
            guard response.status == .ok else {
                throw JSONRPCErrorObject.internalError(
                    "failed to fetch codex rate limits: GET \(usageURL) failed: \(response.status.code); body=\(String(decoding: body, as: UTF8.self))")
            }
            payload = try JSONParser.parse(bytes: body)
        } catch let error as JSONRPCErrorObject {
            throw error
        } catch {
            throw .internalError("failed to fetch codex rate limits: \(error)")
        }
        return Self.response(from: payload)
    }

    /// Maps the backend's payload (`plan_type`, `rate_limit.{primary,secondary}_window`, `credits`,
    /// `additional_rate_limits`) onto the wire snapshot.
    static func response(from payload: JSONValue) -> AppServerV2.GetAccountRateLimitsResponse {
        let plan = payload["plan_type"]?.stringValue.map { IDTokenClaims(chatgptPlanType: $0).planType }
        var credits: AppServerV2.CreditsSnapshot?
        if let value = payload["credits"], case .object = value {
            credits = AppServerV2.CreditsSnapshot(
                hasCredits: value["has_credits"]?.boolValue ?? false, unlimited: value["unlimited"]?.boolValue ?? false,
                balance: value["balance"]?.stringValue)
        }
        let main = snapshot(
            limitID: "codex", limitName: nil, rateLimit: payload["rate_limit"], credits: credits, plan: plan)
        var byID: [String: AppServerV2.RateLimitSnapshot] = ["codex": main]
        for extra in payload["additional_rate_limits"]?.arrayValue ?? [] {
            guard let id = extra["metered_feature"]?.stringValue ?? extra["limit_name"]?.stringValue else { continue }
            byID[id] = snapshot(
                limitID: id, limitName: extra["limit_name"]?.stringValue, rateLimit: extra["rate_limit"], credits: nil,
                plan: plan)
        }
        return AppServerV2.GetAccountRateLimitsResponse(rateLimits: main, rateLimitsByLimitId: byID)
    }

    private static func snapshot(
        limitID: String, limitName: String?, rateLimit: JSONValue?, credits: AppServerV2.CreditsSnapshot?,
        plan: AppServerV2.PlanType?
    ) -> AppServerV2.RateLimitSnapshot {
        AppServerV2.RateLimitSnapshot(
            limitId: limitID, limitName: limitName, primary: window(rateLimit?["primary_window"]),
            secondary: window(rateLimit?["secondary_window"]), credits: credits, planType: plan)
    }

    private static func window(_ value: JSONValue?) -> AppServerV2.RateLimitWindow? {
        guard let value, case .object = value, let used = value["used_percent"]?.doubleValue else { return nil }
        let seconds = value["limit_window_seconds"]?.intValue
        return AppServerV2.RateLimitWindow(
            usedPercent: Int32(clamping: Int64(used.rounded())),
            windowDurationMins: seconds.map { ($0 + 59) / 60 }, resetsAt: value["reset_at"]?.intValue)
    }
}
