import CodexConfig
import CodexMCPClient
import CodexProtocol

/// The backend's connector payloads as wire types (connectors.md §4): directory entries as `AppInfo` merged
/// with what the gateway reaches, batch entries as `ConnectorMetadata`.
enum AppInfoMapping {
    /// `https://chatgpt.com/apps/<slug>/<id>`; the slug is the name lowercased, every non-alphanumeric
    /// character → `-`, leading and trailing `-` trimmed (`Beta (not linked)` → `beta--not-linked`).
    static func installURL(name: String, id: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            let keep = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            slug.unicodeScalars.append(keep ? scalar : "-")
        }
        while slug.hasPrefix("-") { slug.removeFirst() }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "https://chatgpt.com/apps/\(slug)/\(id)"
    }

    /// One directory entry (`id`, `name`, `description`, `logoUrl`/`logo_url`, `logoUrlDark`/`logo_url_dark`,
    /// `distributionChannel`/`distribution_channel`); nil without an id and name, or when `visibility` is `HIDDEN`.
    static func appInfo(directoryEntry entry: JSONValue, apps: AppsConfig) -> AppServerV2.AppInfo? {
        guard let id = entry["id"]?.stringValue, let name = entry["name"]?.stringValue,
            entry["visibility"]?.stringValue != "HIDDEN"
        else { return nil }
        func string(_ keys: String...) -> String? { keys.lazy.compactMap { entry[$0]?.stringValue }.first }
        return AppServerV2.AppInfo(
            id: id, name: name, description: string("description"), logoUrl: string("logoUrl", "logo_url"),
            logoUrlDark: string("logoUrlDark", "logo_url_dark"), iconAssets: nil, iconDarkAssets: nil,
            distributionChannel: string("distributionChannel", "distribution_channel"), branding: nil, appMetadata: nil,
            labels: nil, installUrl: installURL(name: name, id: id), isAccessible: false, isEnabled: apps.isEnabled(id),
            pluginDisplayNames: [])
    }

    /// The directory (HIDDEN entries dropped) with `isAccessible` set for the connectors the gateway's tools name
    /// (an accessible connector the directory lacks is not listed, as in 0.163.0); accessible first, then by name
    /// (then id).
    static func merged(directory: [JSONValue], gatewayTools: [JSONValue], apps: AppsConfig) -> [AppServerV2.AppInfo] {
        let accessible = Set(gatewayTools.compactMap { ConnectorTools.connector(of: $0)?.id })
        var result: [AppServerV2.AppInfo] = []
        var seen: Set<String> = []
        for entry in directory {
            guard var info = appInfo(directoryEntry: entry, apps: apps), seen.insert(info.id).inserted else { continue }
            info.isAccessible = accessible.contains(info.id)
            result.append(info)
        }
        return result.sorted { a, b in
            if a.isAccessible != b.isAccessible { return a.isAccessible }
            if a.name != b.name { return a.name < b.name }
            return a.id < b.id
        }
    }

    /// One `POST /ps/apps/batch` entry (`id`, `name`, `description`, `icon_url`, `icon_dark_url`,
    /// `distribution_channel`, `tools`); the tool summaries only with `includeTools`.
    static func metadata(batchEntry entry: JSONValue, includeTools: Bool) -> AppServerV2.ConnectorMetadata? {
        guard let id = entry["id"]?.stringValue else { return nil }
        let name = entry["name"]?.stringValue ?? id
        var summaries: [AppServerV2.AppToolSummary]?
        if includeTools {
            summaries = (entry["tools"]?.arrayValue ?? []).compactMap { tool in
                guard let toolName = tool["name"]?.stringValue else { return nil }
                return AppServerV2.AppToolSummary(
                    name: toolName, title: tool["title"]?.stringValue, description: tool["description"]?.stringValue ?? "",
                    isEnabled: tool["is_enabled"]?.boolValue ?? true, disabledReason: tool["disabled_reason"]?.stringValue,
                    isReadOnly: tool["is_read_only"]?.boolValue ?? false)
            }
        }
        return AppServerV2.ConnectorMetadata(
            id: id, name: name, description: entry["description"]?.stringValue, iconUrl: entry["icon_url"]?.stringValue,
            iconUrlDark: entry["icon_dark_url"]?.stringValue, distributionChannel: entry["distribution_channel"]?.stringValue,
            installUrl: installURL(name: name, id: id), pluginDisplayNames: [], toolSummaries: summaries)
    }
}
