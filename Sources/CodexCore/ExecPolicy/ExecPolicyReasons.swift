/// The texts the reference gives when exec-policy rules refuse a command or ask about it.
enum ExecPolicyReasons {
    /// A prompt that the `never` approval policy cannot show.
    static let promptConflict = "approval required by policy, but AskForApproval is set to Never"

    /// Why a forbidden command was refused: the most specific forbidding rule's justification, or its prefix.
    static func forbidden(_ argv: [String], _ evaluation: ExecPolicyEvaluation) -> String {
        let command = ShellQuoting.join(argv)
        let rule = mostSpecific(.forbidden, in: evaluation)
        switch rule {
        case .some((_, let justification?)): return "`\(command)` rejected: \(justification)"
        case .some((let prefix, nil)):
            return "`\(command)` rejected: policy forbids commands starting with `\(ShellQuoting.join(prefix))`"
        case nil: return "`\(command)` rejected: blocked by policy"
        }
    }

    /// The prompt's reason when a `prompt` rule (not the heuristics) asked for approval.
    static func prompt(_ argv: [String], _ evaluation: ExecPolicyEvaluation) -> String? {
        let command = ShellQuoting.join(argv)
        switch mostSpecific(.prompt, in: evaluation) {
        case .some((_, let justification?)): return "`\(command)` requires approval: \(justification)"
        case .some((_, nil)): return "`\(command)` requires approval by policy"
        case nil: return nil
        }
    }

    private static func mostSpecific(
        _ decision: ExecPolicyVerdict, in evaluation: ExecPolicyEvaluation
    ) -> (prefix: [String], justification: String?)? {
        var best: (prefix: [String], justification: String?)?
        for match in evaluation.matchedRules {
            guard case .prefixRule(let prefix, decision, let justification) = match else { continue }
            if best == nil || prefix.count > best?.prefix.count ?? 0 { best = (prefix, justification) }
        }
        return best
    }
}
