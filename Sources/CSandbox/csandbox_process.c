// Process and socket utilities the Swift side cannot call directly (variadic syscall(2)) or would
// otherwise spell out with many casts.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif

int csb_pidfd_open(int pid) {
    long fd = syscall(__NR_pidfd_open, pid, 0);
    if (fd < 0) return -errno;
    return (int)fd;
}

int csb_child_has_exited(int pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return errno == ECHILD ? 1 : -errno;
    return info.si_pid == pid ? 1 : 0;
}

int csb_pipe_cloexec(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) return errno;
    return 0;
}

int csb_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int csb_open_loopback_listener(int *port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = 0;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&address, &length) != 0) {
        int err = errno;
        (void)close(fd); /* already failing; report the first error */
        return -err;
    }
    if (port) *port = ntohs(address.sin_port);
    return fd;
}

#endif /* __linux__ */
