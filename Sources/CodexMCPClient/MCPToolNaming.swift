import Crypto

/// The names the model sees for MCP tools: one `mcp__<server>` namespace per server, sanitised tool names,
/// SHA-1 suffixes on collisions, and the 128-byte budget of namespace + tool name (0.163.0).
enum MCPToolNaming {
    /// The namespace prefix (dropped with `features.non_prefixed_mcp_tool_names`, which we do not read).
    static let namespacePrefix = "mcp__"
    /// Bound on `namespace.count + name.count + 2`.
    static let maxQualifiedLength = 128
    /// Hex digits of the SHA-1 suffix.
    static let hashLength = 12

    /// Every character that is not ASCII alphanumeric or `_` becomes `_`; an empty name becomes `_`.
    static func sanitize(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let isWordCharacter = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            result.unicodeScalars.append(isWordCharacter ? scalar : "_")
        }
        return result.isEmpty ? "_" : result
    }

    /// The first 12 hex digits of SHA-1 of the NUL-joined parts.
    static func hashSuffix(_ parts: [String]) -> String {
        let digest = Insecure.SHA1.hash(data: Array(parts.joined(separator: "\u{0}").utf8))
        let hex = digest.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
        return String(hex.prefix(hashLength))
    }

    /// The namespace of every server, by server name; servers whose sanitised names collide all get a suffix
    /// (`h = sha1(server \0 server \0 connector)`, no connector here).
    static func namespaces(for servers: [String]) -> [String: String] {
        var bySanitized: [String: [String]] = [:]
        for server in servers { bySanitized[sanitize(server), default: []].append(server) }
        var result: [String: String] = [:]
        for (sanitized, group) in bySanitized {
            for server in group {
                result[server] =
                    group.count == 1
                    ? namespacePrefix + sanitized
                    : namespacePrefix + sanitized + "_" + hashSuffix([server, server, ""])
            }
        }
        return result
    }

    /// The callable names of one server's tools, by raw name: sanitised; colliding tools all get a suffix
    /// (`h = sha1(server \0 server \0 connector \0 tool \0 tool)`); names over the budget are cut and suffixed.
    static func callableNames(server: String, namespace: String, tools: [String]) -> [String: String] {
        let budget = maxQualifiedLength - 2 - namespace.utf8.count
        var bySanitized: [String: [String]] = [:]
        for tool in tools { bySanitized[sanitize(tool), default: []].append(tool) }
        var result: [String: String] = [:]
        var taken: Set<String> = []
        for tool in tools {
            let sanitized = sanitize(tool)
            let collides = (bySanitized[sanitized]?.count ?? 0) > 1
            var attempt = 0
            while true {
                var parts = [server, server, "", tool, tool]
                if attempt > 0 { parts.append(String(attempt)) }
                let suffix = "_" + hashSuffix(parts)
                var name = sanitized
                if collides || attempt > 0 { name = sanitized + suffix }
                if name.utf8.count > budget {
                    let keep = max(0, budget - suffix.utf8.count)
                    name = String(decoding: Array(sanitized.utf8.prefix(keep)), as: UTF8.self) + suffix
                }
                if !taken.contains(name) {
                    taken.insert(name)
                    result[tool] = name
                    break
                }
                attempt += 1
            }
        }
        return result
    }
}
