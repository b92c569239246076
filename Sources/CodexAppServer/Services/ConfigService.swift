import CodexConfig
import CodexProtocol
import FoundationEssentials

/// `config/read`, `config/value/write`, `config/batchWrite` and `configRequirements/read`.
struct ConfigService: Sendable {
    let host: any AppServerServiceHost

    // MARK: config/read

    func read(_ params: AppServerV2.ConfigReadParams) throws(JSONRPCErrorObject) -> AppServerV2.ConfigReadResponse {
        let loaded = try load(cwd: params.cwd ?? host.defaultCwd)
        let versions = LayerVersions(loaded.layers)
        var origins: [String: AppServerV2.ConfigLayerMetadata] = [:]
        for (key, source) in ConfigReadView.originKeys(loaded.origins, merged: loaded.merged.objectValue ?? JSONObject()) {
            origins[key] = try versions.metadata(source)
        }
        var layers: [AppServerV2.ConfigLayer]?
        if params.includeLayers {
            layers = try loaded.layers.reversed().map { layer throws(JSONRPCErrorObject) in
                let metadata = try versions.metadata(layer.source)
                return AppServerV2.ConfigLayer(
                    name: metadata.name, version: metadata.version, config: .object(ConfigReadView.normalizedLayer(layer.config)),
                    disabledReason: layer.disabledReason)
            }
        }
        return AppServerV2.ConfigReadResponse(
            config: ConfigReadView.render(loaded.merged.objectValue ?? JSONObject()), origins: origins, layers: layers)
    }

    // MARK: config writes

    func write(edits: [AppServerV2.ConfigEdit], filePath: String?, expectedVersion: String?)
        throws(JSONRPCErrorObject) -> AppServerV2.ConfigWriteResponse
    {
        let writer = ConfigFileEditor(host: host)
        let before = try? load(cwd: host.defaultCwd)
        let path = try writer.apply(
            edits: edits, filePath: filePath, expectedVersion: expectedVersion,
            currentVersion: before.flatMap(LayerVersions.userVersion))
        let after = try? load(cwd: host.defaultCwd)
        let version = after.flatMap(LayerVersions.userVersion) ?? ContentVersion.of(layer: [:])
        var response = AppServerV2.ConfigWriteResponse(status: .ok, version: version, filePath: path)
        if let after, let overridden = try overriddenEdit(edits, loaded: after) {
            response.status = .okOverridden
            response.overriddenMetadata = overridden
        }
        return response
    }

    /// The first edit whose value a higher layer (a project, `-c`, managed config) still overrides.
    private func overriddenEdit(_ edits: [AppServerV2.ConfigEdit], loaded: LoadedConfig)
        throws(JSONRPCErrorObject) -> AppServerV2.OverriddenMetadata?
    {
        let versions = LayerVersions(loaded.layers)
        for edit in edits where !edit.value.isNull {
            guard let segments = try? ConfigKeyPath.segments(edit.keyPath) else { continue }
            let dotted = segments.joined(separator: ".")
            guard let source = loaded.origin(of: dotted), !Self.isUserLayer(source) else { continue }
            let effective = ConfigKeyPath.value(at: segments, in: loaded.merged) ?? .null
            if effective == edit.value { continue }
            return AppServerV2.OverriddenMetadata(
                message: "`\(dotted)` is overridden by \(source.displayName)",
                overridingLayer: try versions.metadata(source), effectiveValue: effective)
        }
        return nil
    }

    private static func isUserLayer(_ source: ConfigLayerSource) -> Bool {
        if case .user = source { return true }
        return false
    }

    // MARK: configRequirements/read

    func readRequirements() throws(JSONRPCErrorObject) -> AppServerV2.ConfigRequirementsReadResponse {
        let path = host.configLoadOptions(cwd: host.defaultCwd).requirementsPath
        guard let data = FileManager.default.contents(atPath: path) else {
            return AppServerV2.ConfigRequirementsReadResponse(requirements: nil)
        }
        let text = String(decoding: data, as: UTF8.self)
        let table: JSONObject
        do {
            table = try TOMLDocument.parse(text)
        } catch {
            throw .internalError("failed to read \(path):\(error.line):\(error.column): \(error.message)")
        }
        var requirements = JSONObject()
        for (key, value) in table {
            requirements[ConfigKeyPath.camelCase(key)] = value
        }
        return AppServerV2.ConfigRequirementsReadResponse(requirements: requirements)
    }

    // MARK: Loading

    func load(cwd: String) throws(JSONRPCErrorObject) -> LoadedConfig {
        do {
            return try ConfigLoader.load(host.configLoadOptions(cwd: cwd))
        } catch {
            throw .invalidRequest("error loading config: \(error)")
        }
    }
}

/// The version of each layer (see `ContentVersion.of(layer:)`).
struct LayerVersions {
    private var versions: [ConfigLayerSource: String] = [:]

    init(_ layers: [ConfigLayer]) {
        for layer in layers {
            versions[layer.source] = ContentVersion.of(layer: layer.config)
        }
    }

    /// The version of the user layer (`$CODEX_HOME/config.toml`) of a load.
    static func userVersion(_ loaded: LoadedConfig) -> String? {
        for layer in loaded.layers {
            if case .user = layer.source { return ContentVersion.of(layer: layer.config) }
        }
        return nil
    }

    /// `{name, version}` for a layer source.
    func metadata(_ source: ConfigLayerSource) throws(JSONRPCErrorObject) -> AppServerV2.ConfigLayerMetadata {
        let name: AppServerV2.ConfigLayerSource
        do {
            name = try source.wireValue.decode(AppServerV2.ConfigLayerSource.self)
        } catch {
            throw .internalError("cannot describe config layer \(source.displayName): \(error)")
        }
        return AppServerV2.ConfigLayerMetadata(name: name, version: versions[source] ?? ContentVersion.of(layer: [:]))
    }
}
