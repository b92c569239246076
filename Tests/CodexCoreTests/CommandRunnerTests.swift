import CodexCore
import Foundation
import Testing

@Suite struct CommandRunnerTests {
    private let environment = ["PATH": "/usr/bin:/bin"]

    @Test func capturesStdoutStderrAndExitCode() async throws {
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"], cwd: "/", environment: environment))
        #expect(outcome.exitCode == 3)
        #expect(outcome.stdout == "out\n")
        #expect(outcome.stderr == "err\n")
        #expect(outcome.aggregatedOutput.contains("out\n"))
        #expect(outcome.aggregatedOutput.contains("err\n"))
        #expect(!outcome.timedOut)
    }

    @Test func runsInTheGivenDirectoryWithTheGivenEnvironment() async throws {
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh", arguments: ["-c", "pwd; echo $ONLY_THIS"], cwd: "/usr",
                environment: ["ONLY_THIS": "yes", "PATH": "/bin"]))
        #expect(outcome.stdout == "/usr\nyes\n")
    }

    @Test func overridesArgv0() async throws {
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh", arguments: ["-c", "echo $0"], argv0: "codex-linux-sandbox", cwd: "/",
                environment: environment))
        #expect(outcome.stdout == "codex-linux-sandbox\n")
    }

    @Test func timeoutKillsTheWholeProcessTree() async throws {
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh",
                arguments: ["-c", "sleep 60 & echo background=$!; sleep 30"],
                cwd: "/", environment: environment, timeout: .milliseconds(300)))
        #expect(outcome.timedOut)
        #expect(outcome.exitCode == 124)
        let line = outcome.aggregatedOutput.split(separator: "\n").first { $0.hasPrefix("background=") }
        let pid = try #require(line.flatMap { Int32($0.dropFirst("background=".count)) })
        #expect(try await Self.endsSoon(pid), "background child \(pid) survived the timeout")
    }

    /// A background job does not hold the command past its own exit, and is killed when it ends: the
    /// command's exit code stands.
    @Test func aBackgroundJobEndsWithTheCommand() async throws {
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh", arguments: ["-c", "sleep 60 & echo background=$!"], cwd: "/",
                environment: environment, timeout: .seconds(60)))
        #expect(!outcome.timedOut)
        #expect(outcome.exitCode == 0)
        #expect(outcome.duration < .seconds(30))
        let line = outcome.stdout.split(separator: "\n").first { $0.hasPrefix("background=") }
        let pid = try #require(line.flatMap { Int32($0.dropFirst("background=".count)) })
        #expect(try await Self.endsSoon(pid), "background job \(pid) outlived its command")
    }

    /// A command that exited before its deadline is not timed out because reading its output took
    /// longer (here a slow consumer; on a loaded machine, a late wake-up): its real exit code is kept.
    @Test func aCommandThatEndedBeforeItsDeadlineIsNotTimedOutByASlowReader() async throws {
        let release = AsyncStream<Void>.makeStream()
        let outcome = try await withThrowingTaskGroup(of: CommandOutcome?.self) { group in
            group.addTask {
                try await CommandRunner.run(
                    CommandInvocation(
                        executable: "/bin/sh", arguments: ["-c", "echo first; exit 7"], cwd: "/",
                        environment: environment, timeout: .milliseconds(200))
                ) { _, _ in
                    // Held until the deadline has certainly passed (the runner's own sleep ends first).
                    for await _ in release.stream { break }
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(800))
                release.continuation.finish()
                return nil
            }
            var result: CommandOutcome?
            for try await value in group { if let value { result = value } }
            return result
        }
        let finished = try #require(outcome)
        #expect(!finished.timedOut)
        #expect(finished.exitCode == 7)
        #expect(finished.stdout == "first\n")
    }

    /// Whether `pid` is gone (or a zombie awaiting its new parent) within 5 s: polled, bounded.
    static func endsSoon(_ pid: Int32) async throws -> Bool {
        for _ in 0..<500 {
            if !isRunning(pid) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return !isRunning(pid)
    }

    /// True while `pid` exists and is not a zombie.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// The command only finishes once the test has seen its first line, so it passes only when
    /// output is delivered while the command is still running (no timing involved).
    @Test func streamsOutputBeforeExit() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("runner-go-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh",
                arguments: ["-c", "echo early; while [ ! -f \(marker) ]; do sleep 0.05; done; echo late"], cwd: "/",
                environment: environment, timeout: .seconds(30))
        ) { _, bytes in
            if String(decoding: bytes, as: UTF8.self).contains("early") {
                _ = FileManager.default.createFile(atPath: marker, contents: nil)
            }
        }
        #expect(!outcome.timedOut)
        #expect(outcome.stdout == "early\nlate\n")
    }

    @Test func capsOutputKeepingHeadAndTail() async throws {
        let outcome = try await CommandRunner.run(
            CommandInvocation(
                executable: "/bin/sh", arguments: ["-c", "echo HEAD; seq 1 100000; echo TAIL"], cwd: "/",
                environment: environment, outputLimitBytes: 1000))
        #expect(outcome.stdout.hasPrefix("HEAD\n"))
        #expect(outcome.stdout.hasSuffix("TAIL\n"))
        #expect(outcome.stdout.contains("bytes omitted"))
    }

    @Test func missingProgramThrows() async {
        await #expect(throws: (any Error).self) {
            try await CommandRunner.run(
                CommandInvocation(executable: "/nonexistent/program", arguments: [], cwd: "/", environment: environment))
        }
    }

    @Test func cancellationKillsTheCommand() async throws {
        let clock = ContinuousClock()
        let task = Task {
            try await CommandRunner.run(
                CommandInvocation(executable: "/bin/sh", arguments: ["-c", "sleep 30"], cwd: "/", environment: environment))
        }
        try await Task.sleep(for: .milliseconds(200))
        // Timed from the cancel: the command would run 30 s if it were not killed; a loaded machine's slow
        // start before the cancel is not what this measures.
        let cancelledAt = clock.now
        task.cancel()
        _ = try? await task.value
        #expect(clock.now - cancelledAt < .seconds(10))
    }
}

