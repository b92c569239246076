// Inserting and removing whole logical lines: where a new key or table goes, and what goes with a
// removed table. New lines use the document's line ending (CRLF when its first line ends so).

extension TOMLDocumentEditor {
    /// `"\r\n"` when the first line of the document ends with CRLF, else `"\n"`.
    var newline: String {
        guard let lineFeed = bytes.firstIndex(of: .lineFeed) else { return "\n" }
        return lineFeed > 0 && bytes[lineFeed - 1] == .carriageReturn ? "\r\n" : "\n"
    }

    /// Inserts lines at an offset that starts a line (or ends the text), each with a line ending.
    mutating func insertLines(_ lines: [String], at offset: Int, blankBefore: Bool = false, blankAfter: Bool = false) {
        let newline = self.newline
        let byteOrderMark = offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let offset = byteOrderMark ? 3 : offset  // a byte order mark stays first
        var text = ""
        if offset > 0, bytes[offset - 1] != .lineFeed, !byteOrderMark { text += newline }
        if blankBefore { text += newline }
        text += lines.map { $0 + newline }.joined()
        if blankAfter { text += newline }
        splice(offset..<offset, with: text)
    }

    /// Adds a `key = value` line after the last key of a section (after its header when it has none).
    mutating func insertKeyLine(_ line: String, inSection sectionIndex: Int, index: TOMLDocumentIndex) {
        let section = index.sections[sectionIndex]
        if let last = index.lastKeyValueLine(in: sectionIndex) {
            insertLines([indentation(of: index.lines[last]) + line], at: index.lines[last].range.upperBound)
            return
        }
        if let header = section.headerLine {
            insertLines([line], at: index.lines[header].range.upperBound)
            return
        }
        // A root table without keys: before the comments that lead into the first header, or at the end.
        guard index.sections.count > 1, let firstHeader = index.sections[1].headerLine else {
            insertLines([line], at: bytes.count)
            return
        }
        var start = firstHeader
        while start > 0, index.lines[start - 1].isTrivia, !isBlank(index.lines[start - 1]) { start -= 1 }
        insertLines([line], at: index.lines[start].range.lowerBound, blankAfter: true)
    }

    /// Adds a `[path]` block holding one key: after the last table that shares the longest leading
    /// part of its path (so `[profiles.new]` joins the other profiles), else at the end.
    mutating func insertSection(path: [String], keyLine: String, index: TOMLDocumentIndex) {
        let header = "[" + TOMLValueWriter.dottedKey(path) + "]"
        var best: (section: Int, shared: Int)?
        for (sectionIndex, section) in index.sections.enumerated() where section.headerLine != nil {
            let shared = zip(section.path, path).prefix { $0 == $1 }.count
            if shared >= 1, shared >= (best?.shared ?? 1) { best = (sectionIndex, shared) }
        }
        if let best, let last = index.lastKeyValueLine(in: best.section) ?? index.sections[best.section].headerLine {
            insertLines([header, keyLine], at: index.lines[last].range.upperBound, blankBefore: true)
            return
        }
        let hasContent = bytes.contains { ![UInt8.space, .tab, .lineFeed, .carriageReturn].contains($0) }
        let endsWithBlankLine = index.lines.last.map(isBlank) ?? true
        insertLines([header, keyLine], at: bytes.count, blankBefore: hasContent && !endsWithBlankLine)
    }

    /// Removes a header block: the header through its last key, plus the blank lines after it
    /// (or before it, when it ends the document).
    mutating func removeSection(_ sectionIndex: Int, index: TOMLDocumentIndex) {
        let section = index.sections[sectionIndex]
        guard let header = section.headerLine else { return }
        let last = index.lastKeyValueLine(in: sectionIndex) ?? header
        var first = header
        var end = last + 1
        while end < index.lines.count, isBlank(index.lines[end]) { end += 1 }
        if end == index.lines.count {
            while first > 0, isBlank(index.lines[first - 1]) { first -= 1 }
        }
        let upper = end < index.lines.count ? index.lines[end].range.lowerBound : bytes.count
        splice(index.lines[first].range.lowerBound..<upper, with: "")
    }

    /// Removes one key: its whole logical line, or its entry in an inline table (with one comma).
    mutating func removeDefinition(_ definition: TOMLDefinition, index: TOMLDocumentIndex) {
        switch definition.location {
        case .line(let line, _, _):
            splice(index.lines[line].range, with: "")
        case .inlineEntry(let table, let entry):
            guard case .inlineTable(let entries) = table.shape else { return }
            if entries.count == 1 {
                splice(table.range, with: "{}")
            } else if entry + 1 < entries.count {
                splice(entries[entry].keyStart..<entries[entry + 1].keyStart, with: "")
            } else {
                splice(entries[entry - 1].value.range.upperBound..<entries[entry].value.range.upperBound, with: "")
            }
        }
    }

    /// The spaces and tabs a line starts with, so a key added after it lines up.
    func indentation(of line: TOMLLogicalLine) -> String {
        let start = line.range.lowerBound
        let end = bytes[line.range].firstIndex { $0 != .space && $0 != .tab } ?? start
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True for a logical line with nothing but blanks.
    func isBlank(_ line: TOMLLogicalLine) -> Bool {
        line.isTrivia && bytes[line.range].allSatisfy { [UInt8.space, .tab, .lineFeed, .carriageReturn].contains($0) }
    }
}
