public import CodexProtocol

// Why a hand-written editor: config writes must keep the user's file as written (comments, blank
// lines, key order, quoting, spacing), the way Codex's `toml_edit` does. A parser (ours, TOMLParser,
// or TOMLKit's toml++) gives a tree, and re-serializing a tree drops comments, sorts keys and rewrites
// quoting; no package available here edits TOML in place. So this editor works at the lexer level: a
// string-aware scanner (TOMLScanner) records where each header, key and value sits, and every edit
// is a splice of the value's bytes or an insertion/removal of whole logical lines. Bytes outside
// the splice are never touched.
//
// Inline tables (`tui = { theme = "x" }`) are edited in place: a key inside one is replaced,
// added (`, key = value` before the `}`) or removed there; `set` does not convert them to
// `[tables]`. A caller that wants the table form calls `convertInlineTable(_:nested:)` first.

/// Edits TOML text in place: sets or removes values by key path and keeps every other byte as it was.
public struct TOMLDocumentEditor: Sendable {
    /// The document as UTF-8 bytes, edits applied.
    public private(set) var bytes: [UInt8]

    /// Starts from TOML text; an empty text is an empty document.
    public init(text: String) {
        bytes = Array(text.utf8)
    }

    /// Starts from the UTF-8 bytes of a TOML file.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The document text, edits applied.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Splits a dotted key naively on `.` (`"tools.view_image"` → `["tools", "view_image"]`);
    /// use a segment array for keys that contain dots themselves.
    public static func keyPath(_ dotted: String) -> [String] {
        dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// Checks that the scanner can follow the whole document.
    public func validate() throws(TOMLEditError) {
        _ = try TOMLScanner.scan(bytes)
    }

    /// Sets the value at a key path, creating missing tables; `.null` removes the key.
    ///
    /// An existing value is replaced in place (its key, spacing and trailing comment stay). A new key
    /// goes after the last key of its table; a missing table becomes a new `[header]` (objects are
    /// spread into tables), except inside an inline table or a dotted-key group, which are extended.
    /// Setting an object on an existing table replaces its keys one by one and removes the others.
    /// On an error the document is left as it was.
    /// - Returns: whether the text changed (false when the value was already there).
    @discardableResult
    public mutating func set(_ path: [String], to value: JSONValue) throws(TOMLEditError) -> Bool {
        try applyingAll { editor throws(TOMLEditError) in try editor.setValue(value, at: path) }
    }

    /// `set` with a dotted key split by `keyPath(_:)`.
    @discardableResult
    public mutating func set(dotted key: String, to value: JSONValue) throws(TOMLEditError) -> Bool {
        try set(Self.keyPath(key), to: value)
    }

    /// Removes the key at a path, or the whole table there (its header block, sub-tables and dotted
    /// keys under it). Comments and blank lines around the removed lines stay.
    /// On an error the document is left as it was.
    /// - Returns: whether anything was removed (false when nothing exists at the path).
    @discardableResult
    public mutating func remove(_ path: [String]) throws(TOMLEditError) -> Bool {
        try applyingAll { editor throws(TOMLEditError) in try editor.removeValue(at: path) }
    }

    /// `remove` with a dotted key split by `keyPath(_:)`.
    @discardableResult
    public mutating func remove(dotted key: String) throws(TOMLEditError) -> Bool {
        try remove(Self.keyPath(key))
    }

    // MARK: - Editing

    /// Runs an edit all-or-nothing and tells whether the bytes changed.
    mutating func applyingAll(_ edit: (inout TOMLDocumentEditor) throws(TOMLEditError) -> Void)
        throws(TOMLEditError) -> Bool
    {
        let original = bytes
        do {
            try edit(&self)
        } catch {
            bytes = original
            throw error
        }
        return bytes != original
    }

    func scanIndex() throws(TOMLEditError) -> TOMLDocumentIndex {
        TOMLDocumentIndex(lines: try TOMLScanner.scan(bytes))
    }

    private mutating func setValue(_ value: JSONValue, at path: [String]) throws(TOMLEditError) {
        guard !path.isEmpty else { throw .emptyPath }
        if value.isNull { return try removeValue(at: path) }
        let index = try scanIndex()
        switch try index.lookup(path) {
        case .value(let definition):
            if case .object(let object) = value, definition.value.isInlineTable {
                return try merge(object, into: path, index: index)
            }
            if let existing = definition.value.decoded, existing == value { return }
            splice(definition.value.range, with: try TOMLValueWriter.inlineValue(value, path: path))
        case .table:
            if case .object(let object) = value { return try merge(object, into: path, index: index) }
            // Clear the table, then write the value where it now fits (an enclosing inline table
            // included); the path is no longer a table, so this does not come back here.
            try removeValue(at: path)
            try setValue(value, at: path)
        case .insideInlineTable(let container):
            try insertEntry(Array(path[container.path.count...]), value: value, into: container, fullPath: path)
        case .missing:
            try create(path, value: value, index: index)
        }
    }

    private mutating func removeValue(at path: [String]) throws(TOMLEditError) {
        guard !path.isEmpty else { throw .emptyPath }
        while true {
            let index = try scanIndex()
            if let arrayTable = index.sections.first(where: {
                $0.isArrayOfTables && $0.path.count < path.count && path.starts(with: $0.path)
            }) {
                throw .arrayOfTables(path: path, existing: arrayTable.path)
            }
            if let section = index.sections.indices.first(where: {
                index.sections[$0].headerLine != nil && index.sections[$0].path.starts(with: path)
            }) {
                removeSection(section, index: index)
            } else if let definition = index.definitions.first(where: { $0.path.starts(with: path) }) {
                removeDefinition(definition, index: index)
            } else {
                return
            }
        }
    }

    /// Makes the table at `path` hold exactly the object's members, key by key.
    private mutating func merge(_ object: JSONObject, into path: [String], index: TOMLDocumentIndex)
        throws(TOMLEditError)
    {
        for name in index.childNames(of: path) where (object[name] ?? .null).isNull {
            try removeValue(at: path + [name])
        }
        for (name, member) in object {
            try setValue(member, at: path + [name])
        }
        switch try scanIndex().lookup(path) {
        case .missing, .insideInlineTable:
            // An implicit table lost all its keys: keep the (empty) table the caller asked for.
            try setValue(.object(JSONObject()), at: path)
        case .value, .table:
            break
        }
    }

    /// Writes a value at a path where nothing exists yet.
    private mutating func create(_ path: [String], value: JSONValue, index: TOMLDocumentIndex) throws(TOMLEditError) {
        if case .object(let object) = value, object.contains(where: { !$0.value.isNull }) {
            for (name, member) in object where !member.isNull {
                try setValue(member, at: path + [name])
            }
            return
        }
        let valueText = try TOMLValueWriter.inlineValue(value, path: path)
        let sectionIndex = index.deepestSection(containing: path)
        let section = index.sections[sectionIndex]
        let relative = Array(path[section.path.count...])
        if relative.count == 1 {
            insertKeyLine(TOMLValueWriter.key(relative[0]) + " = " + valueText, inSection: sectionIndex, index: index)
        } else if let neighbour = dottedNeighbour(of: relative, inSection: sectionIndex, index: index) {
            let line = index.lines[neighbour]
            insertLines([indentation(of: line) + TOMLValueWriter.dottedKey(relative) + " = " + valueText],
                at: line.range.upperBound)
        } else {
            insertSection(path: Array(path.dropLast()),
                keyLine: TOMLValueWriter.key(path[path.count - 1]) + " = " + valueText, index: index)
        }
    }

    /// The last dotted-key line of the section sharing the longest key prefix with `relative`.
    private func dottedNeighbour(of relative: [String], inSection sectionIndex: Int, index: TOMLDocumentIndex) -> Int? {
        let base = index.sections[sectionIndex].path.count
        var best: (line: Int, shared: Int)?
        for definition in index.definitions {
            guard case .line(let line, let section, let keyLength) = definition.location, section == sectionIndex
            else { continue }
            let key = definition.path[base..<(base + keyLength)]
            let shared = zip(key, relative).prefix { $0 == $1 }.count
            if shared >= 1, shared >= (best?.shared ?? 1) { best = (line, shared) }
        }
        return best?.line
    }

    /// Adds `key = value` to an inline table, before its `}`.
    private mutating func insertEntry(_ relative: [String], value: JSONValue, into container: TOMLDefinition,
        fullPath: [String]) throws(TOMLEditError)
    {
        guard case .inlineTable(let entries) = container.value.shape else { return }
        let entry = TOMLValueWriter.dottedKey(relative) + " = "
            + (try TOMLValueWriter.inlineValue(value, path: fullPath))
        if let last = entries.last {
            let end = last.value.range.upperBound
            splice(end..<end, with: ", " + entry)
        } else {
            splice(container.value.range, with: "{ " + entry + " }")
        }
    }

    mutating func splice(_ range: Range<Int>, with text: String) {
        bytes.replaceSubrange(range, with: Array(text.utf8))
    }
}
