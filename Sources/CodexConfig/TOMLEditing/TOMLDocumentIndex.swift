// What a scanned document defines, by full key path: which sections (`[header]` blocks) exist,
// which keys have values (also keys inside inline tables, also dotted keys), and what a given
// key path runs into. The editor decides where to splice from this.

/// A `[header]` block, or the root block before the first header.
struct TOMLSection: Sendable {
    /// `[]` for the root block.
    var path: [String]
    var isArrayOfTables: Bool
    /// The index of the header line, nil for the root block.
    var headerLine: Int?
    /// The indices of the lines after the header up to the next header.
    var bodyLines: Range<Int>
}

/// A key with a value, as a full path from the document root.
struct TOMLDefinition: Sendable {
    var path: [String]
    var value: TOMLValueNode
    var location: Location

    enum Location: Sendable {
        /// A `key = value` line; `keyLength` is how many path segments its key has.
        case line(index: Int, section: Int, keyLength: Int)
        /// An entry of an inline table: the table's node and the entry's position in it.
        case inlineEntry(table: TOMLValueNode, entry: Int)
    }
}

/// The sections and definitions of one scanned document.
struct TOMLDocumentIndex: Sendable {
    var lines: [TOMLLogicalLine]
    var sections: [TOMLSection]
    var definitions: [TOMLDefinition]

    /// What a key path runs into.
    enum Lookup {
        /// A key holding a value (possibly an inline table).
        case value(TOMLDefinition)
        /// A table: a header with exactly this path, or the parent of longer headers or keys.
        case table
        /// The innermost inline table whose path is a prefix of the key path (the key is missing in it).
        case insideInlineTable(TOMLDefinition)
        /// Nothing exists at or around the path.
        case missing
    }

    init(lines: [TOMLLogicalLine]) {
        self.lines = lines
        var sections = [TOMLSection(path: [], isArrayOfTables: false, headerLine: nil, bodyLines: 0..<0)]
        for (index, line) in lines.enumerated() {
            if case .header(let path, let isArray) = line.kind {
                sections[sections.count - 1].bodyLines = sections[sections.count - 1].bodyLines.lowerBound..<index
                sections.append(TOMLSection(path: path, isArrayOfTables: isArray, headerLine: index,
                    bodyLines: (index + 1)..<(index + 1)))
            }
        }
        sections[sections.count - 1].bodyLines = sections[sections.count - 1].bodyLines.lowerBound..<lines.count
        self.sections = sections

        var definitions: [TOMLDefinition] = []
        for (sectionIndex, section) in sections.enumerated() where !section.isArrayOfTables {
            for index in section.bodyLines {
                guard case .keyValue(let key, let value) = lines[index].kind else { continue }
                let definition = TOMLDefinition(path: section.path + key, value: value,
                    location: .line(index: index, section: sectionIndex, keyLength: key.count))
                Self.collect(definition, into: &definitions)
            }
        }
        self.definitions = definitions
    }

    /// Adds a definition and, for an inline table, the definitions of its entries.
    private static func collect(_ definition: TOMLDefinition, into definitions: inout [TOMLDefinition]) {
        definitions.append(definition)
        guard case .inlineTable(let entries) = definition.value.shape else { return }
        for (index, entry) in entries.enumerated() {
            collect(TOMLDefinition(path: definition.path + entry.key, value: entry.value,
                location: .inlineEntry(table: definition.value, entry: index)), into: &definitions)
        }
    }

    /// Finds what `path` refers to.
    /// - Throws: `pathConflict` when a prefix of the path holds a non-table value,
    ///   `arrayOfTables` when the path runs into a `[[...]]` table.
    func lookup(_ path: [String]) throws(TOMLEditError) -> Lookup {
        if let arrayTable = sections.first(where: { $0.isArrayOfTables && path.starts(with: $0.path) }) {
            throw .arrayOfTables(path: path, existing: arrayTable.path)
        }
        var container: TOMLDefinition?
        for definition in definitions where path.starts(with: definition.path) {
            if definition.path.count == path.count { return .value(definition) }
            guard definition.value.isInlineTable else {
                throw .pathConflict(path: path, existing: definition.path, message: "holds a value that is not a table")
            }
            if definition.path.count > (container?.path.count ?? -1) { container = definition }
        }
        if !childNames(of: path).isEmpty || sections.contains(where: { $0.path == path && $0.headerLine != nil }) {
            return .table
        }
        if let container { return .insideInlineTable(container) }
        return .missing
    }

    /// The names of the keys and tables directly inside the table at `path`, in document order.
    func childNames(of path: [String]) -> [String] {
        var names: [String] = []
        func note(_ fullPath: [String]) {
            guard fullPath.count > path.count, fullPath.starts(with: path) else { return }
            let name = fullPath[path.count]
            if !names.contains(name) { names.append(name) }
        }
        for section in sections where section.headerLine != nil { note(section.path) }
        for definition in definitions { note(definition.path) }
        return names
    }

    /// The explicit (non-array) section with the longest header path that is a proper prefix of `path`;
    /// the root section when there is none.
    func deepestSection(containing path: [String]) -> Int {
        var best = 0
        for (index, section) in sections.enumerated()
        where !section.isArrayOfTables && section.headerLine != nil && section.path.count < path.count
            && path.starts(with: section.path) && section.path.count > sections[best].path.count
        {
            best = index
        }
        return best
    }

    /// The last `key = value` line of a section, if any.
    func lastKeyValueLine(in section: Int) -> Int? {
        sections[section].bodyLines.last { !lines[$0].isTrivia }
    }
}
