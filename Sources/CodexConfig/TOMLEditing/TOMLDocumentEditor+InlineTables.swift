// Turning an inline table (`tui = { theme = "dark" }`) into a `[tui]` block. `set` edits inline
// tables in place; callers that want explicit tables (Codex writes project trust as
// `[projects."/path"]`) convert first. Entry keys and values are copied byte for byte.

extension TOMLDocumentEditor {
    /// Rewrites the inline table at `path` as a `[path]` table block; with `nested`, inline tables
    /// inside it become blocks too, and a table holding only tables gets no header of its own.
    /// On an existing `[table]`, `nested` converts the inline tables directly inside it.
    /// - Returns: whether the text changed (false when nothing is there or it is already a table).
    /// - Throws: `pathConflict` when the path holds a value that is not a table.
    @discardableResult
    public mutating func convertInlineTable(_ path: [String], nested: Bool = false) throws(TOMLEditError) -> Bool {
        try applyingAll { editor throws(TOMLEditError) in try editor.convertInline(at: path, nested: nested) }
    }

    private mutating func convertInline(at path: [String], nested: Bool) throws(TOMLEditError) {
        guard !path.isEmpty else { throw .emptyPath }
        while true {
            let index = try scanIndex()
            switch try index.lookup(path) {
            case .missing, .insideInlineTable:
                return
            case .table:
                guard nested else { return }
                for name in index.childNames(of: path) {
                    if case .value(let child) = try scanIndex().lookup(path + [name]), child.value.isInlineTable {
                        try convertInline(at: path + [name], nested: true)
                    }
                }
                return
            case .value(let definition):
                guard definition.value.isInlineTable else {
                    throw .pathConflict(path: path, existing: path, message: "holds a value that is not a table")
                }
                guard case .line = definition.location else {
                    // Inside another inline table: open up the enclosing line first, then look again.
                    if let outer = index.definitions.last(where: {
                        if case .line = $0.location { return path.starts(with: $0.path) }
                        return false
                    }) {
                        try convertLine(outer, index: index, nested: false)
                        continue
                    }
                    return
                }
                try convertLine(definition, index: index, nested: nested)
                return
            }
        }
    }

    /// Replaces one `key = { ... }` line by table blocks after the rest of its section.
    private mutating func convertLine(_ definition: TOMLDefinition, index: TOMLDocumentIndex, nested: Bool)
        throws(TOMLEditError)
    {
        guard case .line(let lineIndex, let sectionIndex, _) = definition.location,
            case .inlineTable(let entries) = definition.value.shape
        else { return }
        let line = index.lines[lineIndex]
        var contentEnd = line.range.upperBound
        while contentEnd > definition.value.range.upperBound,
            bytes[contentEnd - 1] == .lineFeed || bytes[contentEnd - 1] == .carriageReturn
        {
            contentEnd -= 1
        }
        let comment = String(decoding: bytes[definition.value.range.upperBound..<contentEnd], as: UTF8.self)
        var blocks: [[String]] = []
        tableBlocks(path: definition.path, entries: entries, comment: comment, nested: nested, into: &blocks)
        let newLines = blocks.enumerated().flatMap { $0.offset == 0 ? $0.element : [""] + $0.element }

        splice(line.range, with: "")
        let updated = try scanIndex()
        let section = updated.sections[sectionIndex]
        if let last = updated.lastKeyValueLine(in: sectionIndex) ?? section.headerLine {
            insertLines(newLines, at: updated.lines[last].range.upperBound, blankBefore: true)
        } else if updated.sections.count > 1, let firstHeader = updated.sections[1].headerLine {
            var start = firstHeader
            while start > 0, updated.lines[start - 1].isTrivia, !isBlank(updated.lines[start - 1]) { start -= 1 }
            insertLines(newLines, at: updated.lines[start].range.lowerBound, blankAfter: true)
        } else {
            let hasContent = bytes.contains { ![UInt8.space, .tab, .lineFeed, .carriageReturn].contains($0) }
            let endsWithBlankLine = updated.lines.last.map(isBlank) ?? true
            insertLines(newLines, at: bytes.count, blankBefore: hasContent && !endsWithBlankLine)
        }
    }

    /// The `[header]` + `key = value` blocks for an inline table's entries.
    private func tableBlocks(path: [String], entries: [TOMLInlineEntry], comment: String, nested: Bool,
        into blocks: inout [[String]])
    {
        let direct = entries.filter { !nested || !$0.value.isInlineTable }
        let tables = entries.filter { nested && $0.value.isInlineTable }
        var comment = comment
        if !direct.isEmpty || tables.isEmpty {
            blocks.append(["[" + TOMLValueWriter.dottedKey(path) + "]" + comment] + direct.map { entry in
                String(decoding: bytes[entry.keyRange], as: UTF8.self) + " = "
                    + String(decoding: bytes[entry.value.range], as: UTF8.self)
            })
            comment = ""
        }
        for table in tables {
            guard case .inlineTable(let inner) = table.value.shape else { continue }
            tableBlocks(path: path + table.key, entries: inner, comment: comment, nested: true, into: &blocks)
            comment = ""
        }
    }
}
