/// Recognizes a shell-tool command that is really an apply_patch call (the reference's
/// `maybe_parse_apply_patch`): `["apply_patch", PATCH]`, `["applypatch", PATCH]`, or
/// `[bash|zsh|sh, -lc|-c, SCRIPT]` where SCRIPT is exactly `apply_patch <<'EOF' … EOF`, optionally
/// preceded by `cd DIR && ` (DIR becomes the working folder).
public enum ApplyPatchInvocation: Sendable, Equatable {
    /// An apply_patch call; `workdir` is the `cd` target as written (relative to the call's cwd).
    case patch(ParsedPatch, workdir: String?)
    /// An apply_patch call whose patch does not parse.
    case invalidPatch(PatchParseError)
    /// A bare patch given as the whole command or script, without `apply_patch`.
    case implicitInvocation
    /// Anything else: an ordinary command.
    case notApplyPatch

    /// The message the reference returns to the model for `implicitInvocation`.
    public static let implicitInvocationMessage =
        "patch detected without explicit call to apply_patch. Rerun as [\"apply_patch\", \"<patch>\"]"

    static let commandNames: Set<String> = ["apply_patch", "applypatch"]

    /// Classifies an argv from a shell tool call.
    public static func recognize(_ argv: [String]) -> ApplyPatchInvocation {
        if argv.count == 1, let only = argv.first, (try? PatchParser.parse(only)) != nil {
            return .implicitInvocation
        }
        if argv.count == 2, commandNames.contains(argv[0]) {
            return parsed(argv[1], workdir: nil)
        }
        guard let script = shellScript(argv) else { return .notApplyPatch }
        if (try? PatchParser.parse(script)) != nil { return .implicitInvocation }
        guard let (body, workdir) = HeredocScript.extract(script) else { return .notApplyPatch }
        return parsed(body, workdir: workdir)
    }

    /// The folder the patch paths are relative to: `cwd`, or the `cd` target resolved against it.
    public static func effectiveDirectory(cwd: String, workdir: String?) -> String {
        guard let workdir else { return cwd }
        return ApplyPatch.resolve(workdir, against: cwd)
    }

    private static func parsed(_ text: String, workdir: String?) -> ApplyPatchInvocation {
        do {
            return .patch(try PatchParser.parse(text), workdir: workdir)
        } catch {
            return .invalidPatch(error)
        }
    }

    /// The script of `[shell, -c|-lc, script]` for bash, zsh or sh (any folder, any extension).
    private static func shellScript(_ argv: [String]) -> String? {
        guard argv.count == 3, argv[1] == "-lc" || argv[1] == "-c" else { return nil }
        let base = argv[0].split(separator: "/").last.map(String.init) ?? argv[0]
        let stem = base.split(separator: ".", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return ["bash", "zsh", "sh"].contains(stem) ? argv[2] : nil
    }
}

/// A strict reader for the two script shapes the reference accepts; anything more (other
/// commands, pipes, `;`, `||`, extra arguments, text after the heredoc) is not a match.
enum HeredocScript {
    /// The heredoc body (trailing newlines removed) and the `cd` folder, if the script matches.
    static func extract(_ script: String) -> (body: String, workdir: String?)? {
        var scanner = Scanner(Array(script.unicodeScalars))
        scanner.skipBlanks(newlines: true)
        var workdir: String?
        if scanner.consume("cd"), scanner.skipBlanks(newlines: false) > 0 {
            guard let path = scanner.shellWord(), scanner.skipBlanks(newlines: false) > 0,
                  scanner.consume("&&")
            else { return nil }
            scanner.skipBlanks(newlines: false)
            workdir = path
        } else {
            scanner = Scanner(Array(script.unicodeScalars))
            scanner.skipBlanks(newlines: true)
        }
        guard let command = scanner.bareWord(), ApplyPatchInvocation.commandNames.contains(command) else { return nil }
        scanner.skipBlanks(newlines: false)
        guard scanner.consume("<<") else { return nil }
        scanner.skipBlanks(newlines: false)
        guard let delimiter = scanner.heredocDelimiter() else { return nil }
        scanner.skipBlanks(newlines: false)
        guard scanner.consume("\n") else { return nil }

        var bodyLines: [String] = []
        while let line = scanner.line() {
            if line == delimiter {
                scanner.skipBlanks(newlines: true)
                guard scanner.atEnd else { return nil }
                var body = bodyLines.joined(separator: "\n")
                while body.unicodeScalars.last == "\n" { body.unicodeScalars.removeLast() }
                return (body, workdir)
            }
            bodyLines.append(line)
        }
        return nil
    }

    struct Scanner {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }

        @discardableResult
        mutating func skipBlanks(newlines: Bool) -> Int {
            let start = position
            while position < scalars.count,
                  scalars[position] == " " || scalars[position] == "\t" || (newlines && scalars[position] == "\n") {
                position += 1
            }
            return position - start
        }

        mutating func consume(_ text: String) -> Bool {
            let expected = Array(text.unicodeScalars)
            guard position + expected.count <= scalars.count,
                  Array(scalars[position..<position + expected.count]) == expected
            else { return false }
            position += expected.count
            return true
        }

        /// Letters, digits and `_ - . / ~ + , : @ %`: a word with nothing for the shell to expand.
        mutating func bareWord() -> String? {
            let start = position
            while position < scalars.count, Self.isWordScalar(scalars[position]) { position += 1 }
            return position > start ? String(String.UnicodeScalarView(scalars[start..<position])) : nil
        }

        /// A bare word, or a `'…'` / `"…"` string without `$`, `` ` `` or `\` inside.
        mutating func shellWord() -> String? {
            guard position < scalars.count else { return nil }
            let quote = scalars[position]
            guard quote == "'" || quote == "\"" else { return bareWord() }
            var end = position + 1
            while end < scalars.count, scalars[end] != quote {
                if quote == "\"", scalars[end] == "$" || scalars[end] == "`" || scalars[end] == "\\" { return nil }
                if scalars[end] == "\n" { return nil }
                end += 1
            }
            guard end < scalars.count, end > position + 1 else { return nil }
            let word = String(String.UnicodeScalarView(scalars[(position + 1)..<end]))
            position = end + 1
            return word
        }

        /// `EOF`, `'EOF'` or `"EOF"`: the terminator word.
        mutating func heredocDelimiter() -> String? {
            guard position < scalars.count else { return nil }
            let quote = scalars[position]
            if quote == "'" || quote == "\"" {
                position += 1
                guard let word = bareWord(), position < scalars.count, scalars[position] == quote else { return nil }
                position += 1
                return word
            }
            return bareWord()
        }

        /// The next line without its `\n`; nil at the end of the text.
        mutating func line() -> String? {
            guard position < scalars.count else { return nil }
            let start = position
            while position < scalars.count, scalars[position] != "\n" { position += 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            if position < scalars.count { position += 1 }
            return text
        }

        static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/", "~", "+", ",", ":", "@", "%": true
            default: false
            }
        }
    }
}
