public import CodexProtocol
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `codex mcp add` or `remove` could not change the user config.
public struct McpServersConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

/// The `[mcp_servers.NAME]` entries of the user config (`$CODEX_HOME/config.toml`), edited in place by
/// `codex mcp add` and `remove`: only the entry's lines change, every other byte (comments included) stays,
/// and the file is replaced atomically (a new file gets mode 0600, as the reference writes it).
public struct McpServersConfigFile: Sendable {
    /// The config file's path.
    public let path: String

    public init(codexHome: CodexHome) {
        path = codexHome.appending("config.toml")
    }

    /// Whether `name` may be written by `codex mcp add`: non-empty, only `A-Z a-z 0-9 - _ : @ / .`.
    public static func isValidServerName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ":", "@", "/", ".": return true
                default: return false
                }
            }
    }

    /// The reference's message for a name `isValidServerName` refuses.
    public static func invalidNameMessage(_ name: String) -> String {
        "invalid server name '\(name)' (use letters, numbers, '-', '_', ':', '@', '/', '.')"
    }

    /// Replaces the entry `name` wholesale with `entry` (its keys in order; an object member becomes a
    /// `[mcp_servers.NAME.member]` sub-table).
    public func replace(name: String, with entry: JSONObject) throws(McpServersConfigFileError) {
        var editor = try openEditor()
        do {
            try editor.remove(["mcp_servers", name])
            try editor.set(["mcp_servers", name], to: .object(entry))
        } catch {
            throw McpServersConfigFileError(description: "failed to edit \(path): \(error)")
        }
        try write(editor)
    }

    /// Removes the entry `name`; false when the file has no such entry (nothing is written then).
    public func remove(name: String) throws(McpServersConfigFileError) -> Bool {
        var editor = try openEditor()
        let removed: Bool
        do {
            removed = try editor.remove(["mcp_servers", name])
        } catch {
            throw McpServersConfigFileError(description: "failed to edit \(path): \(error)")
        }
        if removed { try write(editor) }
        return removed
    }

    private func openEditor() throws(McpServersConfigFileError) -> TOMLDocumentEditor {
        let bytes = FileManager.default.contents(atPath: path).map { Array($0) } ?? []
        let editor = TOMLDocumentEditor(bytes: bytes)
        do {
            try editor.validate()
        } catch {
            throw McpServersConfigFileError(description: "failed to read \(path): \(error)")
        }
        return editor
    }

    private func write(_ editor: TOMLDocumentEditor) throws(McpServersConfigFileError) {
        // The reference leaves config.toml owner-only after `codex mcp add/remove`, also when it was wider
        // before; the atomic writer keeps an existing file's mode, so narrow it first.
        if FileManager.default.fileExists(atPath: path), chmod(path, 0o600) != 0 {
            throw McpServersConfigFileError(description: "failed to set permissions of \(path)")
        }
        do {
            try AtomicFileWriter.write(editor.bytes, to: path, newFileMode: 0o600)
        } catch {
            throw McpServersConfigFileError(description: "failed to write MCP servers to \(path): \(error)")
        }
    }
}
