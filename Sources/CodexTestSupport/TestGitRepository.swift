import FoundationEssentials

/// A git repository for tests: created in a folder, changed through the `git` CLI (found on the
/// minimal PATH) with a fixed identity, so commits work without any user configuration.
public struct TestGitRepository: Sendable {
    public let path: String

    /// `git init` in `path` (created when missing) with `main` as the first branch.
    public static func create(at path: String) async throws -> TestGitRepository {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let repository = TestGitRepository(path: path)
        try await repository.git("init", "-q", "-b", "main")
        return repository
    }

    /// Writes `text` to the file at `relativePath`.
    public func write(_ relativePath: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(filePath: path).appending(path: relativePath))
    }

    /// Stages everything and commits it; returns the new commit's sha.
    @discardableResult
    public func commitAll(_ message: String) async throws -> String {
        try await git("add", "-A")
        try await git("commit", "-q", "-m", message)
        return try await git("rev-parse", "HEAD").split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }

    /// Runs `git ARGS` in the repository; its stdout. Throws when git fails.
    @discardableResult
    public func git(_ arguments: String...) async throws -> String {
        let environment = ProcessSpec.minimalEnvironment([
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_NOSYSTEM": "1", "HOME": path,
        ])
        let spec = ProcessSpec(
            executable: "/usr/bin/env", arguments: ["git"] + arguments, environment: environment, workingDirectory: path)
        let result = try await ChildProcess.run(spec, timeout: .seconds(30))
        guard result.exit == .exited(0) else {
            throw TestGitError(description: "git \(arguments.joined(separator: " ")) failed (\(result.exit)): \(result.stderr)")
        }
        return result.stdout
    }
}

/// A git command of a test failed.
public struct TestGitError: Error, CustomStringConvertible {
    public let description: String
}
