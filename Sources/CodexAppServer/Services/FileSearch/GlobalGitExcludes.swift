import CodexBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The user's global git excludes, as git finds them: `core.excludesFile` from `~/.gitconfig` or
/// `$XDG_CONFIG_HOME/git/config`, else `$XDG_CONFIG_HOME/git/ignore` (`~/.config/git/ignore`).
enum GlobalGitExcludes {
    static func load() -> IgnoreRules? {
        let home = environment("HOME")
        let configHome = environment("XDG_CONFIG_HOME") ?? home.map { $0 + "/.config" }
        var candidates: [String] = []
        for config in [home.map { $0 + "/.gitconfig" }, configHome.map { $0 + "/git/config" }].compactMap({ $0 }) {
            if let path = excludesFile(inConfig: config, home: home) { candidates.append(path) }
        }
        if let configHome { candidates.append(configHome + "/git/ignore") }
        for path in candidates {
            guard let text = readIfPresent(path) else { continue }
            let rules = IgnoreRules(parsing: text)
            return rules.isEmpty ? nil : rules
        }
        return nil
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// An unreadable or missing file counts as absent, as it does for git.
    private static func readIfPresent(_ path: String) -> [UInt8]? {
        do {
            return try FileDescriptorIO.readFile(atPath: path, limit: 1 << 24)
        } catch {
            return nil
        }
    }

    /// `excludesfile = PATH` in the `[core]` section of a git config file (`~/` expanded).
    static func excludesFile(inConfig path: String, home: String?) -> String? {
        guard let bytes = readIfPresent(path) else { return nil }
        var inCore = false
        var found: String?
        for rawLine in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: " \t")
            if line.hasPrefix("[") {
                inCore = line.lowercased().hasPrefix("[core")
                continue
            }
            guard inCore, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: " \t").lowercased()
            guard key == "excludesfile" else { continue }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t\"")
            if value.hasPrefix("~/"), let home { value = home + value.dropFirst(1) }
            found = value
        }
        return found
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
