import AsyncHTTPClient
import CodexBasics
import CodexLogin
import CodexProtocol
import NIOCore
import NIOHTTP1

/// The ChatGPT backend's connector REST calls (connectors.md §4), made to `chatgpt_base_url` with the
/// ChatGPT credentials: the app directory (`GET /connectors/directory/list`, every page) and app metadata
/// (`POST /ps/apps/batch`).
struct ConnectorDirectoryClient: Sendable {
    let baseURL: String
    let credentials: ChatGPTCredentials

    static let timeout: TimeAmount = .seconds(30)
    /// Bound on directory pages followed (a backend repeating its token cannot loop forever).
    static let maxPages = 100

    /// A failed call: its status and body, or the transport error.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var base: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Every directory entry, following `next_token` (or `nextToken`) while it is non-blank.
    func directory() async throws(Failure) -> [JSONValue] {
        var entries: [JSONValue] = []
        var token: String?
        for _ in 0..<Self.maxPages {
            var url = base + "/connectors/directory/list?external_logos=true"
            if let token { url += "&token=" + Self.queryEscaped(token) }
            let page = try await send(HTTPClientRequest(url: url))
            entries += page["apps"]?.arrayValue ?? []
            let next = page["next_token"]?.stringValue ?? page["nextToken"]?.stringValue
            guard let next, !next.trimmingWhitespace().isEmpty else { return entries }
            token = next
        }
        return entries
    }

    /// `POST /ps/apps/batch {"app_ids":…, "include_tools":…}`: the backend's `apps`.
    func batch(appIDs: [String], includeTools: Bool) async throws(Failure) -> [JSONValue] {
        var request = HTTPClientRequest(url: base + "/ps/apps/batch")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body: JSONValue = ["app_ids": .array(appIDs.map { .string($0) }), "include_tools": .bool(includeTools)]
        request.body = .bytes(ByteBuffer(bytes: body.serializedBytes()))
        return try await send(request)["apps"]?.arrayValue ?? []
    }

    private func send(_ request: HTTPClientRequest) async throws(Failure) -> JSONValue {
        var request = request
        request.headers.add(name: "Authorization", value: "Bearer \(credentials.tokens.accessToken)")
        if let account = credentials.tokens.accountID { request.headers.add(name: "chatgpt-account-id", value: account) }
        request.headers.add(name: "OAI-Product-Sku", value: "codex")
        request.headers.add(name: "Accept", value: "application/json")
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
            let body = Array(buffer: try await response.body.collect(upTo: 8 << 20))
            guard response.status == .ok else {
                throw Failure(
                    description: "Request failed with status \(response.status.code) \(response.status.reasonPhrase): "
                        + String(decoding: body, as: UTF8.self))
            }
            return try JSONParser.parse(bytes: body)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// Percent-escapes everything but unreserved characters.
    static func queryEscaped(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)) {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
