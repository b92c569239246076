/// Why a patch text could not be parsed.
public enum PatchParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Begin/End markers are missing.
    case invalidPatch(String)
    /// A hunk is malformed; `lineNumber` counts from 1 at `*** Begin Patch`.
    case invalidHunk(message: String, lineNumber: Int)

    /// The text the standalone tool prints on stderr (`Invalid patch: …` /
    /// `Invalid patch hunk on line N: …`).
    public var description: String {
        switch self {
        case .invalidPatch(let message): "Invalid patch: \(message)"
        case .invalidHunk(let message, let lineNumber): "Invalid patch hunk on line \(lineNumber): \(message)"
        }
    }

    /// The shorter form the reference uses inside verification errors returned to the model
    /// (`invalid patch: …` / `invalid hunk at line N, …`).
    public var verificationText: String {
        switch self {
        case .invalidPatch(let message): "invalid patch: \(message)"
        case .invalidHunk(let message, let lineNumber): "invalid hunk at line \(lineNumber), \(message)"
        }
    }
}

/// The lenient apply_patch parser (the reference's lenient mode).
///
/// Leniencies: the whole text is trimmed, marker lines may carry surrounding white space, a
/// `<<EOF` / `<<'EOF'` / `<<"EOF"` heredoc wrapper is stripped, blank lines between chunks are
/// skipped, the first chunk of an update may omit `@@`, and a bare empty line inside a chunk is
/// an empty context line.
public enum PatchParser {
    static let beginMarker = "*** Begin Patch"
    static let endMarker = "*** End Patch"
    static let addFileMarker = "*** Add File: "
    static let deleteFileMarker = "*** Delete File: "
    static let updateFileMarker = "*** Update File: "
    static let moveToMarker = "*** Move to: "
    static let endOfFileMarker = "*** End of File"
    static let contextMarker = "@@ "
    static let emptyContextMarker = "@@"

    /// Parses a whole patch. A patch with no hunks parses (applying it fails later).
    public static func parse(_ text: String) throws(PatchParseError) -> ParsedPatch {
        let allLines = PatchText.lines(PatchText.trimmed(text))
        let patchLines = try patchBoundaries(allLines)
        let body = patchLines.dropFirst().dropLast()

        var hunks: [PatchHunk] = []
        var remaining = body
        var lineNumber = 2
        while !remaining.isEmpty {
            let (hunk, consumed) = try parseHunk(remaining, lineNumber: lineNumber)
            hunks.append(hunk)
            lineNumber += consumed
            remaining = remaining.dropFirst(consumed)
        }
        return ParsedPatch(hunks: hunks, text: patchLines.joined(separator: "\n"))
    }

    /// The lines from `*** Begin Patch` to `*** End Patch` inclusive, after the heredoc leniency.
    private static func patchBoundaries(_ lines: [String]) throws(PatchParseError) -> ArraySlice<String> {
        let strictError: PatchParseError
        do {
            try checkMarkers(lines[...])
            return lines[...]
        } catch {
            strictError = error
        }
        guard lines.count >= 4, let first = lines.first, let last = lines.last,
              first == "<<EOF" || first == "<<'EOF'" || first == "<<\"EOF\"",
              PatchText.hasSuffix("EOF", last)
        else { throw strictError }
        let inner = lines.dropFirst().dropLast()
        try checkMarkers(inner)
        return inner
    }

    private static func checkMarkers(_ lines: ArraySlice<String>) throws(PatchParseError) {
        let first = lines.first.map { PatchText.trimmed($0) }
        let last = lines.last.map { PatchText.trimmed($0) }
        if let first, let last, PatchText.same(first, beginMarker), PatchText.same(last, endMarker) {
            return
        }
        if let first, !PatchText.same(first, beginMarker) {
            throw .invalidPatch("The first line of the patch must be '\(beginMarker)'")
        }
        throw .invalidPatch("The last line of the patch must be '\(endMarker)'")
    }

    /// Parses the hunk starting at `lines.first`; returns it and how many lines it used.
    private static func parseHunk(
        _ lines: ArraySlice<String>, lineNumber: Int
    ) throws(PatchParseError) -> (PatchHunk, Int) {
        guard let rawHeader = lines.first else {
            throw .invalidHunk(message: "expected a hunk header", lineNumber: lineNumber)
        }
        let header = PatchText.trimmed(rawHeader)

        if let path = PatchText.removingPrefix(addFileMarker, from: header) {
            var contents = ""
            var consumed = 1
            for line in lines.dropFirst() {
                guard let added = PatchText.removingPrefix("+", from: line) else { break }
                contents += added
                contents += "\n"
                consumed += 1
            }
            return (.add(path: path, contents: contents), consumed)
        }

        if let path = PatchText.removingPrefix(deleteFileMarker, from: header) {
            return (.delete(path: path), 1)
        }

        if let path = PatchText.removingPrefix(updateFileMarker, from: header) {
            var remaining = lines.dropFirst()
            var consumed = 1
            let movePath = remaining.first.flatMap { PatchText.removingPrefix(moveToMarker, from: $0) }
            if movePath != nil {
                remaining = remaining.dropFirst()
                consumed += 1
            }
            var chunks: [PatchUpdateChunk] = []
            while let line = remaining.first {
                if PatchText.trimmed(line).isEmpty {
                    consumed += 1
                    remaining = remaining.dropFirst()
                    continue
                }
                if PatchText.firstByte(line) == UInt8(ascii: "*") { break }
                let (chunk, used) = try parseChunk(
                    remaining, lineNumber: lineNumber + consumed, allowMissingContext: chunks.isEmpty)
                chunks.append(chunk)
                consumed += used
                remaining = remaining.dropFirst(used)
            }
            if chunks.isEmpty {
                throw .invalidHunk(message: "Update file hunk for path '\(path)' is empty", lineNumber: lineNumber)
            }
            return (.update(path: path, movePath: movePath, chunks: chunks), consumed)
        }

        throw .invalidHunk(
            message: "'\(header)' is not a valid hunk header. Valid hunk headers: "
                + "'*** Add File: {path}', '*** Delete File: {path}', '*** Update File: {path}'",
            lineNumber: lineNumber)
    }

    /// Parses one chunk of an update hunk; returns it and how many lines it used.
    private static func parseChunk(
        _ lines: ArraySlice<String>, lineNumber: Int, allowMissingContext: Bool
    ) throws(PatchParseError) -> (PatchUpdateChunk, Int) {
        guard let first = lines.first else {
            throw .invalidHunk(message: "Update hunk does not contain any lines", lineNumber: lineNumber)
        }
        let changeContext: String?
        let headerLines: Int
        if PatchText.same(first, emptyContextMarker) {
            changeContext = nil
            headerLines = 1
        } else if let context = PatchText.removingPrefix(contextMarker, from: first) {
            changeContext = context
            headerLines = 1
        } else {
            guard allowMissingContext else {
                throw .invalidHunk(
                    message: "Expected update hunk to start with a @@ context marker, got: '\(first)'",
                    lineNumber: lineNumber)
            }
            changeContext = nil
            headerLines = 0
        }
        let body = lines.dropFirst(headerLines)
        if body.isEmpty {
            throw .invalidHunk(message: "Update hunk does not contain any lines", lineNumber: lineNumber + 1)
        }

        var chunk = PatchUpdateChunk(changeContext: changeContext, oldLines: [], newLines: [])
        var parsed = 0
        for line in body {
            if PatchText.same(line, endOfFileMarker) {
                if parsed == 0 {
                    throw .invalidHunk(message: "Update hunk does not contain any lines", lineNumber: lineNumber + 1)
                }
                chunk.isEndOfFile = true
                parsed += 1
                break
            }
            let rest = String(decoding: line.utf8.dropFirst(), as: UTF8.self)
            switch PatchText.firstByte(line) {
            case nil:
                chunk.oldLines.append("")
                chunk.newLines.append("")
            case UInt8(ascii: " "):
                chunk.oldLines.append(rest)
                chunk.newLines.append(rest)
            case UInt8(ascii: "+"):
                chunk.newLines.append(rest)
            case UInt8(ascii: "-"):
                chunk.oldLines.append(rest)
            default:
                if parsed == 0 {
                    throw .invalidHunk(
                        message: "Unexpected line found in update hunk: '\(line)'. Every line should start with "
                            + "' ' (context line), '+' (added line), or '-' (removed line)",
                        lineNumber: lineNumber + 1)
                }
                return (chunk, parsed + headerLines)
            }
            parsed += 1
        }
        return (chunk, parsed + headerLines)
    }
}
