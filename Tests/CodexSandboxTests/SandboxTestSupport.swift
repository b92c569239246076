@testable import CodexSandbox
import Foundation
import Testing

/// Spawns the test-only helper binary with argv[0] = `codex-linux-sandbox` and captures its output.
enum SandboxTestSupport {
    /// `codex-sandbox-test-helper`, built next to the test bundle.
    static let helperPath: String = {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent(
            "codex-sandbox-test-helper"
        ).path
    }()

    /// The system Python (the pyenv shim under /root is avoided on purpose: it is a script).
    static let python: String = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        ? "/usr/bin/python3" : "python3"

    static let landlockABI = SandboxConfinement.landlockABI

    /// True when the sandbox can run here. Without Landlock the calling test is skipped with a
    /// printed reason, except under CI=true, where that is recorded as a failure.
    static func sandboxAvailable(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: helperPath) else {
            Issue.record("helper binary missing at \(helperPath)", sourceLocation: sourceLocation)
            return false
        }
        if landlockABI > 0 { return true }
        let reason = "Landlock is not available on this kernel (\(-landlockABI))"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(reason) but CI=true requires it", sourceLocation: sourceLocation)
        } else {
            print("SKIPPED: \(reason)")
        }
        return false
    }

    /// Runs `command` through the helper under `policy` with policy cwd and process cwd `cwd`.
    static func run(_ command: [String], policy: SandboxPolicy, cwd: String) throws -> CapturedRun {
        let launch = SandboxCommandBuilder.build(
            command: command, policy: policy, policyCwd: cwd, helperExecutable: helperPath)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(launch.environmentOverrides) { _, new in new }
        let request = LaunchRequest(
            executable: launch.executablePath, arguments: launch.arguments, searchesPath: launch.searchesPath,
            environment: environment, workingDirectory: cwd)
        return try ProcessLauncher.runCapturing(request, timeoutSeconds: 60)
    }

    /// Runs the helper with a raw argv (argv[0] included).
    static func runHelper(
        arguments: [String], cwd: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CapturedRun {
        let request = LaunchRequest(
            executable: helperPath, arguments: arguments, environment: environment, workingDirectory: cwd)
        return try ProcessLauncher.runCapturing(request, timeoutSeconds: 60)
    }

    /// Polls `condition` every 20 ms for up to `seconds`; true as soon as it holds. (Placeholders for
    /// missing protected folders are removed by a detached cleaner a moment after the command ends.)
    static func eventually(seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }

    /// `eventually` for async tests: waits with Task.sleep, so the test does not hold one of the few
    /// cooperative threads that every other test running in parallel needs.
    static func eventually(seconds: Double = 10, _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    /// A policy that makes only `cwd` (and extra roots) writable: /tmp and $TMPDIR excluded, because
    /// the tests' "outside" folders live there.
    static func workspace(roots: [String] = [], network: Bool = false) -> SandboxPolicy {
        .workspaceWrite(
            .init(writableRoots: roots, networkAccess: network, excludeTmpdirEnvVar: true, excludeSlashTmp: true))
    }
}

/// A fresh directory for one test, removed by `remove()` (call it in a `defer`).
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "sandbox-test") throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "codex-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// Creates a sub-directory and returns its path.
    func directory(_ name: String) throws -> String {
        let child = path + "/" + name
        try FileManager.default.createDirectory(atPath: child, withIntermediateDirectories: true)
        return child
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + name)
    }

    func read(_ name: String) -> String? {
        try? String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
