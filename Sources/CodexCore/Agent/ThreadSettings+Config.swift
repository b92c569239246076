public import CodexConfig
public import CodexSandbox
import FoundationEssentials

extension ThreadSettings {
    /// The settings a new thread gets from the effective configuration.
    ///
    /// Reads the files the configuration points at: `model_instructions_file` (replaces the base
    /// instructions), `$CODEX_HOME/AGENTS.md` and the project's AGENTS.md files.
    /// - Parameter environment: the process environment, filtered here by `shell_environment_policy`.
    public init(config: Config, environment: [String: String]) {
        let sandbox = SandboxSettings(config: config)
        var baseInstructions = BaseInstructions.standard
        if let file = config.modelInstructionsFile, let data = FileManager.default.contents(atPath: file) {
            baseInstructions = String(decoding: data, as: UTF8.self)
        }
        var compactPrompt = config.compactPrompt
        if compactPrompt == nil, let file = config.experimentalCompactPromptFile,
            let data = FileManager.default.contents(atPath: file)
        {
            compactPrompt = String(decoding: data, as: UTF8.self)
        }
        let userInstructions = Self.userInstructions(config: config)
        let catalogEntry = config.modelCatalog?.entry(for: config.model)
        let networkDisabled = sandbox.mode != .dangerFullAccess && !sandbox.networkAccess
        self.init(
            model: config.model, modelProvider: config.modelProviderID, cwd: config.cwd,
            approvalPolicy: config.approvalPolicy, sandbox: sandbox,
            reasoningEffort: config.modelReasoningEffort?.rawValue,
            reasoningSummary: config.modelReasoningSummary == .none ? nil : config.modelReasoningSummary.rawValue,
            baseInstructions: baseInstructions, developerInstructions: config.developerInstructions,
            userInstructions: userInstructions,
            commandEnvironment: config.shellEnvironmentPolicy.apply(to: environment, networkDisabled: networkDisabled),
            shell: "/bin/bash", supportsFreeformTools: config.modelProvider.wireAPI == .responses,
            autoCompactTokenLimit: Compaction.autoCompactTokenLimit(
                configured: config.modelAutoCompactTokenLimit ?? catalogEntry?.autoCompactTokenLimit,
                contextWindow: config.modelContextWindow ?? catalogEntry?.contextWindow ?? Self.fallbackContextWindow),
            remoteCompaction: config.features["remote_compaction"] ?? true,
            compactPrompt: compactPrompt.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 },
            modelCatalog: config.modelCatalog, webSearch: config.webSearch)
    }

    /// The context window 0.163.0 assumes for a model without catalog metadata.
    static let fallbackContextWindow = 272_000

    /// `$CODEX_HOME/AGENTS.md`, then the project documents, joined as the reference joins them.
    static func userInstructions(config: Config) -> String? {
        var parts: [String] = []
        let homeFile = config.codexHome.hasSuffix("/") ? config.codexHome + "AGENTS.md" : config.codexHome + "/AGENTS.md"
        if let data = FileManager.default.contents(atPath: homeFile) {
            let text = String(decoding: data, as: UTF8.self)
            if !text.allSatisfy(\.isWhitespace) { parts.append(text) }
        }
        let project = ProjectInstructions(
            maxBytes: config.projectDocMaxBytes, fallbackFilenames: config.projectDocFallbackFilenames
        ).load(cwd: config.cwd)
        if let project {
            return parts.isEmpty ? project : parts[0] + "\n\n--- project-doc ---\n\n" + project
        }
        return parts.first
    }
}

extension SandboxSettings {
    /// The sandbox a configuration selects.
    public init(config: Config) {
        let workspace = config.sandboxWorkspaceWrite
        self.init(
            mode: config.sandboxMode, writableRoots: workspace.writableRoots,
            networkAccess: config.sandboxMode == .workspaceWrite && workspace.networkAccess,
            excludeTmpdirEnvVar: workspace.excludeTmpdirEnvVar, excludeSlashTmp: workspace.excludeSlashTmp)
    }
}

extension SandboxSettings {
    /// The policy the sandbox helper enforces for these settings.
    public var policy: SandboxPolicy {
        switch mode {
        case .readOnly:
            return .readOnly(networkAccess: networkAccess)
        case .workspaceWrite:
            return .workspaceWrite(
                SandboxPolicy.WorkspaceWrite(
                    writableRoots: writableRoots, networkAccess: networkAccess,
                    excludeTmpdirEnvVar: excludeTmpdirEnvVar, excludeSlashTmp: excludeSlashTmp))
        case .dangerFullAccess:
            return .dangerFullAccess
        }
    }
}
