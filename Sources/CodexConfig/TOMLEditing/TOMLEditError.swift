/// Why a format-preserving TOML edit could not be made.
public enum TOMLEditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document has syntax the scanner cannot follow; `line` is 1-based.
    case malformed(line: Int, message: String)
    /// The key path runs through something that is not a table (`a.b` where `a` is a string).
    case pathConflict(path: [String], existing: [String], message: String)
    /// The key path runs into an array of tables (`[[name]]`), which this editor does not address.
    case arrayOfTables(path: [String], existing: [String])
    /// The value has no TOML form (TOML has no null inside an array).
    case unrepresentableValue(path: [String], message: String)
    /// An empty key path (there is no key to set or remove).
    case emptyPath

    public var description: String {
        switch self {
        case .malformed(let line, let message):
            return "line \(line): \(message)"
        case .pathConflict(let path, let existing, let message):
            return "cannot edit \(TOMLValueWriter.dottedKey(path)): \(TOMLValueWriter.dottedKey(existing)) \(message)"
        case .arrayOfTables(let path, let existing):
            return "cannot edit \(TOMLValueWriter.dottedKey(path)): \(TOMLValueWriter.dottedKey(existing)) "
                + "is an array of tables ([[...]]), which cannot be edited by key path"
        case .unrepresentableValue(let path, let message):
            return "cannot write \(TOMLValueWriter.dottedKey(path)): \(message)"
        case .emptyPath:
            return "the key path is empty"
        }
    }
}
