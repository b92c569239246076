import CodexConfig
import CodexProtocol
import TOMLKit
import Testing

/// SplitMix64: a tiny deterministic generator so every run edits the same way.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Sample config files with comments everywhere and every construct the editor must keep.
enum TOMLEditorSamples {
    static let commented = """
        # Codex configuration
        # (comments everywhere)

        model = "o3" # the default model
        approval_policy   =   "on-request"

        # sandbox
        sandbox_mode = 'workspace-write'   # literal string

        [tui] # terminal
        # theme comment
        theme = "dark"
        notifications = true

        # trailing comment of tui

        [sandbox_workspace_write]
        network_access = false
        writable_roots = ["/tmp", "/var/tmp"] # roots

        """

    static let crlf = "# CRLF file\r\nmodel = \"o3\"\r\n\r\n[tools]\r\nweb_search = true # search\r\n\r\n"
        + "[profiles.fast]\r\nmodel = \"o4-mini\"\r\nmodel_reasoning_effort = \"low\"\r\n"

    static let quotedKeys = """
        "model" = "o3"
        'literal key' = 1
        "key with spaces" = "v"

        [projects."/home/u/my repo"]
        trust_level = "trusted"

        [projects.'/srv/a.b']
        trust_level = "untrusted" # dotted path in quotes

        [ "spaced"  .  header ]
        x = 1

        """

    static let multilineArrays = """
        notify = [
          "notify-send", # program
          "Codex",
        ]

        [mcp_servers.docs]
        command = "npx"
        args = [
          "-y",
          # a comment inside the array
          "@docs/server", "--port=[8080]",
        ]   # after the array
        env = { "API_KEY" = "x#y", MODE = "a = b" }

        """

    static let multilineStrings = """
        instructions = \"\"\"
        [fake]
        key = x
        # not a comment
        \"\"\"
        literal = '''
        [[also.fake]]
        other = "y"
        '''
        after = "real" # real key

        [real]
        text = \"\"\"one \\
            two ""\"\"\"
        value = 2

        """

    static let dottedRoot = """
        profile = "fast"
        profiles.fast.model = "o4-mini" # dotted
        profiles.fast.model_reasoning_effort = "low"
        profiles.slow.model = "o3"
        tools.web_search = false

        [tui]
        notifications.enabled = true
        notifications.sound = "bell"

        """

    static let inlineTables = """
        tui = { theme = "dark", notifications = { enabled = true } } # inline
        shell_environment_policy = { inherit = "core", exclude = ["AWS_*", "AZURE_*"] }

        [mcp_servers]
        one = { command = "a", args = ["x"] }
        two = {}

        """

    static let profiles = """
        model = "o3"
        profile = "deep"

        # Profiles
        [profiles.deep]
        model = "o3"
        approval_policy = "never"

        [profiles.fast]
        model = "o4-mini"

        [profiles.fast.model_providers]
        name = "openai"

        [model_providers.local]
        name = "Local"
        base_url = "http://localhost:11434/v1"
        query_params = { "api-version" = "2025-04-01" }

        # the end
        """

    static let all: [(name: String, text: String)] = [
        ("commented", commented), ("crlf", crlf), ("quotedKeys", quotedKeys),
        ("multilineArrays", multilineArrays), ("multilineStrings", multilineStrings), ("dottedRoot", dottedRoot),
        ("inlineTables", inlineTables), ("profiles", profiles), ("empty", ""),
    ]
}

@Suite("TOML editor: random edits keep every untouched line")
struct TOMLEditorPropertyTests {
    @Test("every sample parses with TOMLKit before any edit")
    func samplesParse() throws {
        for sample in TOMLEditorSamples.all {
            #expect(throws: Never.self, "\(sample.name)") { try TOMLTable(string: sample.text) }
        }
    }

    @Test("300 seeded rounds of set / replace / remove edits", arguments: 0..<300)
    func randomEdits(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let sample = TOMLEditorSamples.all[seed % TOMLEditorSamples.all.count]
        var text = sample.text
        for step in 0..<3 {
            let context = "seed \(seed), sample \(sample.name), step \(step)"
            let before = try jsonDocument(text)
            let edit = Self.randomEdit(in: before, using: &generator)
            var editor = TOMLDocumentEditor(text: text)
            let changed: Bool
            switch edit.kind {
            case .set(let value): changed = try editor.set(edit.path, to: value)
            case .remove: changed = try editor.remove(edit.path)
            case .convert(let nested): changed = try editor.convertInlineTable(edit.path, nested: nested)
            }
            let result = editor.text
            let description = "\(context): \(edit.kind) at \(edit.path)\n--- before\n\(text)\n--- after\n\(result)"
            #expect(changed == (result != text), "\(description)")

            // The result parses, holds the new value, and nothing else changed meaning.
            let after = try #require(try? jsonDocument(result), "does not parse: \(description)")
            var expected = before
            switch edit.kind {
            case .set(let value): expected = Self.setting(value, at: edit.path[...], in: expected)
            case .remove: expected = Self.setting(nil, at: edit.path[...], in: expected)
            case .convert: break
            }
            #expect(Self.pruned(after) == Self.pruned(expected), "\(description)")

            // Only one contiguous run of lines differs, and its shape fits the edit.
            let hunk = Self.changedHunk(old: text, new: result)
            switch edit.kind {
            case .set where !edit.existed:
                let inlineInsert = hunk.old.count == 1 && hunk.new.count == 1 && hunk.old[0].contains("{")
                #expect(hunk.old.isEmpty || inlineInsert, "old lines changed: \(description)")
            case .set:
                if changed {
                    #expect(hunk.new.count == 1 && !hunk.old.isEmpty, "\(description)")
                    let keyPart = { (line: String) in line.prefix { $0 != "=" } }
                    #expect(hunk.old.first.map(keyPart) == hunk.new.first.map(keyPart), "key respelled: \(description)")
                }
            case .remove:
                #expect(!hunk.old.isEmpty && hunk.new.count <= 1, "\(description)")
            case .convert:
                // Lines move into new blocks; every old line that is gone held an inline table.
                let lost = Self.linesMissing(from: Self.lines(text), in: Self.lines(result))
                #expect(lost.allSatisfy { $0.contains("{") }, "lost \(lost): \(description)")
            }
            if sample.name == "crlf" {
                let bytes = Array(result.utf8)
                let bareLineFeeds = bytes.indices.filter { bytes[$0] == 10 && ($0 == 0 || bytes[$0 - 1] != 13) }
                #expect(bareLineFeeds.isEmpty, "LF without CR: \(description)")
            }
            text = result
        }
    }

    // MARK: - Edits

    struct Edit {
        enum Kind { case set(JSONValue), remove, convert(nested: Bool) }
        var path: [String]
        var kind: Kind
        /// Whether something was at the path before the edit.
        var existed: Bool
    }

    static let newNames = ["new_key", "my key", "/home/u/p", "a.b", "x-y", "ключ", "with\"quote"]

    static let values: [JSONValue] = [
        true, false, 0, 42, -7, 9_007_199_254_740_993, 0.25, -3.0, 1e10,
        "plain", "with \"quotes\" and \\ backslash", "# not a comment", "[fake]\nkey = x", "tab\there", "café",
        [], [1, 2, 3], ["a", "b #c"], [[1], ["x"]],
        ["x": 1, "y": "s"], ["nested": ["deep": true]],
    ]

    static func randomEdit(in document: JSONValue, using generator: inout SeededGenerator) -> Edit {
        var leaves: [[String]] = []
        var tables: [[String]] = [[]]
        collectPaths(document, prefix: [], leaves: &leaves, tables: &tables)
        let roll = Int.random(in: 0..<10, using: &generator)
        if roll == 9, tables.count > 1, let path = tables.dropFirst().randomElement(using: &generator) {
            return Edit(path: path, kind: .convert(nested: Bool.random(using: &generator)), existed: true)
        }
        if roll < 4, let path = leaves.randomElement(using: &generator) {
            let value = values.randomElement(using: &generator) ?? true
            return Edit(path: path, kind: .set(value), existed: true)
        }
        if roll < 6, let path = leaves.randomElement(using: &generator) {
            return Edit(path: path, kind: .remove, existed: true)
        }
        let parent = tables.randomElement(using: &generator) ?? []
        var path = parent
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
            path.append(newNames.randomElement(using: &generator) ?? "k")
        }
        if value(at: path.prefix(parent.count + 1), in: document) != nil {
            path = parent + ["fresh_\(Int.random(in: 0..<1000, using: &generator))"]
        }
        var value = values.randomElement(using: &generator) ?? true
        if case .object = value, Bool.random(using: &generator) { value = "scalar" }
        return Edit(path: path, kind: .set(value), existed: false)
    }

    static func collectPaths(_ value: JSONValue, prefix: [String], leaves: inout [[String]], tables: inout [[String]]) {
        guard case .object(let object) = value else { return }
        for (key, member) in object {
            if case .object = member {
                tables.append(prefix + [key])
                collectPaths(member, prefix: prefix + [key], leaves: &leaves, tables: &tables)
            } else {
                leaves.append(prefix + [key])
            }
        }
    }

    // MARK: - JSON model of the document

    func jsonDocument(_ text: String) throws -> JSONValue {
        jsonValue(try TOMLTable(string: text))
    }

    static func value(at path: ArraySlice<String>, in document: JSONValue) -> JSONValue? {
        guard let first = path.first else { return document }
        guard let member = document[first] else { return nil }
        return value(at: path.dropFirst(), in: member)
    }

    /// The document with `value` put at (or, for nil, removed from) a path, creating objects on the way.
    static func setting(_ value: JSONValue?, at path: ArraySlice<String>, in document: JSONValue) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        var object = document.objectValue ?? JSONObject()
        if path.count == 1 {
            object[first] = value.map(withoutNulls)
        } else if value != nil || object[first] != nil {
            object[first] = setting(value, at: path.dropFirst(), in: object[first] ?? .object(JSONObject()))
        }
        return .object(object)
    }

    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        return .object(JSONObject(object.filter { !$0.value.isNull }.map { ($0.key, withoutNulls($0.value)) }))
    }

    /// Drops empty tables, which removing a table's last dotted key legitimately makes disappear.
    static func pruned(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        var result = JSONObject()
        for (key, member) in object {
            let prunedMember = pruned(member)
            if case .object(let child) = prunedMember, child.isEmpty { continue }
            result[key] = prunedMember
        }
        return .object(result)
    }

    /// A text's lines split at LF bytes, so a CRLF line keeps its CR (Swift treats `\r\n` as one Character).
    static func lines(_ text: String) -> [String] {
        Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The lines of `old` left out of a longest common subsequence with `new`.
    static func linesMissing(from old: [String], in new: [String]) -> [String] {
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var missing: [String] = []
        var (i, j) = (0, 0)
        while i < old.count {
            if j < new.count, old[i] == new[j] {
                i += 1
                j += 1
            } else if j < new.count, table[i][j + 1] >= table[i + 1][j] {
                j += 1
            } else {
                missing.append(old[i])
                i += 1
            }
        }
        return missing
    }

    /// The lines that differ between two texts, after their common leading and trailing lines.
    static func changedHunk(old: String, new: String) -> (old: [String], new: [String]) {
        let oldLines = lines(old)
        let newLines = lines(new)
        var prefix = 0
        while prefix < oldLines.count, prefix < newLines.count, oldLines[prefix] == newLines[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < oldLines.count - prefix, suffix < newLines.count - prefix,
            oldLines[oldLines.count - 1 - suffix] == newLines[newLines.count - 1 - suffix]
        {
            suffix += 1
        }
        return (Array(oldLines[prefix..<(oldLines.count - suffix)]), Array(newLines[prefix..<(newLines.count - suffix)]))
    }
}
