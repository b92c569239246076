import CodexConfig
import CodexMCPClient
import CodexProtocol

/// What `codex mcp list` and `codex mcp get` print, in text or `--json`, as 0.163.0 does (spec §8.1, §8.2).
enum MCPServerListing {
    static let emptyListMessage = "No MCP servers configured yet. Try `codex mcp add my-tool -- my-command`."

    // MARK: - list

    /// The two tables (stdio, then HTTP, each only when it has rows), servers sorted by name.
    static func listText(_ servers: [(name: String, config: McpServerConfig, auth: MCPAuthStatus)]) -> String {
        var stdioRows: [[String]] = []
        var httpRows: [[String]] = []
        for (name, config, auth) in servers.sorted(by: { $0.name < $1.name }) {
            let status = config.enabled ? "enabled" : "disabled"
            switch config.transport {
            case .stdio(let command, let args, _, _, let cwd):
                stdioRows.append([
                    name, command, args.isEmpty ? "-" : args.joined(separator: " "), maskedEnv(config) ?? "-",
                    cwd ?? "-", status, auth.displayText,
                ])
            case .streamableHTTP(let url, let bearerTokenEnvVar, _, _):
                httpRows.append([name, url, bearerTokenEnvVar ?? "-", status, auth.displayText])
            }
        }
        var tables: [String] = []
        if !stdioRows.isEmpty {
            tables.append(table(header: ["Name", "Command", "Args", "Env", "Cwd", "Status", "Auth"], rows: stdioRows))
        }
        if !httpRows.isEmpty {
            tables.append(table(header: ["Name", "Url", "Bearer Token Env Var", "Status", "Auth"], rows: httpRows))
        }
        return tables.joined(separator: "\n")
    }

    /// Left-aligned columns padded to their widest cell, two spaces apart, trailing spaces kept; one line a row.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = header.map(\.count)
        for row in all {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return all.map { row in
            row.enumerated().map { column, cell in cell + String(repeating: " ", count: widths[column] - cell.count) }
                .joined(separator: "  ") + "\n"
        }.joined()
    }

    /// The `--json` array: one object a server, sorted by name.
    static func listJSON(_ servers: [(name: String, config: McpServerConfig, auth: MCPAuthStatus)]) -> JSONValue {
        .array(
            servers.sorted(by: { $0.name < $1.name }).map { name, config, auth in
                var object = JSONObject([
                    ("name", .string(name)), ("enabled", .bool(config.enabled)), ("disabled_reason", .null),
                    ("transport", transportJSON(config)),
                ])
                object["startup_timeout_sec"] = config.startupTimeoutSetting.map(JSONValue.double) ?? .null
                object["tool_timeout_sec"] = config.toolTimeoutSetting.map(JSONValue.double) ?? .null
                object["auth_status"] = .string(auth.snakeCaseName)
                return .object(object)
            })
    }

    // MARK: - get

    /// The `key: value` block of one server; a disabled server is only `<name> (disabled)`.
    static func getText(name: String, config: McpServerConfig) -> String {
        guard config.enabled else { return "\(name) (disabled)\n" }
        var lines = [name, "  enabled: true"]
        if let enabledTools = config.enabledTools { lines.append("  enabled_tools: " + enabledTools.joined(separator: ", ")) }
        if !config.disabledTools.isEmpty { lines.append("  disabled_tools: " + config.disabledTools.joined(separator: ", ")) }
        switch config.transport {
        case .stdio(let command, let args, _, _, let cwd):
            lines += [
                "  transport: stdio", "  command: \(command)", "  args: " + (args.isEmpty ? "-" : args.joined(separator: " ")),
                "  cwd: " + (cwd ?? "-"), "  env: " + (maskedEnv(config) ?? "-"),
            ]
        case .streamableHTTP(let url, let bearerTokenEnvVar, let httpHeaders, let envHTTPHeaders):
            lines += [
                "  transport: streamable_http", "  url: \(url)", "  bearer_token_env_var: " + (bearerTokenEnvVar ?? "-"),
                "  http_headers: " + pairs(httpHeaders, masked: true),
                "  env_http_headers: " + pairs(envHTTPHeaders, masked: false),
                "  http_headers_helper: " + (config.httpHeadersHelper == nil ? "-" : "<redacted>"),
            ]
        }
        if let startup = config.startupTimeoutSetting { lines.append("  startup_timeout_sec: " + seconds(startup)) }
        if let tool = config.toolTimeoutSetting { lines.append("  tool_timeout_sec: " + seconds(tool)) }
        lines.append("  remove: codex mcp remove \(name)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `--json` object of one server: a list entry with the tool filters and without `auth_status`.
    static func getJSON(name: String, config: McpServerConfig) -> JSONValue {
        var object = JSONObject([
            ("name", .string(name)), ("enabled", .bool(config.enabled)), ("disabled_reason", .null),
            ("transport", transportJSON(config)),
        ])
        object["enabled_tools"] = config.enabledTools.map { .array($0.map(JSONValue.string)) } ?? .null
        object["disabled_tools"] = config.disabledTools.isEmpty ? .null : .array(config.disabledTools.map(JSONValue.string))
        object["startup_timeout_sec"] = config.startupTimeoutSetting.map(JSONValue.double) ?? .null
        object["tool_timeout_sec"] = config.toolTimeoutSetting.map(JSONValue.double) ?? .null
        return .object(object)
    }

    // MARK: - Pieces

    private static func transportJSON(_ config: McpServerConfig) -> JSONValue {
        switch config.transport {
        case .stdio(let command, let args, let env, let envVars, let cwd):
            return .object(JSONObject([
                ("type", "stdio"), ("command", .string(command)), ("args", .array(args.map(JSONValue.string))),
                ("env", sortedMap(env)), ("env_vars", .array(envVars.map(JSONValue.string))),
                ("cwd", cwd.map(JSONValue.string) ?? .null),
            ]))
        case .streamableHTTP(let url, let bearerTokenEnvVar, let httpHeaders, let envHTTPHeaders):
            return .object(JSONObject([
                ("type", "streamable_http"), ("url", .string(url)),
                ("bearer_token_env_var", bearerTokenEnvVar.map(JSONValue.string) ?? .null),
                ("http_headers", sortedMap(httpHeaders)), ("env_http_headers", sortedMap(envHTTPHeaders)),
                ("http_headers_helper", config.httpHeadersHelper == nil ? .null : "<redacted>"),
            ]))
        }
    }

    /// A string map as an object with sorted keys; an empty map is `null`, as the reference prints an absent one.
    private static func sortedMap(_ map: [String: String]) -> JSONValue {
        guard !map.isEmpty else { return .null }
        return .object(JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }

    /// `K=*****` for the `env` keys (sorted), then the `env_vars` names; nil when there are none.
    private static func maskedEnv(_ config: McpServerConfig) -> String? {
        guard case .stdio(_, _, let env, let envVars, _) = config.transport else { return nil }
        let names = env.keys.sorted() + envVars
        return names.isEmpty ? nil : names.map { "\($0)=*****" }.joined(separator: ", ")
    }

    /// `K=*****` (masked) or `K=V` pairs, sorted by key, joined by `, `; `-` when empty.
    private static func pairs(_ map: [String: String], masked: Bool) -> String {
        guard !map.isEmpty else { return "-" }
        return map.sorted { $0.key < $1.key }.map { "\($0.key)=\(masked ? "*****" : $0.value)" }.joined(separator: ", ")
    }

    /// Seconds as the reference prints a Duration's float: `5`, `12.5`.
    private static func seconds(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
