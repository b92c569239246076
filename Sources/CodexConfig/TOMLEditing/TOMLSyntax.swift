import CodexProtocol

// The syntax the format-preserving editor works on: the document stays a byte array, and the
// scanner only records where each logical line, key and value sits in it. Edits are byte splices.

/// One value as written in the text: where it is and, for containers, where its parts are.
struct TOMLValueNode: Sendable {
    /// The value's bytes, from its first character through its last (no surrounding blanks or comment).
    var range: Range<Int>
    var shape: Shape

    enum Shape: Sendable {
        /// A string, number, boolean or date; the decoded value is nil for dates and times.
        case scalar(JSONValue?)
        case array([TOMLValueNode])
        case inlineTable([TOMLInlineEntry])
    }

    /// The value as JSON, or nil when any part of it has no JSON form (dates, times).
    var decoded: JSONValue? {
        switch shape {
        case .scalar(let value):
            return value
        case .array(let elements):
            var values: [JSONValue] = []
            for element in elements {
                guard let value = element.decoded else { return nil }
                values.append(value)
            }
            return .array(values)
        case .inlineTable(let entries):
            var result = JSONObject()
            for entry in entries {
                guard let value = entry.value.decoded else { return nil }
                guard Self.insert(value, at: entry.key[...], into: &result) else { return nil }
            }
            return .object(result)
        }
    }

    var isInlineTable: Bool {
        if case .inlineTable = shape { return true }
        return false
    }

    /// Puts `value` at a dotted key inside `object`, creating nested objects; false on a clash.
    private static func insert(_ value: JSONValue, at key: ArraySlice<String>, into object: inout JSONObject) -> Bool {
        guard let first = key.first else { return false }
        let rest = key.dropFirst()
        if rest.isEmpty {
            guard object[first] == nil else { return false }
            object[first] = value
            return true
        }
        var child: JSONObject
        switch object[first] {
        case nil: child = JSONObject()
        case .object(let existing)?: child = existing
        default: return false
        }
        guard insert(value, at: rest, into: &child) else { return false }
        object[first] = .object(child)
        return true
    }
}

/// One `key = value` inside an inline table (`{ key = value, ... }`).
struct TOMLInlineEntry: Sendable {
    /// The key's segments (`a.b = 1` gives `["a", "b"]`), unquoted.
    var key: [String]
    /// Where the key is written, as spelled (quotes included, no surrounding blanks).
    var keyRange: Range<Int>
    var keyStart: Int { keyRange.lowerBound }
    var value: TOMLValueNode
}

/// A logical line: one physical line, or several when a value spans lines (arrays, `"""` strings).
struct TOMLLogicalLine: Sendable {
    /// The line's bytes including its line terminator (absent only at the end of the text).
    var range: Range<Int>
    /// The 1-based number of the physical line it starts on.
    var lineNumber: Int
    var kind: Kind

    enum Kind: Sendable {
        /// A blank line or a line holding only a comment.
        case trivia
        /// `[a.b]`, or `[[a.b]]` when `isArray`.
        case header(path: [String], isArray: Bool)
        /// `a.b = value` with the key's segments, unquoted.
        case keyValue(key: [String], value: TOMLValueNode)
    }

    var isTrivia: Bool {
        if case .trivia = kind { return true }
        return false
    }
}
