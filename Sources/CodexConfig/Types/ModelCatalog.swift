import CodexProtocol
import FoundationEssentials

/// The model catalog named by `model_catalog_json`: per model slug, the tools the model was tuned for.
///
/// The file is `{"models": [{"slug": ..., "shell_type": ..., "apply_patch_tool_type": ..., ...}]}`;
/// only the fields the agent acts on are kept.
public struct ModelCatalog: Sendable, Hashable {
    /// One model's entry.
    public struct Entry: Sendable, Hashable {
        public var slug: String
        /// `shell_command`, `unified_exec`, `default`, `local`, `disabled`, ...; nil when absent.
        public var shellType: String?
        /// `freeform` or `function`; nil when the model gets no apply_patch tool.
        public var applyPatchToolType: String?
        /// `context_window`: the model's context in tokens, when the catalog says.
        public var contextWindow: Int?
        /// `auto_compact_token_limit`: where the model's threads compact, when the catalog says.
        public var autoCompactTokenLimit: Int?
        /// `input_modalities` (`text`, `image`); nil when absent, which the reference reads as both.
        public var inputModalities: [String]?

        /// Whether the model takes images (`view_image` answers with an image only then).
        public var supportsImages: Bool { inputModalities?.contains("image") ?? true }

        public init(
            slug: String, shellType: String? = nil, applyPatchToolType: String? = nil, contextWindow: Int? = nil,
            autoCompactTokenLimit: Int? = nil, inputModalities: [String]? = nil
        ) {
            self.slug = slug
            self.shellType = shellType
            self.applyPatchToolType = applyPatchToolType
            self.contextWindow = contextWindow
            self.autoCompactTokenLimit = autoCompactTokenLimit
            self.inputModalities = inputModalities
        }
    }

    public var entries: [String: Entry]

    public init(entries: [Entry]) {
        var bySlug: [String: Entry] = [:]
        for entry in entries where bySlug[entry.slug] == nil { bySlug[entry.slug] = entry }
        self.entries = bySlug
    }

    /// The entry for `model`, if the catalog has one.
    public func entry(for model: String) -> Entry? { entries[model] }

    /// Reads the catalog file.
    /// - Throws: `ConfigError` naming the file when it cannot be read or is not a catalog.
    public static func load(path: String) throws(ConfigError) -> ModelCatalog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(kind: .invalidValue, message: "failed to read model_catalog_json path `\(path)`")
        }
        do {
            return try parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw ConfigError(
                kind: .invalidValue, message: "failed to parse model_catalog_json path `\(path)` as JSON: \(error.reason)")
        }
    }

    /// Parses the catalog's JSON text.
    public static func parse(_ text: String) throws(ModelCatalogError) -> ModelCatalog {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw ModelCatalogError(reason: "not valid JSON: \(error)")
        }
        guard let models = json["models"]?.arrayValue else {
            throw ModelCatalogError(reason: "expected an object with a `models` array")
        }
        var entries: [Entry] = []
        for (index, model) in models.enumerated() {
            guard let slug = model["slug"]?.stringValue else {
                throw ModelCatalogError(reason: "models[\(index)] has no string `slug`")
            }
            entries.append(
                Entry(
                    slug: slug, shellType: model["shell_type"]?.stringValue,
                    applyPatchToolType: model["apply_patch_tool_type"]?.stringValue,
                    contextWindow: model["context_window"]?.intValue.map { Int($0) },
                    autoCompactTokenLimit: model["auto_compact_token_limit"]?.intValue.map { Int($0) },
                    inputModalities: model["input_modalities"]?.arrayValue?.compactMap(\.stringValue)))
        }
        return ModelCatalog(entries: entries)
    }
}

/// Why a model catalog could not be read.
public struct ModelCatalogError: Error, Sendable, Hashable {
    public var reason: String
}
