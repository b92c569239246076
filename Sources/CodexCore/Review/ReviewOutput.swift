import CodexProtocol
import CodexBasics

/// Where a finding points: a file and an inclusive line range.
public struct ReviewCodeLocation: Sendable, Hashable {
    public var absoluteFilePath: String
    public var startLine: Int
    public var endLine: Int

    public init(absoluteFilePath: String, startLine: Int, endLine: Int) {
        self.absoluteFilePath = absoluteFilePath
        self.startLine = startLine
        self.endLine = endLine
    }
}

/// One issue a review found.
public struct ReviewFinding: Sendable, Hashable {
    public var title: String
    public var body: String
    public var confidenceScore: Double
    /// 0 (P0, most urgent) to 3; nil when the model gave none.
    public var priority: Int?
    public var codeLocation: ReviewCodeLocation

    public init(title: String, body: String, confidenceScore: Double, priority: Int?, codeLocation: ReviewCodeLocation) {
        self.title = title
        self.body = body
        self.confidenceScore = confidenceScore
        self.priority = priority
        self.codeLocation = codeLocation
    }
}

/// The structured result of a review (the JSON the review instructions ask the model for).
public struct ReviewOutput: Sendable, Hashable {
    public var findings: [ReviewFinding]
    /// `patch is correct` or `patch is incorrect` (empty when the model gave none).
    public var overallCorrectness: String
    public var overallExplanation: String
    public var overallConfidenceScore: Double

    public init(
        findings: [ReviewFinding] = [], overallCorrectness: String = "", overallExplanation: String = "",
        overallConfidenceScore: Double = 0
    ) {
        self.findings = findings
        self.overallCorrectness = overallCorrectness
        self.overallExplanation = overallExplanation
        self.overallConfidenceScore = overallConfidenceScore
    }

    /// Reads the model's final message as 0.163.0 does: the whole text as JSON, else the text from its
    /// first `{` to its last `}`, else the text itself as the explanation with no findings.
    public static func parse(_ text: String) -> ReviewOutput {
        if let output = decode(text) { return output }
        if let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close,
            let output = decode(String(text[open...close]))
        {
            return output
        }
        return ReviewOutput(overallExplanation: text)
    }

    private static func decode(_ text: String) -> ReviewOutput? {
        // Text that is not JSON is simply not a structured result: the caller falls back to the text itself.
        guard let value = try? JSONParser.parse(text) else { return nil }
        return decode(value)
    }

    static func decode(_ value: JSONValue) -> ReviewOutput? {
        guard let object = value.objectValue else { return nil }
        var findings: [ReviewFinding] = []
        if let list = object["findings"], !list.isNull {
            guard let entries = list.arrayValue else { return nil }
            for entry in entries {
                guard let finding = decodeFinding(entry) else { return nil }
                findings.append(finding)
            }
        }
        return ReviewOutput(
            findings: findings, overallCorrectness: object["overall_correctness"]?.stringValue ?? "",
            overallExplanation: object["overall_explanation"]?.stringValue ?? "",
            overallConfidenceScore: object["overall_confidence_score"]?.doubleValue ?? 0)
    }

    private static func decodeFinding(_ value: JSONValue) -> ReviewFinding? {
        guard let title = value["title"]?.stringValue, let body = value["body"]?.stringValue,
            let location = value["code_location"], let path = location["absolute_file_path"]?.stringValue,
            let start = location["line_range"]?["start"]?.intValue, let end = location["line_range"]?["end"]?.intValue
        else { return nil }
        return ReviewFinding(
            title: title, body: body, confidenceScore: value["confidence_score"]?.doubleValue ?? 0,
            priority: value["priority"]?.intValue.map { Int($0) },
            codeLocation: ReviewCodeLocation(absoluteFilePath: path, startLine: Int(start), endLine: Int(end)))
    }

    /// The plain-text review people see (the `exitedReviewMode` item and the final agent message): the
    /// explanation, then the findings block; a fixed notice when both are empty.
    public var renderedText: String {
        var sections: [String] = []
        let explanation = overallExplanation.trimmingWhitespace()
        if !explanation.isEmpty { sections.append(explanation) }
        if !findings.isEmpty { sections.append(Self.findingsBlock(findings)) }
        return sections.isEmpty ? "Reviewer failed to output a response." : sections.joined(separator: "\n\n")
    }

    /// The text of an `exitedReviewMode` item: the rendered review, or the fixed notice when there is none.
    public static func reviewText(_ output: ReviewOutput?) -> String {
        output?.renderedText ?? "Reviewer failed to output a response."
    }

    /// `Review comment:` (or `Full review comments:`) and one bullet per finding with its location.
    public static func findingsBlock(_ findings: [ReviewFinding]) -> String {
        var lines = [findings.count > 1 ? "Full review comments:" : "Review comment:"]
        for finding in findings {
            let location = finding.codeLocation
            lines.append("")
            lines.append("- \(finding.title) — \(location.absoluteFilePath):\(location.startLine)-\(location.endLine)")
            // Rust's `lines()`: split at `\n` or `\r\n`, no empty last line after a final newline.
            var bodyLines = finding.body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            if bodyLines.count > 1, bodyLines.last?.isEmpty == true { bodyLines.removeLast() }
            for bodyLine in bodyLines where !(bodyLines.count == 1 && bodyLine.isEmpty) {
                lines.append("  " + bodyLine)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The user message 0.163.0 adds to the thread's history after a review (what the model sees of it
    /// in later turns); nil output: the review was interrupted.
    static func historyMessage(for output: ReviewOutput?) -> String {
        guard let output else {
            return """
                <user_action>
                  <context>User initiated a review task, but was interrupted. If user asks about this, tell them to re-initiate a review with `/review` and wait for it to complete.</context>
                  <action>review</action>
                  <results>
                  None.
                  </results>
                </user_action>

                """
        }
        var results = output.overallExplanation.trimmingWhitespace()
        if !output.findings.isEmpty { results += "\n\n" + findingsBlock(output.findings) }
        return """
            <user_action>
              <context>User initiated a review task. Here's the full review output from reviewer model. User may select one or more comments to resolve.</context>
              <action>review</action>
              <results>
              \(results)
              </results>
              </user_action>

            """
    }
}
