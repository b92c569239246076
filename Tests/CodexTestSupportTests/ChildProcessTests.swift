import CodexTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// True while `pid` exists and is not a zombie (a killed orphan may stay a zombie until init reaps it).
private func isAlive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    return processState(pid).map { $0 != "Z" && $0 != "X" } ?? false
}

/// The state letter from /proc/PID/stat.
private func processState(_ pid: Int32) -> Character? {
    guard let stat = try? readProcFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
    return stat[close...].dropFirst(2).first
}

/// Live (non-zombie) processes whose process group is `group`.
private func liveMembers(ofGroup group: Int32) -> [Int32] {
    guard let directory = opendir("/proc") else { return [] }
    defer { closedir(directory) }
    var members: [Int32] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard let pid = Int32(name), isAlive(pid), getpgid(pid) == group else { continue }
        members.append(pid)
    }
    return members
}

private func readProcFile(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw POSIXErrorCode(rawValue: errno).map { POSIXError($0) } ?? POSIXError(.EIO) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}

private struct POSIXError: Error {
    let code: POSIXErrorCode
    init(_ code: POSIXErrorCode) { self.code = code }
}

private func shell(_ script: String, stdin: ProcessSpec.StandardInput = .none) -> ProcessSpec {
    ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], standardInput: stdin)
}

private struct DeliberateFailure: Error {}

@Suite struct ChildProcessTests {
    @Test func teardownKillsTheWholeProcessGroup() async throws {
        let (leader, background) = try await ChildProcess.withProcess(
            shell("echo hi; sleep 30 & echo bg=$!; sleep 30")
        ) { process in
            #expect(try await process.nextStdoutLine() == "hi")
            let line = try #require(try await process.nextStdoutLine())
            let background = try #require(Int32(line.dropFirst(3)))
            #expect(getpgid(process.pid) == process.pid)
            #expect(getpgid(background) == process.pid)
            // The group also holds the foreground `sleep`; leader and background job must both be in it.
            #expect(Set(liveMembers(ofGroup: process.pid)).isSuperset(of: [process.pid, background]))
            return (process.pid, background)
        }
        #expect(await eventually { !isAlive(leader) && !isAlive(background) })
        #expect(await eventually { liveMembers(ofGroup: leader).isEmpty })
    }

    @Test func teardownAlsoRunsWhenTheBodyThrows() async throws {
        let pids = PIDBox()
        await #expect(throws: DeliberateFailure.self) {
            try await ChildProcess.withProcess(shell("sleep 30 & echo $!; sleep 30")) { process in
                let line = try #require(try await process.nextStdoutLine())
                pids.set([process.pid, Int32(line) ?? -1])
                throw DeliberateFailure()
            }
        }
        let recorded = pids.get()
        #expect(recorded.count == 2)
        #expect(await eventually { recorded.allSatisfy { !isAlive($0) } })
    }

    @Test func runCollectsExitCodeAndBothStreams() async throws {
        let result = try await ChildProcess.run(shell("echo out; echo err >&2; exit 3"), timeout: .seconds(10))
        #expect(result == ProcessResult(exit: .exited(3), stdout: "out\n", stderr: "err\n"))
        #expect(result.stdoutLines == ["out"])
    }

    /// A background job holding stdout open must not keep `run` waiting; teardown kills it.
    @Test func runReturnsWhenTheChildExitsEvenIfABackgroundJobHoldsStdout() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await ChildProcess.run(shell("sleep 30 & echo $!"), timeout: .seconds(20))
        #expect(clock.now - started < .seconds(15))
        #expect(result.exit == .exited(0))
        let background = try #require(Int32(result.stdoutLines.first ?? ""))
        #expect(await eventually { !isAlive(background) })
    }

    @Test func signalledExitIsReported() async throws {
        let result = try await ChildProcess.run(shell("kill -TERM $$"), timeout: .seconds(10))
        #expect(result.exit == .signaled(SIGTERM))
        #expect(result.exitCode == nil)
    }

    @Test func runTimesOutWithPartialOutputAndKillsTheChild() async throws {
        let error = await #expect(throws: ProcessTimeoutError.self) {
            try await ChildProcess.run(shell("echo $$; sleep 30"), timeout: .milliseconds(300))
        }
        let pid = try #require(Int32(error?.stdout.split(separator: "\n").first ?? ""))
        #expect(await eventually { !isAlive(pid) })
    }

    @Test func nextLineTimesOutWhenNothingIsWritten() async throws {
        try await ChildProcess.withProcess(shell("sleep 30")) { process in
            await #expect(throws: TimeoutError.self) {
                _ = try await process.nextStdoutLine(timeout: .milliseconds(100))
            }
        }
    }

    @Test func interactiveStdinAndLineReading() async throws {
        try await ChildProcess.withProcess(
            ProcessSpec(executable: "/bin/cat", standardInput: .writable)
        ) { process in
            try await process.write("ping\n")
            #expect(try await process.nextStdoutLine() == "ping")
            try await process.write("partial")
            try await process.closeStandardInput()
            #expect(try await process.nextStdoutLine() == "partial")
            #expect(try await process.nextStdoutLine() == nil)
            #expect(try await process.waitForExit(timeout: .seconds(10)) == .exited(0))
        }
    }

    @Test func stdinDataEnvironmentAndWorkingDirectory() async throws {
        try await TemporaryDirectory.withTemporaryDirectory { directory in
            let spec = ProcessSpec(
                executable: "/bin/sh",
                arguments: ["-c", "cat; pwd; echo \"$GREETING\"; echo \"${HOME-unset}\""],
                environment: ProcessSpec.minimalEnvironment(["GREETING": "hello"]),
                workingDirectory: directory.path, standardInput: .data(Array("line1\nline2\n".utf8)))
            let result = try await ChildProcess.run(spec, timeout: .seconds(10))
            #expect(result.stdoutLines == ["line1", "line2", directory.path, "hello", "unset"])
            #expect(result.exit == .exited(0))
        }
    }

    @Test func missingExecutableThrows() async {
        await #expect(throws: (any Error).self) {
            try await ChildProcess.run(ProcessSpec(executable: "/nonexistent/codex"), timeout: .seconds(5))
        }
    }
}

/// Carries pids out of a throwing closure.
private final class PIDBox: Sendable {
    private let storage = Mutex<[Int32]>([])
    func set(_ pids: [Int32]) { storage.withLock { $0 = pids } }
    func get() -> [Int32] { storage.withLock { $0 } }
}

@Suite struct ChildProcessBrokenPipeTests {
    /// A child that closed its stdin must not take the test process down with SIGPIPE: the write throws.
    @Test func writingToAClosedStdinThrowsInsteadOfKillingTheTestProcess() async throws {
        try await ChildProcess.withProcess(
            ProcessSpec(
                executable: "/bin/sh", arguments: ["-c", "exec 0<&-; echo closed; sleep 30"], standardInput: .writable)
        ) { process in
            let line = try await process.nextStdoutLine()
            #expect(line == "closed")
            await #expect(throws: (any Error).self) {
                try await process.write("after close\n")
            }
        }
    }

    /// Ignoring SIGPIPE in the test process must not leak into children: `yes` still dies quietly.
    @Test func childrenKeepTheDefaultBrokenPipeBehaviour() async throws {
        let result = try await ChildProcess.run(shell("yes | head -n 1"), timeout: .seconds(10))
        #expect(result == ProcessResult(exit: .exited(0), stdout: "y\n", stderr: ""))
    }
}
