// Placeholders for protected folders that do not exist yet, and the cleaner that removes them.
//
// A mount needs an existing target, so a missing `.git`, `.codex` or `.agents` under a writable
// root is created as an empty mode-0400 directory (the placeholder) and covered read-only in the
// sandbox's mount namespace: the command can then neither create nor fill it. Before entering the
// namespace the helper starts a cleaner: a detached process (double-forked, own session, no stdio)
// that waits until the command and every process left in the sandbox's namespace are gone, then
// removes the placeholders. The helper itself still execs the command, so the process tree, exit
// status and signals are unchanged, and the removal (slow: it waits for an RCU grace period to
// dissolve the mounts) is off the command's critical path. A shared flock on each placeholder keeps
// one sandbox from removing a placeholder another sandbox still relies on.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef __NR_pidfd_open
#define CSB_NR_PIDFD_OPEN __NR_pidfd_open
#else
#define CSB_NR_PIDFD_OPEN 434
#endif

/// The mode that marks a placeholder: readable by its owner only (so the owner can open and lock
/// it), writable by nobody but root, and covered read-only in the sandbox anyway.
#define CSB_PLACEHOLDER_MODE 0400

/// True when `info` describes a placeholder directory.
static int is_placeholder(const struct stat *info) {
    return S_ISDIR(info->st_mode) && (info->st_mode & 07777) == CSB_PLACEHOLDER_MODE;
}

int csb_placeholder_acquire(const char *path) {
    for (int attempt = 0; attempt < 4; attempt++) {
        mode_t previous = umask(0); /* the helper is single-threaded here */
        int made = mkdir(path, CSB_PLACEHOLDER_MODE);
        int err = errno;
        (void)umask(previous);
        if (made != 0 && err != EEXIST) return -err;
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) return errno == ELOOP || errno == ENOTDIR ? -EEXIST : -errno;
        struct stat opened;
        struct stat current;
        if (fstat(fd, &opened) != 0) {
            int failure = errno;
            (void)close(fd); /* already failing; the first error is the one reported */
            return -failure;
        }
        if (!is_placeholder(&opened)) {
            (void)close(fd); /* a real folder: the caller protects it as an existing one */
            return -EEXIST;
        }
        int locked;
        do {
            locked = flock(fd, LOCK_SH);
        } while (locked != 0 && errno == EINTR);
        // Another sandbox's cleaner may have removed it between mkdir and flock: start over then.
        if (locked == 0 && lstat(path, &current) == 0 && current.st_ino == opened.st_ino &&
            current.st_dev == opened.st_dev) {
            return fd;
        }
        (void)close(fd); /* stale placeholder descriptor; retried below */
    }
    return -EAGAIN;
}

/// Removes the placeholders nobody else holds; errors are ignored (a leftover is adopted and
/// removed by the next sandbox that uses the same root).
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

/// True while some process still lives in the mount namespace with inode `ns_inode`.
static int namespace_in_use(uint64_t ns_inode) {
    DIR *proc = opendir("/proc");
    if (proc == NULL) return 0;
    int found = 0;
    struct dirent *entry;
    while (!found && (entry = readdir(proc)) != NULL) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
        char path[sizeof entry->d_name + 16];
        snprintf(path, sizeof path, "/proc/%s/ns/mnt", entry->d_name);
        struct stat info;
        if (stat(path, &info) == 0 && (uint64_t)info.st_ino == ns_inode) found = 1;
    }
    (void)closedir(proc);
    return found;
}

/// What the cleaner needs; it lives in the helper's memory, which the cleaner gets a copy of.
struct cleaner_args {
    const char *const *paths;
    const int *fds;
    size_t count;
    int report_read;
    pid_t helper;
};

/// The cleaner: waits for the helper (the command, once it execs) and the rest of the sandbox,
/// then removes the placeholders. Never returns.
static void run_cleaner(const struct cleaner_args *args) {
    (void)setsid(); /* out of the caller's process group: group signals aimed at the command miss it */
    for (int fd = 0; fd < 1024; fd++) {
        int keep = fd == args->report_read;
        for (size_t i = 0; i < args->count; i++) keep |= fd == args->fds[i];
        if (!keep) (void)close(fd); /* stdio too: nobody may wait for this process's EOF */
    }
    uint64_t ns_inode = 0;
    ssize_t got;
    do {
        got = read(args->report_read, &ns_inode, sizeof ns_inode);
    } while (got < 0 && errno == EINTR);
    if (got != (ssize_t)sizeof ns_inode) ns_inode = 0;
    (void)close(args->report_read);

    long pidfd = syscall(CSB_NR_PIDFD_OPEN, args->helper, 0);
    struct timespec pause = {0, 100 * 1000 * 1000};
    if (pidfd >= 0) {
        struct pollfd exited = {(int)pidfd, POLLIN, 0};
        while (poll(&exited, 1, -1) < 0 && errno == EINTR) {
        }
    } else {
        while (kill(args->helper, 0) == 0 || errno == EPERM) (void)nanosleep(&pause, NULL);
    }
    // Daemons the command left behind keep the view (and need the placeholders) until they end.
    while (ns_inode != 0 && namespace_in_use(ns_inode)) (void)nanosleep(&pause, NULL);
    remove_placeholders(args->paths, args->fds, args->count);
    _exit(0);
}

/// The short-lived middle process of the double fork: forks the cleaner, then exits at once so the
/// cleaner is re-parented away from the command. Runs on its own stack in the helper's memory
/// (CLONE_VM|CLONE_VFORK), so it only makes raw system calls.
static int launch_cleaner(void *raw) {
    long child = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (child == 0) run_cleaner((const struct cleaner_args *)raw); /* own copy of the memory */
    syscall(SYS_exit, child < 0 ? 1 : 0);
    return 0;
}

int csb_start_cleaner(const char *const *placeholder_paths, const int *placeholder_fds, size_t count,
                      int *report_fd) {
    *report_fd = -1;
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    struct cleaner_args args = {placeholder_paths, placeholder_fds, count, report[0], getpid()};
    size_t stack_size = 64 * 1024;
    void *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    int err = 0;
    if (stack == MAP_FAILED) {
        err = errno;
    } else {
        pid_t middle = clone(launch_cleaner, (char *)stack + stack_size, CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
        if (middle < 0) {
            err = errno;
        } else {
            int status = 0;
            while (waitpid(middle, &status, 0) < 0 && errno == EINTR) {
            }
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) err = ECHILD;
        }
        (void)munmap(stack, stack_size); /* the middle process is gone; its stack with it */
    }
    (void)close(report[0]); /* the cleaner has its own copy */
    for (size_t i = 0; i < count; i++) (void)close(placeholder_fds[i]);
    if (err != 0) {
        (void)close(report[1]);
        return err;
    }
    *report_fd = report[1];
    return 0;
}

int csb_report_namespace(int report_fd, int in_sandbox_namespace) {
    uint64_t ns_inode = 0;
    struct stat info;
    if (in_sandbox_namespace && stat("/proc/self/ns/mnt", &info) == 0) ns_inode = (uint64_t)info.st_ino;
    ssize_t written = write(report_fd, &ns_inode, sizeof ns_inode);
    int err = written == (ssize_t)sizeof ns_inode ? 0 : (written < 0 ? errno : EIO);
    if (close(report_fd) != 0 && err == 0) err = errno;
    return err;
}

#endif /* __linux__ */
