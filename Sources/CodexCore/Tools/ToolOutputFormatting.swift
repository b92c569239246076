import FoundationEssentials

/// Formats tool results the way the reference hands them back to the model.
public enum ToolOutputFormatting {
    /// Lines of output kept for the model (head and tail) before eliding the middle.
    public static let maxModelLines = 256
    /// Bytes of output kept for the model (head and tail) before eliding the middle.
    public static let maxModelBytes = 10 * 1024

    /// `Exit code: N\nWall time: S seconds\n[Total output lines: L\n]Output:\n...`
    public static func commandResult(exitCode: Int32, duration: Duration, output: String) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let (truncated, totalLines) = truncateForModel(output)
        var text = "Exit code: \(exitCode)\nWall time: \(formatSeconds(seconds)) seconds\n"
        if let totalLines { text += "Total output lines: \(totalLines)\n" }
        text += "Output:\n" + truncated
        return text
    }

    /// Rounds to one decimal as the reference prints wall time (`0.1`, `2.0`).
    static func formatSeconds(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded()
        let whole = Int(tenths) / 10
        let fraction = Int(tenths) % 10
        return "\(whole).\(fraction)"
    }

    /// Keeps the head and tail of long output; returns the total line count when it elided anything.
    static func truncateForModel(_ output: String) -> (String, Int?) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let lineCount = output.hasSuffix("\n") ? lines.count - 1 : lines.count
        if lineCount <= maxModelLines, output.utf8.count <= maxModelBytes { return (output, nil) }
        let headLines = lines.prefix(maxModelLines / 2)
        let tailLines = lines.suffix(maxModelLines / 2)
        var head = headLines.joined(separator: "\n")
        var tail = tailLines.joined(separator: "\n")
        if head.utf8.count > maxModelBytes / 2 { head = String(decoding: head.utf8.prefix(maxModelBytes / 2), as: UTF8.self) }
        if tail.utf8.count > maxModelBytes / 2 { tail = String(decoding: tail.utf8.suffix(maxModelBytes / 2), as: UTF8.self) }
        let omitted = max(lineCount - headLines.count - tailLines.count, 0)
        return (head + "\n[... omitted \(omitted) of \(lineCount) lines ...]\n\n" + tail, lineCount)
    }
}
