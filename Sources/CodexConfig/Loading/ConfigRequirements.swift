import CodexProtocol

/// Admin constraints from `requirements.toml` (and, for fields it leaves unset, `managed_config.toml`).
struct ConfigRequirements: Sendable, Equatable {
    /// An allowed set together with the file that imposed it.
    struct Allowed<Value: Sendable & Equatable>: Sendable, Equatable {
        let values: [Value]
        let source: String
    }

    var approvalPolicies: Allowed<AskForApproval>?
    var sandboxModes: Allowed<SandboxMode>?

    /// Reads `requirementsPath` (missing = no constraints), then fills unset fields from the legacy
    /// managed layer, where a single `approval_policy`/`sandbox_mode` value becomes a one-element set.
    static func load(requirementsPath: String, managedLayer: ConfigLayer?) throws(ConfigError) -> ConfigRequirements {
        var requirements = ConfigRequirements()
        if let text = try ConfigFileReader.readIfPresent(requirementsPath) {
            let table = try TOMLReader.parseDocument(text, sourceName: requirementsPath)
            requirements.approvalPolicies = try allowedList(
                table, key: "allowed_approval_policies", source: requirementsPath)
            requirements.sandboxModes = try allowedList(table, key: "allowed_sandbox_modes", source: requirementsPath)
            if let modes = requirements.sandboxModes, !modes.values.contains(.readOnly) {
                throw ConfigError(
                    kind: .invalidValue,
                    message: "invalid value for `allowed_sandbox_modes` in \(requirementsPath): it must include `read-only`")
            }
        }
        if let managedLayer, let file = managedLayer.source.file {
            let table = managedLayer.config
            if requirements.approvalPolicies == nil, let raw = table["approval_policy"] {
                requirements.approvalPolicies = Allowed(
                    values: [try single(raw, key: "approval_policy", source: file)], source: file)
            }
            if requirements.sandboxModes == nil, let raw = table["sandbox_mode"] {
                requirements.sandboxModes = Allowed(values: [try single(raw, key: "sandbox_mode", source: file)], source: file)
            }
        }
        return requirements
    }

    private static func allowedList<E: ConfigEnum>(_ table: JSONObject, key: String, source: String) throws(ConfigError)
        -> Allowed<E>?
    {
        guard let raw = table[key] else { return nil }
        guard case .array(let items) = raw else {
            throw .invalidValue(key: key, source: source, expected: "an array of \(E.allowedList)", found: raw)
        }
        var values: [E] = []
        for item in items { values.append(try single(item, key: key, source: source)) }
        return Allowed(values: values, source: source)
    }

    private static func single<E: ConfigEnum>(_ raw: JSONValue, key: String, source: String) throws(ConfigError) -> E {
        guard case .string(let text) = raw, let value = E(rawValue: text) else {
            throw .invalidValue(key: key, source: source, expected: "one of \(E.allowedList)", found: raw)
        }
        return value
    }

    /// Checks a candidate against an allowed set.
    /// - Parameter explicit: whether the value was configured; a default that is not allowed falls back
    ///   to `fallback` (or the first allowed value) instead of failing.
    static func enforce<E: ConfigEnum>(
        _ candidate: E, allowed: Allowed<E>?, field: String, explicit: Bool, fallback: E? = nil
    ) throws(ConfigError) -> E {
        guard let allowed, !allowed.values.contains(candidate) else { return candidate }
        if !explicit, let replacement = fallback ?? allowed.values.first { return replacement }
        let list = allowed.values.map(\.rawValue).joined(separator: ", ")
        throw ConfigError(
            kind: .requirementViolated,
            message: "invalid value for `\(field)`: `\(candidate.rawValue)` is not in the allowed set [\(list)] (set by \(allowed.source))")
    }
}
