import CodexBasics
import CSandbox
import Glibc

/// Applies a policy to the calling process, in the order the kernel requires: placeholders and their
/// cleaner (outside the namespace), the read-only filesystem view in a mount namespace (needs
/// privileges Landlock takes away), no_new_privs, Landlock, seccomp. Everything the process execs
/// afterwards inherits all of it.
enum SandboxConfinement {
    /// The kernel's Landlock ABI version, or a negative errno when Landlock is unavailable.
    static var landlockABI: Int32 { csb_landlock_abi() }

    /// Confines the current process. Returns warnings to print (one line each) for protections that
    /// could not be applied (the read-only view without any mount namespace); contents and names
    /// outside the writable roots stay protected by Landlock even then.
    static func apply(
        policy: SandboxPolicy, policyCwd: String, environment: [String: String]
    ) throws(SandboxHelperError) -> [String] {
        let networkAllowed = policy.hasFullNetworkAccess
        if policy.hasFullDiskWriteAccess {
            // danger-full-access and external-sandbox: no filesystem sandbox; seccomp only when the
            // network must stay closed.
            if !networkAllowed { try applySeccomp(networkAllowed: false, denyNamespaceEscapes: false) }
            return []
        }

        let roots: [WritableRoot]
        do {
            roots = try policy.writableRoots(cwd: policyCwd, environment: environment)
        } catch {
            throw SandboxHelperError(error.description)
        }

        var warnings: [String] = []
        // Missing protected folders get placeholders under the cwd and the configured roots.
        var placeholderRoots: Set<String> = [AbsolutePath.normalize(policyCwd)]
        if case .workspaceWrite(let options) = policy {
            placeholderRoots.formUnion(options.writableRoots.map(AbsolutePath.normalize))
        }
        var view = FilesystemView.plan(roots: roots, placeholderRoots: placeholderRoots)
        let placeholders = view.acquirePlaceholders(warnings: &warnings)
        var reportFD: Int32 = -1
        if !placeholders.isEmpty {
            // A detached cleaner, started outside the namespace, removes them after the sandbox ends.
            let started = withCStringArray(placeholders.map(\.path)) { paths, count in
                placeholders.map(\.fd).withUnsafeBufferPointer { csb_start_cleaner(paths, $0.baseAddress, count, &reportFD) }
            }
            if started != 0 {
                warnings.append(
                    "codex-linux-sandbox: warning: \(placeholders.map(\.path).joined(separator: ", ")) stay after the run "
                        + "(the next sandbox run there removes them): cannot start the cleaner: \(errorText(started))")
            }
        }
        let problem = view.build()
        if let problem {
            warnings.append(FilesystemView.unprotectedWarning(problem))
        }
        if reportFD >= 0 {
            // Best effort: if this fails the cleaner stops waiting for left-behind daemons, nothing else.
            _ = csb_report_namespace(reportFD, problem == nil ? 1 : 0)
        }

        try check(csb_set_no_new_privs(), "prctl(PR_SET_NO_NEW_PRIVS)")
        try applyLandlock(roots: roots.map(\.root), denyTCP: !networkAllowed)
        try applySeccomp(networkAllowed: networkAllowed, denyNamespaceEscapes: true)
        return warnings
    }

    /// Inner stage of the reference's bubblewrap pipeline: no_new_privs and seccomp only.
    static func applySeccompOnly(policy: SandboxPolicy) throws(SandboxHelperError) {
        try check(csb_set_no_new_privs(), "prctl(PR_SET_NO_NEW_PRIVS)")
        try applySeccomp(
            networkAllowed: policy.hasFullNetworkAccess, denyNamespaceEscapes: !policy.hasFullDiskWriteAccess)
    }

    private static func applyLandlock(roots: [String], denyTCP: Bool) throws(SandboxHelperError) {
        let abi = csb_landlock_abi()
        if abi < 0 {
            throw SandboxHelperError(
                "Landlock is not available on this kernel (\(errorText(-abi))); refusing to run the command unconfined")
        }
        var failedIndex: Int32 = -1
        let result = withCStringArray(roots) { pointers, count in
            csb_landlock_restrict(pointers, count, denyTCP ? 1 : 0, &failedIndex)
        }
        guard result == 0 else {
            if failedIndex >= 0, Int(failedIndex) < roots.count {
                throw SandboxHelperError(
                    "cannot add writable root \(roots[Int(failedIndex)]) to the Landlock ruleset: \(errorText(result))")
            }
            throw SandboxHelperError("Landlock restriction failed: \(errorText(result))")
        }
    }

    private static func applySeccomp(networkAllowed: Bool, denyNamespaceEscapes: Bool) throws(SandboxHelperError) {
        try check(
            csb_seccomp_install(networkAllowed ? 1 : 0, denyNamespaceEscapes ? 1 : 0), "installing the seccomp filter")
    }

    private static func check(_ result: Int32, _ what: String) throws(SandboxHelperError) {
        guard result == 0 else { throw SandboxHelperError("\(what) failed: \(errorText(result))") }
    }
}

/// "Operation not permitted (EPERM)"-style text for an errno value.
func errorText(_ code: Int32) -> String {
    let message = strerror(code).map { String(cString: $0) } ?? "error"
    return "\(message) (errno \(code))"
}

/// Calls `body` with a NUL-terminated C string array for `strings` (valid only during the call).
func withCStringArray<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?, Int) -> Result
) -> Result {
    let duplicates: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    let constant = duplicates.map { UnsafePointer($0) } + [nil]
    return constant.withUnsafeBufferPointer { buffer in body(buffer.baseAddress, strings.count) }
}
