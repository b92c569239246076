import CodexBasics
import FoundationEssentials
import Glibc

/// The doctor's self-tests for what Landlock alone does not cover: metadata and names outside the
/// writable roots, protected folders that appear during the run, and ways back out of the view.
extension SandboxDoctor {
    /// Everything `stat` reports that a metadata change would alter.
    private struct Fingerprint: Equatable {
        var mode: UInt32
        var uid: UInt32
        var gid: UInt32
        var size: Int
        var links: UInt
        var mtime: Int
        var ctime: Int
        var ctimeNanoseconds: Int

        init?(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            mode = info.st_mode
            uid = info.st_uid
            gid = info.st_gid
            size = Int(info.st_size)
            links = UInt(info.st_nlink)
            mtime = Int(info.st_mtim.tv_sec)
            ctime = Int(info.st_ctim.tv_sec)
            ctimeNanoseconds = Int(info.st_ctim.tv_nsec)
        }
    }

    static func metadataSelfTests(
        inside: String, outside: String, policy: SandboxPolicy, executablePath: String
    ) -> [SandboxDoctorReport.Check] {
        func probe(_ name: String, _ arguments: [String]) -> (ProbeOutcome, String) {
            Self.probe(name, arguments, policy, inside: inside, executablePath: executablePath)
        }
        /// Denied, and the victim (created fresh for each probe, outside every root) unchanged.
        func outsideCheck(_ check: String, _ probeName: String) -> SandboxDoctorReport.Check {
            let victim = AbsolutePath(normalizing: outside).appending(probeName + "-victim").string
            let renamed = victim + ".new"
            guard writeVictim(victim) else {
                return .init(name: check, verdict: .fail, detail: "cannot create the victim file \(victim)")
            }
            let before = Fingerprint(victim)
            let (outcome, warnings) = probe(probeName, [victim, renamed])
            var result = denial(check, outcome)
            if Fingerprint(victim) != before || FileKind.of(renamed) != nil {
                result = .init(name: check, verdict: .fail, detail: "the victim file changed")
            }
            if result.verdict == .fail, !warnings.isEmpty { result.detail += " (\(warnings))" }
            return result
        }

        var checks: [SandboxDoctorReport.Check] = []
        for (name, probeName) in [
            ("chmod_outside_roots_denied", "chmod"), ("chown_outside_roots_denied", "chown"),
            ("utime_outside_roots_denied", "utime"), ("setxattr_outside_roots_denied", "setxattr"),
            ("truncate_outside_roots_denied", "truncate"), ("rename_outside_roots_denied", "rename"),
            ("hardlink_outside_roots_denied", "hardlink"),
        ] {
            checks.append(outsideCheck(name, probeName))
        }

        let script = AbsolutePath(normalizing: inside).appending("build.sh").string
        if writeVictim(script) {
            let outcome = probe("chmod", [script]).0
            let changed = Fingerprint(script).map { $0.mode & 0o777 == 0o600 } ?? false
            switch outcome {
            case .allowed where changed:
                checks.append(.init(name: "chmod_inside_root_allowed", verdict: .pass, detail: "mode changed"))
            case .allowed:
                checks.append(.init(name: "chmod_inside_root_allowed", verdict: .fail, detail: "mode unchanged"))
            case .denied(let detail), .error(let detail):
                checks.append(.init(name: "chmod_inside_root_allowed", verdict: .fail, detail: detail))
            }
        }

        // `.codex` does not exist when the run starts; the command must not be able to create it.
        let protected = AbsolutePath(normalizing: inside).appending(".codex").string
        var created = denial("protected_folder_created_during_run_denied", probe("create-protected", [protected]).0)
        // The cleaner removes the placeholder a moment after the run: once the probe and every process of
        // its mount namespace are gone, which on a loaded machine has taken more than 5 s. Waited up to 30 s.
        for _ in 0..<600 where FileKind.of(protected) != nil { usleep(50_000) }
        if FileKind.of(protected) != nil {
            created = .init(
                name: created.name, verdict: .fail,
                detail: created.verdict == .pass ? "denied, but the placeholder was left behind" : "the folder was created")
        }
        checks.append(created)

        checks.append(denial("nested_namespace_remount_denied", probe("nested-remount", []).0))
        checks.append(denial("bind_mount_over_root_denied", probe("bind-mount", [outside, inside]).0))
        checks.append(denial("pivot_root_denied", probe("pivot-root", []).0))
        return checks
    }

    /// A fresh 0644 file with a line in it (replacing any earlier one).
    private static func writeVictim(_ path: String) -> Bool {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let text = Array("victim\n".utf8)
        return text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == text.count
    }
}
