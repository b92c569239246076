// CSandbox: the small C layer under CodexSandbox. It wraps the Linux kernel interfaces that confine a
// process before it execs a command: Landlock (filesystem writes), seccomp (network, dangerous and
// namespace syscalls), PR_SET_NO_NEW_PRIVS, and a private mount namespace with a read-only view of
// the filesystem (writable roots re-attached, `.git`-like folders read-only). Every function returns 0 on success or a positive errno value; nothing here prints.
#ifndef CSANDBOX_H
#define CSANDBOX_H

#ifdef __linux__

#include <spawn.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Landlock ABI version of the running kernel (1..7 or more), or a negative errno when Landlock is
/// not available (-ENOSYS: kernel built without it, -EOPNOTSUPP: disabled at boot).
int csb_landlock_abi(void);

/// Sets PR_SET_NO_NEW_PRIVS on the calling thread (inherited across fork and exec).
int csb_set_no_new_privs(void);

/// Confines filesystem writes of the calling thread (and everything it execs) with Landlock: reading
/// and executing stay allowed everywhere; writing, creating, removing, renaming, truncating and
/// device ioctls are allowed only beneath `writable_roots` (directories or files) and on /dev/null.
/// When `deny_tcp` is non-zero and the ABI has network rules (4+), TCP bind/connect are denied as a
/// second layer under seccomp. Requires no_new_privs (or CAP_SYS_ADMIN). `error_path` (may be NULL)
/// receives the index of the root that failed to open, or -1.
int csb_landlock_restrict(const char *const *writable_roots, size_t root_count, int deny_tcp,
                          int *error_path);

/// Installs the seccomp filter. Always denied with EPERM: ptrace, io_uring_setup/enter/register,
/// AF_NETLINK and AF_PACKET sockets. With `deny_namespace_escapes != 0` also: mount, umount2,
/// pivot_root, setns, the new mount API (open_tree, move_mount, fsopen, fsconfig, fsmount, fspick,
/// mount_setattr), unshare and clone asking for CLONE_NEWUSER; clone3 fails with ENOSYS. With `network_allowed == 0` also: socket/socketpair for every
/// family but AF_UNIX, connect, accept, accept4, bind, listen, getpeername, getsockname, shutdown,
/// sendto with a destination address, sendmmsg, recvmmsg, getsockopt, setsockopt. Syscalls of another
/// architecture (i386 or x32 entry points) kill the process. Requires no_new_privs.
int csb_seccomp_install(int network_allowed, int deny_namespace_escapes);

/// Most writable roots `csb_build_filesystem_view` accepts.
#define CSB_MAX_VIEW_ROOTS 64

/// Enters a private mount namespace (directly when privileged, else through a new user namespace
/// that maps the caller's uid/gid to themselves) and builds the sandbox's view there: every mount
/// read-only (recursively), then `writable_roots` (parents before children) attached again as they
/// were before, then each of `protected_paths` covered by a read-only copy of itself (a symlink by
/// /dev/null). Returns 0 or an errno; `stage` (may be NULL) receives the failing step.
int csb_build_filesystem_view(const char *const *writable_roots, size_t root_count,
                              const char *const *protected_paths, size_t protected_count,
                              const char **stage);

/// Creates (or adopts) the placeholder for a missing protected folder: an empty mode-0400
/// directory at `path`, held with a shared flock. Returns its descriptor (close-on-exec), or
/// -EEXIST when `path` is a real folder or file, or another negative errno.
int csb_placeholder_acquire(const char *path);

/// Starts the cleaner for the held placeholders (a detached double-forked process, own session,
/// no stdio) and closes the caller's copies of `placeholder_fds`. The cleaner waits until this
/// process (the command, after exec) has ended and no process is left in the mount namespace the
/// caller reports through `*report_fd` (see `csb_report_namespace`), then removes the placeholders
/// no other sandbox holds. Returns 0 or an errno.
int csb_start_cleaner(const char *const *placeholder_paths, const int *placeholder_fds, size_t count,
                      int *report_fd);

/// Tells the cleaner which mount namespace to wait for (the caller's current one when
/// `in_sandbox_namespace`, else none) and closes `report_fd`.
int csb_report_namespace(int report_fd, int in_sandbox_namespace);

/// Forks a child that calls unshare(flags) and reports the result (0 or errno). The caller's own
/// namespaces never change. Used by the doctor to probe user and mount namespace support.
int csb_probe_unshare(int flags);

/// Forks a child that sets no_new_privs and reads it back: 0 when it works, else an errno.
int csb_probe_no_new_privs(void);

/// 0 when the kernel supports seccomp filters returning SECCOMP_RET_ERRNO, else an errno.
int csb_probe_seccomp(void);

/// Self-test operations: each returns 0 when the operation succeeded (nothing was denied) or errno.
int csb_try_tcp_connect_loopback(int port);
int csb_try_ptrace_parent(void);
int csb_try_io_uring_setup(void);
int csb_try_netlink_socket(void);
int csb_try_create_file(const char *path);
int csb_try_chmod(const char *path, unsigned int mode);
int csb_try_chown(const char *path);
int csb_try_utime(const char *path);
int csb_try_setxattr(const char *path);
int csb_try_truncate(const char *path);
int csb_try_rename(const char *from, const char *to);
int csb_try_link(const char *from, const char *to);
/// mkdir(path); when it exists already, creating a file inside it instead.
int csb_try_create_protected(const char *path);
/// unshare(CLONE_NEWUSER|CLONE_NEWNS) (else CLONE_NEWNS), then remount / read-write.
int csb_try_nested_remount(void);
int csb_try_bind_mount(const char *source, const char *target);
int csb_try_pivot_root(void);

/// pidfd_open(2): a descriptor that becomes readable when `pid` exits, or a negative errno.
int csb_pidfd_open(int pid);

/// Whether our child `pid` has exited, without reaping it (waitid with WNOWAIT): 1 when it has (or was
/// already reaped), 0 while it runs, a negative errno on another failure.
int csb_child_has_exited(int pid);

/// pipe2(fds, O_CLOEXEC): 0 or an errno (glibc declares pipe2 only under _GNU_SOURCE).
int csb_pipe_cloexec(int fds[2]);

/// posix_spawn_file_actions_addchdir_np (glibc 2.29+, only declared under _GNU_SOURCE).
int csb_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Opens a TCP listener on 127.0.0.1 with a kernel-chosen port: returns the descriptor (and stores
/// the port) or a negative errno. Used by the doctor's network self-test.
int csb_open_loopback_listener(int *port);

/// Starts `path` (looked up in PATH when it has no slash) with `argv` and `envp` in a new session
/// (its own process group) in `cwd`. With `use_pty` its stdin, stdout and stderr are the slave of
/// a new `rows`x`cols` pseudo-terminal (0 means 24x80) and `*output_fd` receives the master (read
/// output, write input); `error_fd` and `input_fd` are then left alone. Otherwise stdout goes to a
/// pipe whose read end goes to `*output_fd`; stderr to a second pipe whose read end goes to
/// `*error_fd` when `error_fd` is non-NULL, else to the stdout pipe; stdin comes from a pipe whose
/// write end goes to `*input_fd` when `input_fd` is non-NULL, else from /dev/null. The descriptors
/// are close-on-exec and non-blocking. Returns the child's pid, or a negative errno when a pipe,
/// the terminal, fork, chdir or exec failed.
int csb_spawn_session(const char *path, char *const argv[], char *const envp[], const char *cwd, int use_pty,
                      unsigned short rows, unsigned short cols, int *output_fd, int *error_fd, int *input_fd);

/// Sets a pseudo-terminal's window size (TIOCSWINSZ on its master): 0 or a negative errno.
int csb_set_window_size(int fd, unsigned short rows, unsigned short cols);

/// CLONE_NEWUSER and CLONE_NEWNS for Swift, which does not import these macros.
int csb_clone_newuser(void);
int csb_clone_newns(void);

#ifdef __cplusplus
}
#endif

#endif /* __linux__ */
#endif /* CSANDBOX_H */
