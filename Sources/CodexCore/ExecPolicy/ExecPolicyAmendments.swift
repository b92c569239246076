/// Which "always allow" prefix an approval prompt proposes when the model suggested one (`prefix_rule`).
enum ExecPolicyAmendments {
    /// Prefixes the reference never proposes: interpreters and shells, whose allow rule would allow anything.
    static let banned: Set<[String]> = [
        ["python3"], ["python3", "-"], ["python3", "-c"], ["python"], ["python", "-"], ["python", "-c"], ["py"],
        ["py", "-3"], ["pythonw"], ["pyw"], ["pypy"], ["pypy3"], ["git"], ["bash"], ["bash", "-lc"], ["sh"],
        ["sh", "-c"], ["sh", "-lc"], ["zsh"], ["zsh", "-lc"], ["/bin/zsh"], ["/bin/zsh", "-lc"], ["/bin/bash"],
        ["/bin/bash", "-lc"], ["pwsh"], ["pwsh", "-Command"], ["pwsh", "-c"], ["powershell"], ["powershell", "-Command"],
        ["powershell", "-c"], ["powershell.exe"], ["powershell.exe", "-Command"], ["powershell.exe", "-c"], ["env"],
        ["sudo"], ["node"], ["node", "-e"], ["perl"], ["perl", "-e"], ["ruby"], ["ruby", "-e"], ["php"], ["php", "-r"],
        ["lua"], ["lua", "-e"], ["osascript"],
    ]

    /// The model's prefix, when it is not banned, no rule already matched the command, and the prefix would
    /// let every sub-command of this command run (otherwise it would not spare the next prompt).
    static func fromModel(
        _ prefix: [String]?, evaluation: ExecPolicyEvaluation, rules: ExecPolicy, commands: [[String]],
        fallback: ([String]) -> ExecPolicyVerdict
    ) -> [String]? {
        guard let prefix, !prefix.isEmpty, !banned.contains(prefix) else { return nil }
        guard !evaluation.matchedRules.contains(where: \.isPolicyRule) else { return nil }
        var amended = rules
        amended.addAllowPrefix(prefix)
        let approvesAll = commands.allSatisfy { amended.evaluate([$0], resolveHostExecutables: true, fallback: fallback).decision == .allow }
        return approvesAll ? prefix : nil
    }
}
