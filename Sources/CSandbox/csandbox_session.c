// Starts a command in its own session on a pseudo-terminal or pipes, for interactive exec sessions.
// The child runs only async-signal-safe calls between fork and exec.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void csb_child_fail(int report_fd) {
    int err = errno;
    (void)!write(report_fd, &err, sizeof err);
    _exit(127);
}

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/// In the child: no descriptor but stdin, stdout, stderr and `keep` survives exec (a parent's pipes
/// left inheritable would otherwise stay open in the command and keep their readers waiting).
static void csb_child_close_descriptors(int keep) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
    long limit = sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 65536) limit = 65536;
    for (int fd = 3; fd < limit; fd++) {
        if (fd != keep) (void)close(fd);
    }
}

static void csb_close_pair(int fds[2]) {
    if (fds[0] >= 0) (void)close(fds[0]);
    if (fds[1] >= 0) (void)close(fds[1]);
    fds[0] = -1;
    fds[1] = -1;
}

/// Closes every descriptor the spawn opened so far and returns `-err`.
static int csb_spawn_fail(int err, int report[2], int output[2], int error[2], int input[2]) {
    csb_close_pair(report);
    csb_close_pair(output);
    csb_close_pair(error);
    csb_close_pair(input);
    return -err;
}

int csb_spawn_session(const char *path, char *const argv[], char *const envp[], const char *cwd, int use_pty,
                      unsigned short rows, unsigned short cols, int *output_fd, int *error_fd, int *input_fd) {
    int report[2] = {-1, -1};
    // [0] is the parent's end, [1] the child's, for every pair below.
    int output[2] = {-1, -1};
    int error[2] = {-1, -1};
    int input[2] = {-1, -1};
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    if (use_pty) {
        struct winsize size;
        memset(&size, 0, sizeof size);
        size.ws_row = rows ? rows : 24;
        size.ws_col = cols ? cols : 80;
        if (openpty(&output[0], &output[1], NULL, NULL, &size) != 0) {
            return csb_spawn_fail(errno, report, output, error, input);
        }
        (void)fcntl(output[0], F_SETFD, FD_CLOEXEC);
        (void)fcntl(output[1], F_SETFD, FD_CLOEXEC);
    } else {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) return csb_spawn_fail(errno, report, output, error, input);
        output[0] = fds[0];
        output[1] = fds[1];
        if (error_fd) {
            if (pipe2(fds, O_CLOEXEC) != 0) return csb_spawn_fail(errno, report, output, error, input);
            error[0] = fds[0];
            error[1] = fds[1];
        }
        if (input_fd) {
            if (pipe2(fds, O_CLOEXEC) != 0) return csb_spawn_fail(errno, report, output, error, input);
            input[0] = fds[1];
            input[1] = fds[0];
        }
    }

    pid_t pid = fork();
    if (pid < 0) return csb_spawn_fail(errno, report, output, error, input);
    if (pid == 0) {
        sigset_t all;
        sigemptyset(&all);
        (void)sigprocmask(SIG_SETMASK, &all, NULL);
        for (int sig = 1; sig < NSIG; sig++) (void)signal(sig, SIG_DFL);
        if (setsid() < 0) csb_child_fail(report[1]);
        if (use_pty) {
            if (ioctl(output[1], TIOCSCTTY, 0) != 0) csb_child_fail(report[1]);
            if (dup2(output[1], 0) < 0) csb_child_fail(report[1]);
        } else if (input[1] >= 0) {
            if (dup2(input[1], 0) < 0) csb_child_fail(report[1]);
        } else {
            int null_fd = open("/dev/null", O_RDONLY);
            if (null_fd < 0 || dup2(null_fd, 0) < 0) csb_child_fail(report[1]);
        }
        if (dup2(output[1], 1) < 0) csb_child_fail(report[1]);
        if (dup2(error[1] >= 0 ? error[1] : output[1], 2) < 0) csb_child_fail(report[1]);
        if (cwd && chdir(cwd) != 0) csb_child_fail(report[1]);
        csb_child_close_descriptors(report[1]);
        if (strchr(path, '/')) {
            execve(path, argv, envp);
        } else {
            execvpe(path, argv, envp);
        }
        csb_child_fail(report[1]);
    }
    (void)close(report[1]);
    report[1] = -1;
    (void)close(output[1]);
    output[1] = -1;
    if (error[1] >= 0) (void)close(error[1]);
    error[1] = -1;
    if (input[1] >= 0) (void)close(input[1]);
    input[1] = -1;
    int child_errno = 0;
    ssize_t got;
    do {
        got = read(report[0], &child_errno, sizeof child_errno);
    } while (got < 0 && errno == EINTR);
    (void)close(report[0]);
    report[0] = -1;
    if (got == (ssize_t)sizeof child_errno) {
        (void)waitpid(pid, NULL, 0);
        return csb_spawn_fail(child_errno, report, output, error, input);
    }
    int parent_fds[3] = {output[0], error[0], input[0]};
    for (int i = 0; i < 3; i++) {
        if (parent_fds[i] < 0) continue;
        int flags = fcntl(parent_fds[i], F_GETFL);
        (void)fcntl(parent_fds[i], F_SETFL, flags | O_NONBLOCK);
    }
    *output_fd = output[0];
    if (error_fd) *error_fd = error[0];
    if (input_fd) *input_fd = input[0];
    return pid;
}

int csb_set_window_size(int fd, unsigned short rows, unsigned short cols) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    return ioctl(fd, TIOCSWINSZ, &size) == 0 ? 0 : -errno;
}

#endif /* __linux__ */
