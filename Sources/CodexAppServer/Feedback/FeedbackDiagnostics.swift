import CodexProtocol

/// Generated attachments of a report with logs: the connectivity notes (proxy variables) and the
/// index of the threads whose rollouts are attached.
enum FeedbackDiagnostics {
    /// The proxy variables 0.163.0 reports, in its order.
    static let proxyVariables = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]

    /// `codex-connectivity-diagnostics.txt` when a proxy variable is set, else nil.
    static func connectivity(environment: [String: String]) -> FeedbackAttachment? {
        let details = proxyVariables.compactMap { name in environment[name].map { "\(name) = \($0)" } }
        guard !details.isEmpty else { return nil }
        let lines = ["Connectivity diagnostics", "", "- Proxy environment variables are set and may affect connectivity."]
            + details.map { "  - \($0)" }
        return FeedbackAttachment(
            filename: "codex-connectivity-diagnostics.txt", contentType: "text/plain",
            bytes: Array(lines.joined(separator: "\n").utf8))
    }

    static let threadIndexNotes =
        "Selection only, not an upload receipt. Null filenames mean no path was available. Omitted threads exceeded "
        + "the rollout thread limit; their retained reviews are still in auto-review-failures.jsonl. Review evidence is "
        + "process-local and bounded; missing evidence does not imply no denial. The discarded-record count is "
        + "process-wide, not specific to this tree, and resets on restart."

    /// `feedback-thread-index.json` for the reported thread: its rollout's file name (null when it has
    /// none). This port has no sub-agent threads or auto-review records, so the lists are empty.
    static func threadIndex(threadID: String, rolloutFilename: String?) -> FeedbackAttachment {
        let thread: JSONValue = [
            "thread_id": .string(threadID), "rollout_filename": rolloutFilename.map(JSONValue.string) ?? .null,
            "guardian_rollout_filename": .null,
        ]
        let index: JSONValue = [
            "threads": [thread], "retained_failure_thread_ids": [], "omitted_thread_ids": [],
            "unlisted_omitted_thread_count": 0, "process_discarded_review_records": 0,
            "notes": .string(threadIndexNotes),
        ]
        return FeedbackAttachment(
            filename: "feedback-thread-index.json", contentType: "application/json", bytes: index.serializedBytes())
    }
}
