/// An absolute, lexically normalized POSIX path: it starts with `/`, has no empty, `.` or `..`
/// components and no trailing slash (the root is `/`). Built from strings only; the file system is
/// never asked, so symlinks are not resolved and `..` folds away the component before it.
public struct AbsolutePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as text, always normalized.
    public let string: String

    /// The root folder, `/`.
    public static let root = AbsolutePath(normalizedString: "/")

    /// `string` normalized; nil when it does not start with `/`.
    public init?(_ string: String) {
        guard string.hasPrefix("/") else { return nil }
        self.init(normalizedString: Self.normalize(string))
    }

    /// `string` taken from `base` when it is relative (an absolute `string` stays), then normalized.
    public init(_ string: String, relativeTo base: AbsolutePath) {
        self.init(normalizedString: Self.normalize(string.hasPrefix("/") ? string : base.string + "/" + string))
    }

    /// `string` normalized, a relative `string` read from the root (`a/../b` becomes `/b`). For text whose
    /// source promises an absolute path; prefer `init?(_:)` or `init(_:relativeTo:)` elsewhere.
    public init(normalizing string: String) {
        self.init(normalizedString: Self.normalize(string))
    }

    private init(normalizedString: String) {
        self.string = normalizedString
    }

    /// Folds `.`, `..` and repeated slashes, drops a trailing slash and roots the result at `/`; `..` never
    /// climbs above `/`.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        // Written out rather than `joined(separator:)`: that one runs unspecialized here, and its first call
        // looks a conformance up at run time (a scan of the binary's conformance records).
        var normalized = ""
        normalized.reserveCapacity(path.utf8.count + 1)
        for part in parts {
            normalized += "/"
            normalized.append(contentsOf: part)  // the Substring overload; `+=` takes a generic one
        }
        return normalized.isEmpty ? "/" : normalized
    }

    /// The names between the slashes, outermost first; empty for the root.
    public var components: [String] {
        string.split(separator: "/").map(String.init)
    }

    /// The last component; nil for the root.
    public var lastComponent: String? {
        string.split(separator: "/").last.map(String.init)
    }

    /// Whether this is `/`.
    public var isRoot: Bool { string == "/" }

    /// The folder holding this path; the root's parent is the root.
    public var parent: AbsolutePath {
        guard let slash = string.lastIndex(of: "/"), slash != string.startIndex else { return .root }
        return AbsolutePath(normalizedString: String(string[..<slash]))
    }

    /// This path, its parent, its parent's parent, ..., `/`.
    public var selfAndAncestors: [AbsolutePath] {
        var result = [self]
        while let last = result.last, !last.isRoot { result.append(last.parent) }
        return result
    }

    /// This path followed by `relativePath` (one name or several separated by `/`), normalized. A leading
    /// `/` in `relativePath` does not restart at the root.
    public func appending(_ relativePath: String) -> AbsolutePath {
        AbsolutePath(normalizedString: Self.normalize(string + "/" + relativePath))
    }

    /// Whether this path equals `ancestor` or lies beneath it.
    public func isWithin(_ ancestor: AbsolutePath) -> Bool {
        ancestor.isRoot || self == ancestor || isDescendant(of: ancestor)
    }

    /// Whether this path lies strictly beneath `ancestor`.
    public func isDescendant(of ancestor: AbsolutePath) -> Bool {
        guard self != ancestor else { return false }
        return ancestor.isRoot || string.hasPrefix(ancestor.string + "/")
    }

    public static func < (lhs: AbsolutePath, rhs: AbsolutePath) -> Bool {
        lhs.string < rhs.string
    }

    public var description: String { string }
}
