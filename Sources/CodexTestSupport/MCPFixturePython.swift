import Glibc

/// A Python interpreter that has the official MCP SDK (`mcp`), for tests that start fixture MCP servers.
///
/// Looked for in `$MCP_PYTHON`, the interop venv (`.build-interop/mcp-venv`, made by scripts/interop-mcp.sh) and
/// the reference venv (`/root/.cache/codex-reference-venv`); tests skip with a message when none is there.
public enum MCPFixturePython {
    /// The first candidate interpreter that exists and is executable, or nil.
    public static func locate(environment: [String: String], repositoryRoot: String) -> String? {
        var candidates: [String] = []
        if let explicit = environment["MCP_PYTHON"], !explicit.isEmpty { candidates.append(explicit) }
        candidates.append(repositoryRoot + "/.build-interop/mcp-venv/bin/python")
        candidates.append("/root/.cache/codex-reference-venv/bin/python")
        return candidates.first { access($0, X_OK) == 0 }
    }

    /// Why a test that needs the interpreter did not run.
    public static let skipMessage =
        "skipped: no Python with the MCP SDK (set MCP_PYTHON, or run scripts/interop-mcp.sh to create .build-interop/mcp-venv)"
}
