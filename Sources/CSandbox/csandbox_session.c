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
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void csb_child_fail(int report_fd) {
    int err = errno;
    (void)!write(report_fd, &err, sizeof err);
    _exit(127);
}

int csb_spawn_session(const char *path, char *const argv[], char *const envp[], const char *cwd, int use_pty,
                      int *output_fd) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    int parent_fd = -1;
    int child_fd = -1;
    if (use_pty) {
        struct winsize size;
        memset(&size, 0, sizeof size);
        size.ws_row = 24;
        size.ws_col = 80;
        if (openpty(&parent_fd, &child_fd, NULL, NULL, &size) != 0) {
            int err = errno;
            (void)close(report[0]);
            (void)close(report[1]);
            return -err;
        }
    } else {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) {
            int err = errno;
            (void)close(report[0]);
            (void)close(report[1]);
            return -err;
        }
        parent_fd = fds[0];
        child_fd = fds[1];
    }
    (void)fcntl(parent_fd, F_SETFD, FD_CLOEXEC);

    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        (void)close(report[0]);
        (void)close(report[1]);
        (void)close(parent_fd);
        (void)close(child_fd);
        return -err;
    }
    if (pid == 0) {
        sigset_t all;
        sigemptyset(&all);
        (void)sigprocmask(SIG_SETMASK, &all, NULL);
        for (int sig = 1; sig < NSIG; sig++) (void)signal(sig, SIG_DFL);
        if (setsid() < 0) csb_child_fail(report[1]);
        if (use_pty) {
            if (ioctl(child_fd, TIOCSCTTY, 0) != 0) csb_child_fail(report[1]);
            if (dup2(child_fd, 0) < 0) csb_child_fail(report[1]);
        } else {
            int null_fd = open("/dev/null", O_RDONLY);
            if (null_fd < 0 || dup2(null_fd, 0) < 0) csb_child_fail(report[1]);
        }
        if (dup2(child_fd, 1) < 0 || dup2(child_fd, 2) < 0) csb_child_fail(report[1]);
        if (cwd && chdir(cwd) != 0) csb_child_fail(report[1]);
        if (strchr(path, '/')) {
            execve(path, argv, envp);
        } else {
            execvpe(path, argv, envp);
        }
        csb_child_fail(report[1]);
    }
    (void)close(report[1]);
    (void)close(child_fd);
    int child_errno = 0;
    ssize_t got;
    do {
        got = read(report[0], &child_errno, sizeof child_errno);
    } while (got < 0 && errno == EINTR);
    (void)close(report[0]);
    if (got == (ssize_t)sizeof child_errno) {
        (void)close(parent_fd);
        (void)waitpid(pid, NULL, 0);
        return -child_errno;
    }
    int flags = fcntl(parent_fd, F_GETFL);
    (void)fcntl(parent_fd, F_SETFL, flags | O_NONBLOCK);
    *output_fd = parent_fd;
    return pid;
}

#endif /* __linux__ */
