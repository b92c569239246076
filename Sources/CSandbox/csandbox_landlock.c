// Landlock: filesystem write confinement through raw syscalls (no liblandlock needed).
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

// The installed kernel headers (linux-libc-dev 6.1) stop at ABI 2; the running kernel may be newer,
// so the later bits are defined here with their upstream values.
#define CSB_ACCESS_FS_TRUNCATE (1ULL << 14)  /* ABI 3 */
#define CSB_ACCESS_FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define CSB_ACCESS_NET_BIND_TCP (1ULL << 0)  /* ABI 4 */
#define CSB_ACCESS_NET_CONNECT_TCP (1ULL << 1)

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

/// The ruleset attribute as of ABI 6. Older kernels accept a shorter size (first field only for
/// ABI 1-3, two fields for ABI 4-5), so the size passed depends on the detected ABI.
struct csb_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

/// Same layout as `struct landlock_path_beneath_attr` (packed in the uapi header).
struct csb_path_beneath {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

int csb_landlock_abi(void) {
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 0) return -errno;
    return (int)abi;
}

/// Every access right that modifies the filesystem, for the given ABI.
static uint64_t write_accesses(int abi) {
    uint64_t bits = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                    LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                    LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                    LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                    LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
    if (abi >= 2) bits |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) bits |= CSB_ACCESS_FS_TRUNCATE;
    if (abi >= 5) bits |= CSB_ACCESS_FS_IOCTL_DEV;
    return bits;
}

/// Access rights that Landlock accepts on a rule whose target is not a directory.
static uint64_t file_accesses(int abi) {
    uint64_t bits = LANDLOCK_ACCESS_FS_WRITE_FILE;
    if (abi >= 3) bits |= CSB_ACCESS_FS_TRUNCATE;
    if (abi >= 5) bits |= CSB_ACCESS_FS_IOCTL_DEV;
    return bits;
}

/// Adds one path-beneath rule granting `access` (reduced to file rights for non-directories).
static int add_path_rule(int ruleset_fd, const char *path, uint64_t access, int abi) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return errno;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        (void)close(fd); /* already failing; the first error is the one reported */
        return err;
    }
    struct csb_path_beneath rule = {
        .allowed_access = S_ISDIR(st.st_mode) ? access : (access & file_accesses(abi)),
        .parent_fd = fd,
    };
    long rc = syscall(__NR_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    int err = rc == 0 ? 0 : errno;
    if (close(fd) != 0 && err == 0) err = errno;
    return err;
}

int csb_landlock_restrict(const char *const *writable_roots, size_t root_count, int deny_tcp,
                          int *error_path) {
    if (error_path) *error_path = -1;
    int abi = csb_landlock_abi();
    if (abi < 0) return -abi;

    struct csb_ruleset_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.handled_access_fs = write_accesses(abi);
    size_t attr_size = sizeof(uint64_t);
    if (abi >= 4) {
        attr_size = 2 * sizeof(uint64_t);
        // Handled with no rule: every TCP bind/connect is denied (seccomp already refuses the sockets).
        if (deny_tcp) attr.handled_access_net = CSB_ACCESS_NET_BIND_TCP | CSB_ACCESS_NET_CONNECT_TCP;
    }

    long ruleset = syscall(__NR_landlock_create_ruleset, &attr, attr_size, 0);
    if (ruleset < 0) return errno;
    int ruleset_fd = (int)ruleset;

    uint64_t all = attr.handled_access_fs;
    for (size_t i = 0; i < root_count; i++) {
        int err = add_path_rule(ruleset_fd, writable_roots[i], all, abi);
        if (err != 0) {
            if (error_path) *error_path = (int)i;
            (void)close(ruleset_fd); /* error path: the earlier error is reported */
            return err;
        }
    }
    // /dev/null is a write target for nearly every shell command.
    int err = add_path_rule(ruleset_fd, "/dev/null", all, abi);
    if (err != 0) {
        (void)close(ruleset_fd); /* error path: the earlier error is reported */
        return err;
    }

    // landlock_restrict_self requires no_new_privs unless the caller has CAP_SYS_ADMIN; set it here
    // too so this function is safe to call on its own.
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        err = errno;
        (void)close(ruleset_fd); /* error path: the earlier error is reported */
        return err;
    }
    long rc = syscall(__NR_landlock_restrict_self, ruleset_fd, 0);
    err = rc == 0 ? 0 : errno;
    if (close(ruleset_fd) != 0 && err == 0) err = errno;
    return err;
}

int csb_set_no_new_privs(void) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
    return 0;
}

#endif /* __linux__ */
