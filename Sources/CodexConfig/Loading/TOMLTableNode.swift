import CodexProtocol

/// A value the TOML parser has placed in its tree: a finished value, a table, or an array of tables.
enum TOMLNode {
    case value(JSONValue)
    case table(TOMLTableNode)
    case tableArray([TOMLTableNode])

    var json: JSONValue {
        switch self {
        case .value(let value): value
        case .table(let table): .object(table.jsonObject())
        case .tableArray(let tables): .array(tables.map { .object($0.jsonObject()) })
        }
    }
}

/// A TOML error whose caller knows where it happened and adds the line and column.
struct TOMLUnplacedError: Error {
    let message: String
}

/// A table under construction, remembering how it was created so redefinitions can be rejected.
final class TOMLTableNode {
    /// How a table came to exist; it decides what may later add to it.
    enum Origin {
        /// Created as the parent of a header's key (`a` in `[a.b]`); a later `[a]` may still define it.
        case implicit
        /// Defined by a `[header]` or `[[header]]`.
        case header
        /// Created by a dotted key (`a.b = 1`); only further dotted keys may add to it.
        case dotted
        /// An inline table, closed once its `}` is read.
        case inline
    }

    var origin: Origin
    private var keys: [String] = []
    private var children: [String: TOMLNode] = [:]

    init(origin: Origin) {
        self.origin = origin
    }

    /// The members in byte-wise key order, as TOMLKit (toml++) reported them.
    func jsonObject() -> JSONObject {
        var object = JSONObject()
        let ordered = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in ordered {
            if let child = children[key] { object[key] = child.json }
        }
        return object
    }

    private func set(_ key: String, _ node: TOMLNode) {
        if children[key] == nil { keys.append(key) }
        children[key] = node
    }

    /// Makes this table and every table a dotted key created in it immutable.
    func close() {
        origin = .inline
        for child in children.values {
            if case .table(let table) = child, table.origin != .inline { table.close() }
        }
    }

    /// Stores `node` at a dotted `key` relative to this table.
    func insert(_ node: TOMLNode, at key: [String]) throws(TOMLUnplacedError) {
        guard let last = key.last else { throw TOMLUnplacedError(message: "empty key") }
        var table = self
        for (offset, part) in key.dropLast().enumerated() {
            switch table.children[part] {
            case nil:
                let next = TOMLTableNode(origin: .dotted)
                table.set(part, .table(next))
                table = next
            case .table(let next)? where next.origin == .dotted:
                table = next
            default:
                throw TOMLUnplacedError(message: "key '\(Self.display(key.prefix(offset + 1)))' is already defined")
            }
        }
        guard table.children[last] == nil else {
            throw TOMLUnplacedError(message: "key '\(Self.display(key[...]))' is already defined")
        }
        table.set(last, node)
    }

    /// Handles `[key]`: returns the newly defined table.
    func defineTable(at key: [String]) throws(TOMLUnplacedError) -> TOMLTableNode {
        guard let last = key.last else { throw TOMLUnplacedError(message: "empty table name") }
        let parent = try headerParent(of: key)
        switch parent.children[last] {
        case nil:
            let table = TOMLTableNode(origin: .header)
            parent.set(last, .table(table))
            return table
        case .table(let table)? where table.origin == .implicit:
            table.origin = .header
            return table
        case .table?, .tableArray?:
            throw TOMLUnplacedError(message: "table '\(Self.display(key[...]))' is already defined")
        case .value?:
            throw TOMLUnplacedError(message: "key '\(Self.display(key[...]))' is already defined as a value")
        }
    }

    /// Handles `[[key]]`: appends a new table to the array of tables and returns it.
    func appendTableArray(at key: [String]) throws(TOMLUnplacedError) -> TOMLTableNode {
        guard let last = key.last else { throw TOMLUnplacedError(message: "empty table name") }
        let parent = try headerParent(of: key)
        let table = TOMLTableNode(origin: .header)
        switch parent.children[last] {
        case nil:
            parent.set(last, .tableArray([table]))
        case .tableArray(var tables)?:
            parent.children[last] = .value(.null)  // drop the stored copy so the append does not copy the array
            tables.append(table)
            parent.children[last] = .tableArray(tables)
        case .value(.array)?:
            throw TOMLUnplacedError(message: "cannot append to the static array '\(Self.display(key[...]))'")
        case .table?:
            throw TOMLUnplacedError(message: "'\(Self.display(key[...]))' is already defined as a table")
        case .value?:
            throw TOMLUnplacedError(message: "key '\(Self.display(key[...]))' is already defined as a value")
        }
        return table
    }

    /// Walks all but the last part of a header's key, creating implicit tables and entering the last table
    /// of arrays of tables.
    private func headerParent(of key: [String]) throws(TOMLUnplacedError) -> TOMLTableNode {
        var table = self
        for (offset, part) in key.dropLast().enumerated() {
            switch table.children[part] {
            case nil:
                let next = TOMLTableNode(origin: .implicit)
                table.set(part, .table(next))
                table = next
            case .table(let next)? where next.origin != .inline:
                table = next
            case .tableArray(let tables)?:
                guard let lastTable = tables.last else {
                    throw TOMLUnplacedError(message: "'\(Self.display(key.prefix(offset + 1)))' is empty")
                }
                table = lastTable
            case .table?:
                throw TOMLUnplacedError(
                    message: "'\(Self.display(key.prefix(offset + 1)))' is an inline table and cannot be extended")
            case .value?:
                throw TOMLUnplacedError(message: "key '\(Self.display(key.prefix(offset + 1)))' is not a table")
            }
        }
        return table
    }

    private static func display(_ key: ArraySlice<String>) -> String {
        key.joined(separator: ".")
    }
}
