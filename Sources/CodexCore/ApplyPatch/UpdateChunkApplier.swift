/// Computes a file's new text from update chunks (the reference's `compute_replacements` and
/// `apply_replacements`), without touching the file system.
public enum UpdateChunkApplier {
    /// One planned edit: replace `oldCount` lines at `start` with `newLines`.
    struct Replacement {
        var start: Int
        var oldCount: Int
        var newLines: [String]
    }

    /// The new text of a file whose current text is `original`.
    ///
    /// - Parameters:
    ///   - path: the path named in errors (the reference prints the resolved path).
    ///   - preserveCRLF: when the original uses `\r\n` for every line break, keep it (the
    ///     reference's `--preserve-crlf`); otherwise lines are split on `\n` and joined with `\n`.
    /// - Throws: `ApplyPatchError.contextNotFound` / `.expectedLinesNotFound` naming `path`.
    public static func newContents(
        of original: String, applying chunks: [PatchUpdateChunk], path: String, preserveCRLF: Bool = false
    ) throws(ApplyPatchError) -> String {
        let crlf = preserveCRLF && usesCRLFThroughout(original)
        var lines = crlf ? PatchText.lines(original) : splitOnNewlines(original)
        let replacements = try computeReplacements(lines: lines, chunks: chunks, path: path)
        for replacement in replacements.reversed() {
            let start = min(replacement.start, lines.count)
            let end = min(start + replacement.oldCount, lines.count)
            lines.replaceSubrange(start..<end, with: replacement.newLines)
        }
        if lines.last != "" { lines.append("") }
        return lines.joined(separator: crlf ? "\r\n" : "\n")
    }

    /// Splits on `\n` and drops the empty element a final `\n` leaves (so counts match `diff`).
    static func splitOnNewlines(_ text: String) -> [String] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// True when the text has line breaks and every one of them is `\r\n`.
    static func usesCRLFThroughout(_ text: String) -> Bool {
        var newlines = 0
        var crlf = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                newlines += 1
                if previous == UInt8(ascii: "\r") { crlf += 1 }
            }
            previous = byte
        }
        return newlines > 0 && crlf == newlines
    }

    static func computeReplacements(
        lines: [String], chunks: [PatchUpdateChunk], path: String
    ) throws(ApplyPatchError) -> [Replacement] {
        var replacements: [Replacement] = []
        var cursor = 0
        for chunk in chunks {
            if let context = chunk.changeContext {
                guard let found = LineSequenceMatcher.find([context], in: lines, from: cursor, endOfFile: false) else {
                    throw .contextNotFound(context: context, path: path)
                }
                cursor = found + 1
            }

            if chunk.oldLines.isEmpty {
                // A pure insertion goes at the end of the file (before a final blank line, if any).
                let insertAt = lines.last == "" ? lines.count - 1 : lines.count
                replacements.append(Replacement(start: insertAt, oldCount: 0, newLines: chunk.newLines))
                continue
            }

            var pattern = chunk.oldLines
            var newLines = chunk.newLines
            var found = LineSequenceMatcher.find(pattern, in: lines, from: cursor, endOfFile: chunk.isEndOfFile)
            if found == nil, pattern.last == "" {
                // The trailing empty line stands for the file's final newline, which the split dropped.
                pattern.removeLast()
                if newLines.last == "" { newLines.removeLast() }
                found = LineSequenceMatcher.find(pattern, in: lines, from: cursor, endOfFile: chunk.isEndOfFile)
            }
            guard let start = found else {
                throw .expectedLinesNotFound(path: path, expectedLines: chunk.oldLines)
            }
            replacements.append(Replacement(start: start, oldCount: pattern.count, newLines: newLines))
            cursor = start + pattern.count
        }
        // Stable sort: equal starts keep chunk order, as the reference's stable sort does.
        return replacements.enumerated()
            .sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
            .map(\.element)
    }
}
