/// Shell quoting for display, matching how the reference renders argv (`/bin/bash -lc 'echo hi > x'`).
///
/// Words made only of letters, digits and `+-./:@]_` stay bare; anything else is quoted, preferring
/// single quotes and falling back to double quotes for stretches that contain `'`.
public enum ShellQuoting {
    /// Joins argv into one display string; a word containing NUL yields the reference's placeholder.
    public static func join(_ argv: [String]) -> String {
        var parts: [String] = []
        parts.reserveCapacity(argv.count)
        for word in argv {
            guard let quoted = quote(word) else { return "<command included NUL byte>" }
            parts.append(quoted)
        }
        return parts.joined(separator: " ")
    }

    /// One word quoted for a POSIX shell, or nil when it contains a NUL character.
    public static func quote(_ word: String) -> String? {
        if word.isEmpty { return "''" }
        let scalars = Array(word.unicodeScalars)
        if scalars.contains("\0") { return nil }
        var output = ""
        var start = 0
        while start < scalars.count {
            var allowed = Strategy.all
            var end = start
            while end < scalars.count {
                let narrowed = allowed.intersection(Strategy.allowed(for: scalars[end]))
                if narrowed.isEmpty { break }
                allowed = narrowed
                end += 1
            }
            let chunk = scalars[start..<end]
            if allowed.contains(.unquoted) {
                if start == 0 && end == scalars.count { return word }
                output.unicodeScalars.append(contentsOf: chunk)
            } else if allowed.contains(.singleQuoted) {
                output += "'"
                output.unicodeScalars.append(contentsOf: chunk)
                output += "'"
            } else {
                output += "\""
                output.unicodeScalars.append(contentsOf: chunk)
                output += "\""
            }
            start = end
        }
        return output
    }

    /// Which quoting styles can carry a character unchanged.
    private struct Strategy: OptionSet {
        let rawValue: UInt8
        static let unquoted = Strategy(rawValue: 1)
        static let singleQuoted = Strategy(rawValue: 2)
        static let doubleQuoted = Strategy(rawValue: 4)
        static let all: Strategy = [.unquoted, .singleQuoted, .doubleQuoted]

        static func allowed(for scalar: Unicode.Scalar) -> Strategy {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "+", "-", ".", "/", ":", "@", "]", "_":
                return .all
            case "'":
                return .doubleQuoted
            case "\"", "$", "`", "\\", "!":
                return .singleQuoted
            default:
                return [.singleQuoted, .doubleQuoted]
            }
        }
    }
}
