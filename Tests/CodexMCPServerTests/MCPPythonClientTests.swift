import CodexTestSupport
import FoundationEssentials
import Testing

/// The official MCP Python SDK (mcp 2.3.0) as the client: runs scripts/interop_mcp.py against the built binary
/// when an interpreter with it is at hand (`MCP_PYTHON`, or the venv `scripts/interop-mcp.sh` installs);
/// otherwise says so and skips (CI runs the script itself, which installs the SDK).
@Suite struct MCPPythonClientTests {
    private static func python(packageRoot: String) -> String? {
        let candidates = [ProcessInfo.processInfo.environment["MCP_PYTHON"], packageRoot + "/.build-interop/mcp-venv/bin/python"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func theOfficialPythonClientDrivesTheServer() async throws {
        let codex = try CodexBinary.locate()
        guard let root = CodexBinary.packageRoot(startingAt: #filePath), let python = Self.python(packageRoot: root) else {
            print("MCPPythonClientTests: skipped: no Python with mcp 2.3.0 (run scripts/interop-mcp.sh, or set MCP_PYTHON)")
            return
        }
        let mock = URL(filePath: codex).deletingLastPathComponent().appending(path: "codex-scripted-model").path
        let work = try TemporaryDirectory.create(prefix: "mcp-python-client")
        defer { work.remove() }
        let result = try await ChildProcess.run(
            ProcessSpec(
                executable: python,
                arguments: [root + "/scripts/interop_mcp.py", "--codex", codex, "--mock", mock, "--work", work.appending("run")],
                workingDirectory: root),
            timeout: .seconds(300))
        #expect(result.exit == .exited(0), "interop_mcp.py failed:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("interop-mcp: 7 passed, 0 failed"))
    }
}
