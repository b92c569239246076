public import CodexProtocol
import CodexBasics
import CodexConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `codex app-server daemon start|stop|restart|version`: one background app-server per CODEX_HOME, serving
/// the control socket (`unix://`'s default path). A lock file serializes starts and stops, so two racing
/// starts run one daemon; a pid file names the daemon. `stop` sends SIGTERM, on which the daemon flushes
/// every rollout and removes its socket.
public struct AppServerDaemon: Sendable {
    /// Why a daemon command failed (printed as `Error: ...`, exit 1).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    let codexHome: String
    /// Our version, reported as `cliVersion` (and recorded for a daemon we start).
    let cliVersion: String
    /// The `codex` binary the daemon runs (this one).
    let executable: String
    /// How long `start` waits for the socket and `stop` for the process to end.
    var timeoutMilliseconds = 20_000

    public init(codexHome: String, cliVersion: String, executable: String) {
        self.codexHome = codexHome
        self.cliVersion = cliVersion
        self.executable = executable
    }

    var directory: String { codexHome + "/app-server-daemon" }
    var pidFile: String { directory + "/daemon.pid" }
    var lockFile: String { directory + "/daemon.lock" }
    var logFile: String { directory + "/daemon.stderr.log" }
    /// The control socket the daemon serves.
    public var socketPath: String { UnixSocketPath.defaultPath(codexHome: codexHome) }

    // MARK: - Commands

    /// Starts the daemon unless one answers already; its status (`running` or `alreadyRunning`).
    public func start() async throws(Failure) -> JSONValue {
        try await withLock { () async throws(Failure) -> JSONValue in
            if let record = runningRecord() { return status("alreadyRunning", record: record) }
            return try await startLocked()
        }
    }

    /// Stops the daemon (SIGTERM, then waits for it to end); `stopped` or `notRunning`.
    public func stop() async throws(Failure) -> JSONValue {
        try await withLock { () async throws(Failure) -> JSONValue in try await stopLocked() }
    }

    /// `stop` then `start`, under one lock.
    public func restart() async throws(Failure) -> JSONValue {
        try await withLock { () async throws(Failure) -> JSONValue in
            _ = try await stopLocked()
            return try await startLocked()
        }
    }

    /// The local CLI's version and, when a daemon runs, its version.
    public func version() throws(Failure) -> JSONValue {
        if let record = runningRecord() { return status("running", record: record) }
        return status("notRunning", record: nil)
    }

    // MARK: - Steps

    /// Spawns the daemon, records it, and waits until its socket answers.
    private func startLocked() async throws(Failure) -> JSONValue {
        let pid = try spawnDaemon()
        let record = DaemonRecord(pid: pid, version: cliVersion)
        do {
            try AtomicFileWriter.write(record.json.serialized() + "\n", to: pidFile, newFileMode: 0o600)
        } catch {
            _ = kill(pid, SIGTERM)
            throw Failure(description: "cannot write \(pidFile): \(error)")
        }
        guard await waitUntil({ UnixSocketPath.isAnswering(socketPath) || !isAlive(pid) }), isAlive(pid) else {
            throw Failure(description: "the app-server daemon did not start; see \(logFile)")
        }
        return status("running", record: record)
    }

    private func stopLocked() async throws(Failure) -> JSONValue {
        guard let record = readRecord(), isAlive(record.pid) else {
            _ = unlink(pidFile)
            return status("notRunning", record: nil)
        }
        guard kill(record.pid, SIGTERM) == 0 || errno == ESRCH else {
            throw Failure(description: "cannot signal the daemon (pid \(record.pid)): \(String(cString: strerror(errno)))")
        }
        guard await waitUntil({ !isAlive(record.pid) }) else {
            throw Failure(description: "the app-server daemon (pid \(record.pid)) did not stop")
        }
        _ = unlink(pidFile)
        return status("stopped", record: nil)
    }

    /// The record of a daemon that is alive and answers on the socket.
    private func runningRecord() -> DaemonRecord? {
        guard let record = readRecord(), isAlive(record.pid), UnixSocketPath.isAnswering(socketPath) else { return nil }
        return record
    }

    /// The pid file's record; nil when there is none or it is unreadable (then no daemon is known).
    private func readRecord() -> DaemonRecord? {
        do {
            let bytes = try FileDescriptorIO.readFile(atPath: pidFile, limit: 4096)
            return DaemonRecord(json: try JSONParser.parse(bytes: bytes))
        } catch {
            return nil
        }
    }

    private func isAlive(_ pid: pid_t) -> Bool {
        // A zombie child of ours (not reaped yet) counts as gone.
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    private func status(_ status: String, record: DaemonRecord?) -> JSONValue {
        var object: JSONObject = [
            "status": .string(status), "backend": "pid", "managedCodexPath": .string(executable),
            "managedCodexVersion": .string(cliVersion), "socketPath": .string(socketPath), "cliVersion": .string(cliVersion),
        ]
        if let record { object["appServerVersion"] = .string(record.version) }
        return .object(object)
    }

    /// Runs `body` holding the daemon lock (flock), creating the daemon folder (0700) first.
    private func withLock<Result>(_ body: () async throws(Failure) -> Result) async throws(Failure) -> Result {
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw Failure(description: "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
        let descriptor = open(lockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot open \(lockFile): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw Failure(description: "cannot lock \(lockFile): \(String(cString: strerror(errno)))")
            }
        }
        return try await body()
    }

    /// Starts `codex app-server --listen unix://` in a process group of its own, stdin and stdout on /dev/null and
    /// stderr appended to the log; returns its pid.
    private func spawnDaemon() throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, logFile, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        // A process group of its own: the terminal's Ctrl-C and the starter's group signals do not reach it.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let arguments = [executable, "app-server", "--listen", "unix://"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, &argv, environ)
        guard result == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Checks `condition` every 20 ms until it holds (true) or the timeout passes (false).
    private func waitUntil(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                return condition()
            }
        }
        return condition()
    }
}

/// What the pid file records about a daemon: its pid and the version that started it.
struct DaemonRecord: Sendable, Equatable {
    let pid: pid_t
    let version: String

    init(pid: pid_t, version: String) {
        self.pid = pid
        self.version = version
    }

    init?(json: JSONValue) {
        guard let pid = json["pid"]?.intValue, let version = json["version"]?.stringValue, pid > 0,
            pid <= Int64(Int32.max)
        else { return nil }
        self.pid = pid_t(pid)
        self.version = version
    }

    var json: JSONValue { ["pid": .int(Int64(pid)), "version": .string(version)] }
}
