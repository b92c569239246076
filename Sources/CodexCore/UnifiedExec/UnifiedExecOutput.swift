import FoundationEssentials

/// The text `exec_command` and `write_stdin` give the model, and the reference's token-budget
/// truncation of command output.
enum UnifiedExecOutput {
    /// Bytes per token of the reference's estimate.
    static let bytesPerToken = 4
    /// The default `max_output_tokens`.
    static let defaultMaxOutputTokens = 10_000

    /// The reference's token estimate of `text`: its UTF-8 length divided by 4, rounded up.
    static func approximateTokenCount(_ text: String) -> Int {
        approximateTokens(bytes: text.utf8.count)
    }

    static func approximateTokens(bytes: Int) -> Int {
        (bytes + bytesPerToken - 1) / bytesPerToken
    }

    /// The output kept for a budget of `maxTokens` (4 bytes each): unchanged when it fits, else
    /// a warning, the line count, and the head and tail halves of the budget around a
    /// `…N tokens truncated…` marker, cut at character boundaries.
    static func truncated(_ text: String, maxTokens: Int) -> String {
        let budget = max(maxTokens, 0) * bytesPerToken
        let bytes = Array(text.utf8)
        guard bytes.count > budget else { return text }
        let headBudget = budget / 2
        let tailBudget = budget - headBudget
        let headEnd = characterBoundary(bytes, atOrBefore: headBudget)
        let tailStart = max(characterBoundary(bytes, atOrAfter: bytes.count - tailBudget), headEnd)
        let removed = tailStart - headEnd
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        let tail = String(decoding: bytes[tailStart...], as: UTF8.self)
        return "Warning: truncated output (original token count: \(approximateTokens(bytes: bytes.count)))\n"
            + "Total output lines: \(lineCount(text))\n\n"
            + head + "…\(approximateTokens(bytes: removed)) tokens truncated…" + tail
    }

    /// Lines as Rust's `str::lines` counts them: a final line ending adds no empty line.
    static func lineCount(_ text: String) -> Int {
        if text.isEmpty { return 0 }
        let newlines = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return text.utf8.last == UInt8(ascii: "\n") ? newlines : newlines + 1
    }

    /// The largest offset ≤ `offset` that does not split a UTF-8 character.
    static func characterBoundary(_ bytes: [UInt8], atOrBefore offset: Int) -> Int {
        var index = min(max(offset, 0), bytes.count)
        while index > 0, index < bytes.count, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// The smallest offset ≥ `offset` that does not split a UTF-8 character.
    static func characterBoundary(_ bytes: [UInt8], atOrAfter offset: Int) -> Int {
        var index = min(max(offset, 0), bytes.count)
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        return index
    }

    /// How a call's process stands when its output is returned.
    enum ProcessState: Sendable, Hashable {
        case running(sessionID: Int)
        case exited(code: Int32)
    }

    /// `Chunk ID: …\nWall time: S seconds\nProcess …\nOriginal token count: N\nOutput:\n…`
    static func modelText(chunkID: String, wallTime: Duration, state: ProcessState, rawOutput: String, maxTokens: Int)
        -> String
    {
        var text = "Chunk ID: \(chunkID)\nWall time: \(formatSeconds(wallTime)) seconds\n"
        switch state {
        case .running(let sessionID): text += "Process running with session ID \(sessionID)\n"
        case .exited(let code): text += "Process exited with code \(code)\n"
        }
        text += "Original token count: \(approximateTokenCount(rawOutput))\nOutput:\n"
        return text + truncated(rawOutput, maxTokens: maxTokens)
    }

    /// Seconds with four decimals, as the reference prints wall time (`1.0006`).
    static func formatSeconds(_ duration: Duration) -> String {
        let components = duration.components
        let tenThousandths = components.seconds * 10_000 + (components.attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// Six random lowercase hex digits.
    static func chunkID() -> String {
        String((0..<6).map { _ in "0123456789abcdef".randomElement() ?? "0" })
    }
}
