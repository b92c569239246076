public import CodexConfig
public import CodexProtocol

/// The gateway's tools as the model sees them (connectors.md §2.2): one `mcp__codex_apps__<connector>`
/// namespace per connector, tool names with the connector's name stripped from the front, and `[apps]`
/// deciding which connectors and tools are offered.
public enum ConnectorTools {
    /// The connector a gateway tool belongs to (its `_meta.connector_*`).
    public struct Connector: Sendable, Hashable {
        public var id: String
        public var name: String?
        public var description: String?
    }

    /// One connector of the gateway's catalog, for `app/installed`.
    public struct InstalledConnector: Sendable, Hashable {
        public var id: String
        /// The tools' `connector_name`.
        public var runtimeName: String?
        /// Enabled by `[apps]`.
        public var enabled: Bool
        /// Enabled with at least one tool offered to the model.
        public var callable: Bool
    }

    /// The connector named by a tool's `_meta` (`connector_id`, `connector_name` or `connector_display_name`,
    /// `connector_description` or `connectorDescription`); nil without a non-empty `connector_id`.
    public static func connector(of tool: JSONValue) -> Connector? {
        guard let meta = tool["_meta"], let id = meta["connector_id"]?.stringValue, !id.isEmpty else { return nil }
        let name = meta["connector_name"]?.stringValue ?? meta["connector_display_name"]?.stringValue
        let description = meta["connector_description"]?.stringValue ?? meta["connectorDescription"]?.stringValue
        return Connector(id: id, name: name, description: description)
    }

    /// Lowercased, every character that is not ASCII alphanumeric → `_` (`Acme Docs` → `acme_docs`).
    static func sanitizeConnectorName(_ name: String) -> String {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            let keep = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            result.unicodeScalars.append(keep ? scalar : "_")
        }
        return result
    }

    /// The connector's namespace: `mcp__codex_apps__<sanitised name (else id)>`.
    static func namespace(server: String, connector: Connector) -> String {
        MCPToolNaming.namespacePrefix + server + "__" + sanitizeConnectorName(connector.name ?? connector.id)
    }

    /// The sanitised raw name with the sanitised connector name (else id) cut from its front, when something
    /// remains (`acme_docs_search` → `_search`).
    static func callableBaseName(rawName: String, connector: Connector) -> String {
        let sanitized = MCPToolNaming.sanitize(rawName)
        for prefix in [connector.name.map(sanitizeConnectorName), sanitizeConnectorName(connector.id)].compactMap({ $0 })
        where !prefix.isEmpty && sanitized.hasPrefix(prefix) && sanitized.count > prefix.count {
            return String(sanitized.dropFirst(prefix.count))
        }
        return sanitized
    }

    /// Whether `[apps]` offers the tool (the connector enabled, the tool's own switch, the destructive and
    /// open-world switches against its annotations).
    static func isOffered(_ tool: JSONValue, rawName: String, connector: Connector, apps: AppsConfig) -> Bool {
        apps.isToolEnabled(
            connectorID: connector.id, tool: rawName, destructiveHint: tool["annotations"]?["destructiveHint"]?.boolValue,
            openWorldHint: tool["annotations"]?["openWorldHint"]?.boolValue)
    }

    /// The gateway's tools as offered: tools without a connector or not offered by `[apps]` left out, each in its
    /// connector's namespace; colliding names in one namespace get the SHA-1 suffix of mcp-client.md §4.3.
    static func offeredTools(_ tools: [JSONValue], server: String, apps: AppsConfig) -> [MCPConnectionManager.OfferedTool] {
        var offered: [MCPConnectionManager.OfferedTool] = []
        var byNamespace: [String: [(raw: String, base: String, tool: JSONValue, connector: Connector, parameters: JSONValue)]] = [:]
        for tool in tools {
            guard let raw = tool["name"]?.stringValue, let connector = connector(of: tool),
                isOffered(tool, rawName: raw, connector: connector, apps: apps),
                let parameters = try? MCPInputSchema.sanitize(tool["inputSchema"] ?? .object(JSONObject()))
            else { continue }
            byNamespace[namespace(server: server, connector: connector), default: []].append(
                (raw, callableBaseName(rawName: raw, connector: connector), tool, connector, parameters))
        }
        for (namespace, entries) in byNamespace {
            var counts: [String: Int] = [:]
            for entry in entries { counts[entry.base, default: 0] += 1 }
            let budget = MCPToolNaming.maxQualifiedLength - 2 - namespace.utf8.count
            for entry in entries.sorted(by: { $0.raw < $1.raw }) {
                var name = entry.base
                let suffix = "_" + MCPToolNaming.hashSuffix([server, server, entry.connector.id, entry.raw, entry.raw])
                if (counts[entry.base] ?? 0) > 1 { name += suffix }
                if name.utf8.count > budget {
                    name = String(decoding: Array(entry.base.utf8.prefix(max(0, budget - suffix.utf8.count))), as: UTF8.self) + suffix
                }
                let mode = apps.approvalMode(connectorID: entry.connector.id, tool: entry.raw) ?? .auto
                let spec: JSONValue = .object(
                    JSONObject([
                        ("type", "function"), ("name", .string(name)),
                        ("description", .string(entry.tool["description"]?.stringValue ?? "")), ("strict", false),
                        ("parameters", entry.parameters),
                    ]))
                let connectorName = entry.connector.name ?? entry.connector.id
                offered.append(
                    MCPConnectionManager.OfferedTool(
                        rawName: entry.raw, callableName: name, spec: spec,
                        approval: MCPConnectionManager.approvalTraits(mode: mode, annotations: entry.tool["annotations"]),
                        description: entry.tool["description"]?.stringValue, title: entry.tool["title"]?.stringValue,
                        namespace: namespace,
                        namespaceDescription: entry.connector.description ?? "Tools for working with \(connectorName).",
                        connector: entry.connector, codexAppsMeta: entry.tool["_meta"]?["_codex_apps"]))
            }
        }
        return offered.sorted { ($0.namespace ?? "", $0.callableName) < ($1.namespace ?? "", $1.callableName) }
    }

    /// One entry per connector id in the gateway's catalog, sorted by id: its `connector_name`, whether `[apps]`
    /// enables it, and whether any of its tools is offered.
    public static func installed(_ tools: [JSONValue], apps: AppsConfig) -> [InstalledConnector] {
        var byID: [String: InstalledConnector] = [:]
        for tool in tools {
            guard let connector = connector(of: tool) else { continue }
            let enabled = apps.isEnabled(connector.id)
            var entry = byID[connector.id] ?? InstalledConnector(id: connector.id, runtimeName: connector.name, enabled: enabled, callable: false)
            if entry.runtimeName == nil { entry.runtimeName = connector.name }
            if let raw = tool["name"]?.stringValue, isOffered(tool, rawName: raw, connector: connector, apps: apps) {
                entry.callable = true
            }
            byID[connector.id] = entry
        }
        return byID.keys.sorted().compactMap { byID[$0] }
    }
}
