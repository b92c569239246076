import CodexBasics

/// What a code review looks at.
public enum ReviewTarget: Sendable, Hashable {
    /// The working tree: staged, unstaged and untracked changes.
    case uncommittedChanges
    /// The current branch against a base branch (from their merge base).
    case baseBranch(String)
    /// The changes one commit introduced; `title` is a label for people (its subject).
    case commit(sha: String, title: String?)
    /// Free-form review instructions.
    case custom(instructions: String)
}

/// A review resolved for a turn: what the model is asked, and the short hint people see (the
/// `enteredReviewMode` item's text and the turn's user message).
public struct ReviewRequest: Sendable, Hashable {
    public var target: ReviewTarget
    /// The user message the review model gets.
    public var prompt: String
    /// e.g. `current changes`, `changes against 'main'`, `commit 1234567: Title`.
    public var userFacingHint: String

    public init(target: ReviewTarget, prompt: String, userFacingHint: String) {
        self.target = target
        self.prompt = prompt
        self.userFacingHint = userFacingHint
    }

    /// Resolves `target` into the prompt 0.163.0 sends. A base-branch review names the merge base of
    /// `HEAD` and the branch when git can find it (git runs read-only in `cwd`).
    /// - Throws: `ReviewRequestError.emptyPrompt` for blank custom instructions.
    public static func resolve(
        _ target: ReviewTarget, cwd: String, environment: [String: String]
    ) async throws(ReviewRequestError) -> ReviewRequest {
        let prompt: String
        switch target {
        case .uncommittedChanges:
            prompt =
                "Review the current code changes (staged, unstaged, and untracked files) and provide prioritized findings."
        case .baseBranch(let branch):
            if let mergeBase = await ReviewGit(cwd: cwd, environment: environment).mergeBaseWithHead(branch: branch) {
                prompt =
                    "Review the code changes against the base branch '\(branch)'. The merge base commit for this "
                    + "comparison is \(mergeBase). Run `git diff \(mergeBase)` to inspect the changes relative to "
                    + "\(branch). Provide prioritized, actionable findings."
            } else {
                prompt =
                    "Review the code changes against the base branch '\(branch)'. Start by finding the merge diff "
                    + "between the current branch and \(branch)'s upstream e.g. (`git merge-base HEAD "
                    + "\"$(git rev-parse --abbrev-ref \"\(branch)@{upstream}\")\"`), then run `git diff` against that "
                    + "SHA to see what changes we would merge into the \(branch) branch. Provide prioritized, "
                    + "actionable findings."
            }
        case .commit(let sha, let title?):
            prompt =
                "Review the code changes introduced by commit \(sha) (\"\(title)\"). Provide prioritized, actionable findings."
        case .commit(let sha, nil):
            prompt = "Review the code changes introduced by commit \(sha). Provide prioritized, actionable findings."
        case .custom(let instructions):
            let trimmed = instructions.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw .emptyPrompt }
            prompt = trimmed
        }
        return ReviewRequest(target: target, prompt: prompt, userFacingHint: userFacingHint(for: target))
    }

    /// The hint 0.163.0 shows for a target.
    public static func userFacingHint(for target: ReviewTarget) -> String {
        switch target {
        case .uncommittedChanges: return "current changes"
        case .baseBranch(let branch): return "changes against '\(branch)'"
        case .commit(let sha, let title):
            let short = String(sha.prefix(7))
            return title.map { "commit \(short): \($0)" } ?? "commit \(short)"
        case .custom(let instructions): return instructions.trimmingWhitespace()
        }
    }
}

/// Why a review could not start.
public enum ReviewRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyPrompt

    public var description: String {
        switch self {
        case .emptyPrompt: return "Review prompt cannot be empty"
        }
    }
}
