public import CodexProtocol

/// A web search the provider ran for the model (its `web_search_call` output item), as items report it.
public struct WebSearchItem: Sendable, Hashable {
    /// The provider's item id (`ws_...`).
    public var id: String
    /// What the search was, in one line: the query, the page URL, or `'pattern' in url`.
    public var query: String
    /// What the provider did; nil when the item did not say (an item still starting).
    public var action: WebSearchAction?

    public init(id: String, query: String, action: WebSearchAction?) {
        self.id = id
        self.query = query
        self.action = action
    }

    /// Reads a `web_search_call` item; nil when it has no id. Without an `action` the item is an `other`
    /// search once done, and has no action while it starts.
    public init?(responseItem raw: JSONValue, done: Bool) {
        guard let id = raw["id"]?.stringValue else { return nil }
        let action = raw["action"].flatMap(WebSearchAction.init(json:)) ?? (done ? .other : nil)
        self.init(id: id, query: action?.summary ?? "", action: action)
    }
}

/// What a web search did, as the Responses API's `web_search_call.action` says.
public enum WebSearchAction: Sendable, Hashable {
    case search(query: String?, queries: [String]?)
    case openPage(url: String?)
    case findInPage(url: String?, pattern: String?)
    case other

    /// Reads an `action` object (`type` `search`, `open_page`, `find_in_page`; any other type is `other`).
    init?(json: JSONValue) {
        guard case .object = json else { return nil }
        switch json["type"]?.stringValue {
        case "search":
            self = .search(
                query: json["query"]?.stringValue, queries: json["queries"]?.arrayValue?.compactMap(\.stringValue))
        case "open_page": self = .openPage(url: json["url"]?.stringValue)
        case "find_in_page": self = .findInPage(url: json["url"]?.stringValue, pattern: json["pattern"]?.stringValue)
        default: self = .other
        }
    }

    /// The one-line description the reference shows as the item's `query`.
    public var summary: String {
        switch self {
        case .search(let query, let queries): return query ?? queries?.first ?? ""
        case .openPage(let url): return url ?? ""
        case .findInPage(let url, let pattern):
            switch (pattern, url) {
            case (let pattern?, let url?): return "'\(pattern)' in \(url)"
            case (let pattern?, nil): return "'\(pattern)'"
            case (nil, let url?): return url
            case (nil, nil): return ""
            }
        case .other: return ""
        }
    }
}
