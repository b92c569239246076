import CSandbox
import Glibc

/// What to start: program, full argv (argv[0] may differ from the program), environment, cwd.
struct LaunchRequest {
    var executable: String
    var arguments: [String]
    var searchesPath = false
    var environment: [String: String]
    var workingDirectory: String?
    /// Put the child in its own process group (so a timeout can kill the whole group).
    var newProcessGroup = false
}

/// The outcome of a captured run: exit code (128+signal for a signal death) and the output.
struct CapturedRun {
    var exitCode: Int32
    var standardOutput: String
    var standardError: String
    var timedOut: Bool
}

/// A spawn that failed before the child ran.
struct LaunchError: Error, CustomStringConvertible {
    let description: String
}

/// posix_spawn-based process starting, used by the CLI runner and the doctor (argv[0] overrides
/// are the point: Foundation.Process cannot set them).
enum ProcessLauncher {
    /// Starts the child with stdio inherited and SIGINT/SIGQUIT reset to their defaults.
    static func spawnInheriting(_ request: LaunchRequest) throws(LaunchError) -> pid_t {
        try spawn(request, stdinNull: false, outputFDs: nil)
    }

    /// Runs the child with stdin from /dev/null and stdout/stderr captured, killing its process
    /// group when `timeoutSeconds` pass.
    static func runCapturing(_ request: LaunchRequest, timeoutSeconds: Int) throws(LaunchError) -> CapturedRun {
        var request = request
        request.newProcessGroup = true
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        let outResult = csb_pipe_cloexec(&outPipe)
        guard outResult == 0 else { throw LaunchError(description: "pipe: \(errorText(outResult))") }
        let code = csb_pipe_cloexec(&errPipe)
        guard code == 0 else {
            close(outPipe[0])
            close(outPipe[1])
            throw LaunchError(description: "pipe: \(errorText(code))")
        }
        let pid: pid_t
        do {
            pid = try spawn(request, stdinNull: true, outputFDs: (outPipe[1], errPipe[1]))
        } catch {
            [outPipe[0], outPipe[1], errPipe[0], errPipe[1]].forEach { close($0) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])

        var output: [Int32: [UInt8]] = [outPipe[0]: [], errPipe[0]: []]
        var openFDs = [outPipe[0], errPipe[0]]
        let pidFD = csb_pidfd_open(pid)
        // Without pidfd support, exit is only noticed once both pipes are closed.
        var exited = pidFD < 0
        var timedOut = false
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)

        while !openFDs.isEmpty || !exited {
            let remaining = deadline - ContinuousClock.now
            let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            if milliseconds <= 0 {
                timedOut = true
                kill(-pid, SIGKILL)
                break
            }
            var pollFDs = openFDs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if !exited { pollFDs.append(pollfd(fd: pidFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&pollFDs, nfds_t(pollFDs.count), Int32(min(milliseconds, 60_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                kill(-pid, SIGKILL)
                break
            }
            for entry in pollFDs where entry.revents != 0 {
                if entry.fd == pidFD {
                    exited = true
                    continue
                }
                var buffer = [UInt8](repeating: 0, count: 16384)
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    output[entry.fd, default: []].append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    openFDs.removeAll { $0 == entry.fd }
                }
            }
        }
        close(outPipe[0])
        close(errPipe[0])
        if pidFD >= 0 { close(pidFD) }
        let exitCode = waitForExit(pid)
        return CapturedRun(
            exitCode: exitCode,
            standardOutput: String(decoding: output[outPipe[0]] ?? [], as: UTF8.self),
            standardError: String(decoding: output[errPipe[0]] ?? [], as: UTF8.self),
            timedOut: timedOut)
    }

    /// Waits for `pid`; returns its exit code, or 128+signal when a signal ended it.
    static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 1 }
        }
        let signal = status & 0x7f
        if signal == 0 { return (status >> 8) & 0xff }
        return 128 + signal
    }

    private static func spawn(
        _ request: LaunchRequest, stdinNull: Bool, outputFDs: (Int32, Int32)?
    ) throws(LaunchError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { throw LaunchError(description: "posix_spawn setup failed") }
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawnattr_init(&attributes) == 0 else { throw LaunchError(description: "posix_spawn setup failed") }
        defer { posix_spawnattr_destroy(&attributes) }

        var result: Int32 = 0
        if stdinNull { result |= posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        if let (out, err) = outputFDs {
            result |= posix_spawn_file_actions_adddup2(&actions, out, 1)
            result |= posix_spawn_file_actions_adddup2(&actions, err, 2)
        }
        if let directory = request.workingDirectory {
            result |= csb_spawn_file_actions_addchdir(&actions, directory)
        }
        // The parent may ignore or block signals (SIGINT/SIGQUIT while it waits, SIGPIPE in most
        // Swift programs); the child starts with every signal at its default and none blocked.
        var defaults = sigset_t()
        sigfillset(&defaults)
        result |= posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        result |= posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        if request.newProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            result |= posix_spawnattr_setpgroup(&attributes, 0)
        }
        result |= posix_spawnattr_setflags(&attributes, Int16(flags))
        guard result == 0 else { throw LaunchError(description: "posix_spawn setup failed") }

        let argv: [UnsafeMutablePointer<CChar>?] = request.arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            request.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let code =
            request.searchesPath
            ? posix_spawnp(&pid, request.executable, &actions, &attributes, argv, envp)
            : posix_spawn(&pid, request.executable, &actions, &attributes, argv, envp)
        guard code == 0 else {
            throw LaunchError(description: "cannot start \(request.executable): \(errorText(code))")
        }
        return pid
    }
}
