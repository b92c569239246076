extension LoadedConfig {
    /// The config folders whose `rules/*.rules` files hold exec-policy rules, lowest precedence first, as the
    /// reference reads them: the system folder (`/etc/codex`), CODEX_HOME, then each trusted project's
    /// `.codex` folder. Disabled (untrusted) project layers add none.
    public var execPolicyFolders: [String] { execPolicyFolders(ignoringUserAndProject: false) }

    /// `execPolicyFolders`; with `ignoringUserAndProject` (`codex exec --ignore-rules`) the system folder alone.
    public func execPolicyFolders(ignoringUserAndProject: Bool) -> [String] {
        var folders: [String] = []
        for layer in layers where layer.isEnabled {
            let folder: String?
            switch layer.source {
            case .system(let file): folder = Self.parentFolder(of: file)
            case .user(let file): folder = ignoringUserAndProject ? nil : Self.parentFolder(of: file)
            case .project(let dotCodexFolder): folder = ignoringUserAndProject ? nil : dotCodexFolder
            case .profile, .sessionFlags, .legacyManagedConfig: folder = nil
            }
            if let folder, !folders.contains(folder) { folders.append(folder) }
        }
        return folders
    }

    private static func parentFolder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }
}
