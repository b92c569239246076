public import CodexProtocol

/// Review items as 0.163.0 records them in a rollout's `item_completed` events: `EnteredReviewMode`
/// carries `target` (`{"type":"uncommittedChanges"|"baseBranch"|"commit"|"custom", ...}`) and
/// `user_facing_hint`; `ExitedReviewMode` carries `review_output` (the model's JSON shape, or null).
extension ReviewTarget {
    /// The target's JSON.
    public var json: JSONValue {
        switch self {
        case .uncommittedChanges: return ["type": "uncommittedChanges"]
        case .baseBranch(let branch): return ["type": "baseBranch", "branch": .string(branch)]
        case .commit(let sha, let title):
            return ["type": "commit", "sha": .string(sha), "title": title.map(JSONValue.string) ?? .null]
        case .custom(let instructions): return ["type": "custom", "instructions": .string(instructions)]
        }
    }

    /// Reads a target's JSON; nil when it is not one.
    public init?(json: JSONValue) {
        switch json["type"]?.stringValue {
        case "uncommittedChanges": self = .uncommittedChanges
        case "baseBranch":
            guard let branch = json["branch"]?.stringValue else { return nil }
            self = .baseBranch(branch)
        case "commit":
            guard let sha = json["sha"]?.stringValue else { return nil }
            self = .commit(sha: sha, title: json["title"]?.stringValue)
        case "custom":
            guard let instructions = json["instructions"]?.stringValue else { return nil }
            self = .custom(instructions: instructions)
        default: return nil
        }
    }
}

extension ReviewOutput {
    /// The output in the shape the review instructions ask the model for.
    public var json: JSONValue {
        let findings: [JSONValue] = findings.map { finding in
            let location = finding.codeLocation
            return [
                "title": .string(finding.title), "body": .string(finding.body),
                "confidence_score": .double(finding.confidenceScore),
                "priority": finding.priority.map { JSONValue.int(Int64($0)) } ?? .null,
                "code_location": [
                    "absolute_file_path": .string(location.absoluteFilePath),
                    "line_range": ["start": .int(Int64(location.startLine)), "end": .int(Int64(location.endLine))],
                ],
            ]
        }
        return [
            "findings": .array(findings), "overall_correctness": .string(overallCorrectness),
            "overall_explanation": .string(overallExplanation), "overall_confidence_score": .double(overallConfidenceScore),
        ]
    }

    /// Reads that shape; nil when `json` is not an object or a finding lacks its title, body or location.
    public init?(json: JSONValue) {
        guard let output = Self.decode(json) else { return nil }
        self = output
    }
}
