// Capability probes (run in throw-away child processes) and the self-test operations the doctor
// asks a confined helper to attempt.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#endif

#ifndef PTRACE_SEIZE
#define PTRACE_SEIZE 0x4206
#endif

/// Waits for `pid` and turns its exit code into the probe result (0 or an errno value).
static int wait_for_probe(pid_t pid) {
    int status = 0;
    pid_t rc;
    do {
        rc = waitpid(pid, &status, 0);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) return errno;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return ECHILD;
}

int csb_probe_unshare(int flags) {
    pid_t pid = fork();
    if (pid < 0) return errno;
    if (pid == 0) {
        // Only async-signal-safe calls in the child of a possibly multi-threaded parent.
        _exit(unshare(flags) == 0 ? 0 : (errno & 0xff));
    }
    return wait_for_probe(pid);
}

int csb_probe_no_new_privs(void) {
    pid_t pid = fork();
    if (pid < 0) return errno;
    if (pid == 0) {
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(errno & 0xff);
        int value = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
        if (value < 0) _exit(errno & 0xff);
        _exit(value == 1 ? 0 : EINVAL);
    }
    return wait_for_probe(pid);
}

int csb_try_tcp_connect_loopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return errno;
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons((uint16_t)port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int err = 0;
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) err = errno;
    if (close(fd) != 0 && err == 0) err = errno;
    return err;
}

int csb_try_ptrace_parent(void) {
    // PTRACE_SEIZE does not stop the tracee; the attachment ends when this process exits.
    if (ptrace(PTRACE_SEIZE, getppid(), NULL, NULL) != 0) return errno;
    return 0;
}

int csb_try_io_uring_setup(void) {
    // struct io_uring_params is 120 bytes; all-zero asks for default behaviour.
    unsigned char params[120];
    memset(params, 0, sizeof params);
    long fd = syscall(__NR_io_uring_setup, 1, params);
    if (fd < 0) return errno;
    if (close((int)fd) != 0) return errno;
    return 0;
}

int csb_try_netlink_socket(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (fd < 0) return errno;
    if (close(fd) != 0) return errno;
    return 0;
}

int csb_try_create_file(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return errno;
    if (close(fd) != 0) return errno;
    return 0;
}

/// 0 when `rc` reports success, else the errno it left.
static int outcome(int rc) { return rc == 0 ? 0 : errno; }

int csb_try_chmod(const char *path, unsigned int mode) { return outcome(chmod(path, (mode_t)mode)); }

int csb_try_chown(const char *path) {
    // Giving the file to its current owner changes nothing, yet still needs a writable mount.
    struct stat info;
    if (stat(path, &info) != 0) return errno;
    return outcome(chown(path, info.st_uid, info.st_gid));
}

int csb_try_utime(const char *path) { return outcome(utimensat(AT_FDCWD, path, NULL, 0)); }

int csb_try_setxattr(const char *path) {
    return outcome(setxattr(path, "user.codex-sandbox-probe", "1", 1, 0));
}

int csb_try_truncate(const char *path) { return outcome(truncate(path, 0)); }

int csb_try_rename(const char *from, const char *to) { return outcome(rename(from, to)); }

int csb_try_link(const char *from, const char *to) { return outcome(link(from, to)); }

int csb_try_create_protected(const char *path) {
    if (mkdir(path, 0755) == 0) return 0;
    if (errno != EEXIST) return errno;
    // It exists (a read-only placeholder or folder): the command must not be able to fill it.
    char inner[4096];
    if (snprintf(inner, sizeof inner, "%s/probe", path) >= (int)sizeof inner) return ENAMETOOLONG;
    return csb_try_create_file(inner);
}

int csb_try_nested_remount(void) {
    // A new user namespace would give back mount rights; then try to make / writable again.
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0 && unshare(CLONE_NEWNS) != 0) return errno;
    return outcome(mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND, NULL));
}

int csb_try_bind_mount(const char *source, const char *target) {
    return outcome(mount(source, target, NULL, MS_BIND, NULL));
}

int csb_try_pivot_root(void) { return outcome((int)syscall(SYS_pivot_root, ".", ".")); }

#endif /* __linux__ */
