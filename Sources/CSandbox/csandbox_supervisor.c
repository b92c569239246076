// Placeholders for protected folders that do not exist yet, and the supervisor that removes them.
//
// A mount needs an existing target, so a missing `.git`, `.codex` or `.agents` under a writable
// root is created as an empty mode-0000 directory (the placeholder) and covered read-only in the
// sandbox's mount namespace: the command can then neither create nor fill it. The helper forks a
// supervisor that stays outside the namespace, waits for the command, and removes the placeholder
// once no sandboxed process is left. A shared flock on each placeholder keeps one sandbox from
// removing a placeholder another sandbox still relies on.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/// True when `info` describes a placeholder: a directory with no permission bits at all.
static int is_placeholder(const struct stat *info) {
    return S_ISDIR(info->st_mode) && (info->st_mode & 07777) == 0;
}

int csb_placeholder_acquire(const char *path) {
    for (int attempt = 0; attempt < 4; attempt++) {
        if (mkdir(path, 0) != 0 && errno != EEXIST) return -errno;
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) return errno == ELOOP || errno == ENOTDIR ? -EEXIST : -errno;
        struct stat opened;
        struct stat current;
        if (fstat(fd, &opened) != 0) {
            int err = errno;
            (void)close(fd); /* already failing; the first error is the one reported */
            return -err;
        }
        if (!is_placeholder(&opened)) {
            (void)close(fd); /* a real folder: the caller protects it as an existing one */
            return -EEXIST;
        }
        int locked;
        do {
            locked = flock(fd, LOCK_SH);
        } while (locked != 0 && errno == EINTR);
        // Another supervisor may have removed it between mkdir and flock: start over then.
        if (locked == 0 && lstat(path, &current) == 0 && current.st_ino == opened.st_ino &&
            current.st_dev == opened.st_dev) {
            return fd;
        }
        (void)close(fd); /* stale placeholder descriptor; retried below */
    }
    return -EAGAIN;
}

static volatile sig_atomic_t supervised_child = 0;

/// Passes termination requests on to the command; the supervisor itself outlives it to clean up.
static void forward_signal(int signal_number) {
    if (supervised_child > 0) (void)kill((pid_t)supervised_child, signal_number);
}

/// Removes the placeholders nobody else holds; errors are ignored (a leftover is retried by the
/// next sandbox that adopts it).
static void remove_placeholders(const char *const *paths, const int *fds, size_t count) {
    for (size_t i = 0; i < count; i++) {
        struct stat opened;
        struct stat current;
        if (flock(fds[i], LOCK_EX | LOCK_NB) == 0 && fstat(fds[i], &opened) == 0 &&
            lstat(paths[i], &current) == 0 && current.st_ino == opened.st_ino &&
            current.st_dev == opened.st_dev && is_placeholder(&current)) {
            (void)rmdir(paths[i]); /* fails harmlessly when something was put inside */
        }
        (void)close(fds[i]);
    }
}

/// Ends the supervisor the way the command ended: same exit code, or the same signal.
static void exit_like(int status) {
    if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        int signal_number = WTERMSIG(status);
        struct rlimit no_core = {0, 0};
        (void)setrlimit(RLIMIT_CORE, &no_core); /* the command already dumped core if it was going to */
        (void)signal(signal_number, SIG_DFL);
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, signal_number);
        (void)sigprocmask(SIG_UNBLOCK, &mask, NULL);
        (void)raise(signal_number);
        _exit(128 + signal_number);
    }
    _exit(1);
}

int csb_fork_supervisor(const char *const *placeholder_paths, const int *placeholder_fds, size_t count) {
    // Orphaned descendants of the command are re-parented here, so the supervisor can tell whether
    // any sandboxed process is still alive before it removes a placeholder.
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) return errno;
    pid_t parent = getpid();
    pid_t child = fork();
    if (child < 0) return errno;
    if (child == 0) {
        // The command dies with its supervisor (like bubblewrap's --die-with-parent).
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) return errno;
        if (getppid() != parent) _exit(1);
        return 0;
    }

    supervised_child = child;
    struct sigaction forward;
    memset(&forward, 0, sizeof forward);
    forward.sa_handler = forward_signal;
    sigemptyset(&forward.sa_mask);
    (void)sigaction(SIGTERM, &forward, NULL);
    (void)sigaction(SIGHUP, &forward, NULL);
    // A terminal's Ctrl-C and Ctrl-\ reach the command through the process group already.
    (void)signal(SIGINT, SIG_IGN);
    (void)signal(SIGQUIT, SIG_IGN);

    int status = 0;
    for (;;) {
        int reaped_status = 0;
        pid_t reaped = waitpid(-1, &reaped_status, 0);
        if (reaped < 0) {
            if (errno == EINTR) continue;
            break; /* ECHILD cannot happen before the command is reaped; treat it as an exit */
        }
        if (reaped == child) {
            status = reaped_status;
            break;
        }
    }
    int descendants_alive = 0;
    for (;;) {
        pid_t reaped = waitpid(-1, NULL, WNOHANG);
        if (reaped > 0) continue;
        descendants_alive = reaped == 0;
        break;
    }
    if (descendants_alive) {
        for (size_t i = 0; i < count; i++) (void)close(placeholder_fds[i]);
    } else {
        remove_placeholders(placeholder_paths, placeholder_fds, count);
    }
    exit_like(status);
    return 0;
}

#endif /* __linux__ */
