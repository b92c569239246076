import CodexProtocol

/// Where one effective leaf came from: the layer and the key path as written in that layer.
struct ValueOrigin: Sendable, Equatable {
    let source: ConfigLayerSource
    let keyPath: String
}

/// A merged tree together with the origin of every leaf (scalars, arrays and empty tables).
struct SourcedTree: Sendable {
    var root = JSONObject()
    /// Dotted key path -> origin, for each leaf of `root`.
    var origins: [String: ValueOrigin] = [:]

    /// Folds `overlay` onto the tree: tables merge key by key, anything else replaces wholesale.
    /// - Parameter originFor: the origin of an overlay leaf, given its dotted path in the overlay.
    mutating func merge(_ overlay: JSONObject, prefix: [String] = [], originFor: (String) -> ValueOrigin) {
        Self.merge(into: &root, overlay: overlay, path: prefix, origins: &origins, originFor: originFor)
    }

    /// Folds a whole layer onto the tree.
    mutating func merge(layer: ConfigLayer) {
        merge(layer.config) { ValueOrigin(source: layer.source, keyPath: $0) }
    }

    private static func merge(
        into base: inout JSONObject, overlay: JSONObject, path: [String],
        origins: inout [String: ValueOrigin], originFor: (String) -> ValueOrigin
    ) {
        for (key, value) in overlay {
            let childPath = path + [key]
            // Built by hand: `joined(separator:)` runs unspecialized and its first call scans the binary's
            // conformance records, which the app-server's startup would pay here.
            var dotted = ""
            for index in childPath.indices {
                if index > 0 { dotted += "." }
                dotted += childPath[index]
            }
            if case .object(let overlayTable) = value {
                var baseTable: JSONObject
                if let existing = base[key]?.objectValue {
                    baseTable = existing
                } else {
                    removeOrigins(under: dotted, from: &origins)
                    baseTable = JSONObject()
                }
                if overlayTable.isEmpty && baseTable.isEmpty {
                    origins[dotted] = originFor(dotted)
                } else {
                    origins[dotted] = nil
                }
                merge(into: &baseTable, overlay: overlayTable, path: childPath, origins: &origins, originFor: originFor)
                base[key] = .object(baseTable)
            } else {
                removeOrigins(under: dotted, from: &origins)
                base[key] = value
                origins[dotted] = originFor(dotted)
            }
        }
    }

    private static func removeOrigins(under dotted: String, from origins: inout [String: ValueOrigin]) {
        origins[dotted] = nil
        let prefix = dotted + "."
        for key in origins.keys where key.hasPrefix(prefix) { origins[key] = nil }
    }

    /// The origin of a key path: the leaf itself, or the newest origin found beneath a table.
    func origin(of keyPath: String) -> ValueOrigin? {
        if let exact = origins[keyPath] { return exact }
        let prefix = keyPath + "."
        return origins.keys.filter { $0.hasPrefix(prefix) }.min().flatMap { origins[$0] }
    }
}
