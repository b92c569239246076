// The sandbox's filesystem view, built in a private mount namespace (what bubblewrap's
// `--ro-bind / /` + `--bind ROOT ROOT` + `--ro-bind SUB SUB` does): every mount read-only, the
// writable roots attached again with the flags they had, the protected folders read-only on top.
// Landlock governs contents and names only; the read-only mounts also stop chmod, chown,
// utimensat and setxattr outside the writable roots.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

// The new mount API (Linux 5.2, mount_setattr 5.12); constants spelled out because glibc's
// <sys/mount.h> and <linux/mount.h> cannot both be included on every libc version.
#ifndef __NR_open_tree
#define __NR_open_tree 428
#define __NR_move_mount 429
#endif
#ifndef __NR_mount_setattr
#define __NR_mount_setattr 442
#endif
#define CSB_OPEN_TREE_CLONE 1
#define CSB_MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#define CSB_MOVE_MOUNT_T_SYMLINKS 0x00000010
#define CSB_MOUNT_ATTR_RDONLY 0x00000001
#define CSB_AT_RECURSIVE 0x8000

/// Same layout as `struct mount_attr` (MOUNT_ATTR_SIZE_VER0).
struct csb_mount_attr {
    uint64_t attr_set;
    uint64_t attr_clr;
    uint64_t propagation;
    uint64_t userns_fd;
};

int csb_clone_newuser(void) { return CLONE_NEWUSER; }
int csb_clone_newns(void) { return CLONE_NEWNS; }

/// Writes `text` to a /proc file in one write(2), as the id-map files require.
static int write_proc_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    size_t length = strlen(text);
    ssize_t written = write(fd, text, length);
    int err = written == (ssize_t)length ? 0 : (written < 0 ? errno : EIO);
    if (close(fd) != 0 && err == 0) err = errno;
    return err;
}

/// Enters a new user namespace plus mount namespace, mapping the caller's ids onto themselves so
/// file ownership and permission checks look unchanged to the command.
static int enter_user_namespace(const char **stage) {
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        *stage = "unshare(CLONE_NEWUSER|CLONE_NEWNS)";
        return errno;
    }
    // Kernels since 3.19 require setgroups to be denied before an unprivileged gid_map write.
    int err = write_proc_file("/proc/self/setgroups", "deny");
    if (err != 0 && err != ENOENT) {
        *stage = "write /proc/self/setgroups";
        return err;
    }
    char map[64];
    snprintf(map, sizeof map, "%u %u 1\n", (unsigned)uid, (unsigned)uid);
    err = write_proc_file("/proc/self/uid_map", map);
    if (err != 0) {
        *stage = "write /proc/self/uid_map";
        return err;
    }
    snprintf(map, sizeof map, "%u %u 1\n", (unsigned)gid, (unsigned)gid);
    err = write_proc_file("/proc/self/gid_map", map);
    if (err != 0) {
        *stage = "write /proc/self/gid_map";
        return err;
    }
    return 0;
}

/// Sets (or clears) MOUNT_ATTR_RDONLY on the mount tree at `dirfd`/`path`, recursively.
static int set_read_only(int dirfd, const char *path, unsigned int extra_flags) {
    struct csb_mount_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.attr_set = CSB_MOUNT_ATTR_RDONLY;
    if (syscall(__NR_mount_setattr, dirfd, path, CSB_AT_RECURSIVE | extra_flags, &attr, sizeof attr) != 0) {
        return errno;
    }
    return 0;
}

/// A detached copy of the mount tree at `path` (its flags included), or a negative errno.
static int clone_tree(const char *path) {
    long fd = syscall(__NR_open_tree, AT_FDCWD, path, CSB_OPEN_TREE_CLONE | O_CLOEXEC | CSB_AT_RECURSIVE);
    if (fd < 0) return -errno;
    return (int)fd;
}

/// Attaches the detached tree `fd` at `path`. A symlink at `path` is followed (as open_tree did)
/// when `follow` is set, else covered itself.
static int attach_tree(int fd, const char *path, int follow) {
    unsigned int flags = CSB_MOVE_MOUNT_F_EMPTY_PATH | (follow ? CSB_MOVE_MOUNT_T_SYMLINKS : 0);
    if (syscall(__NR_move_mount, fd, "", AT_FDCWD, path, flags) != 0) return errno;
    return 0;
}

/// Covers `path` with a read-only copy of itself, or of /dev/null when `path` is a symlink (so the
/// link can neither be replaced nor lead anywhere writable).
static int protect_path(const char *path, const char **stage) {
    struct stat info;
    if (lstat(path, &info) != 0) {
        if (errno == ENOENT) return 0; /* vanished before the view was built: nothing to cover */
        *stage = "lstat protected path";
        return errno;
    }
    int fd = clone_tree(S_ISLNK(info.st_mode) ? "/dev/null" : path);
    if (fd < 0) {
        *stage = "open_tree(protected path)";
        return -fd;
    }
    int err = set_read_only(fd, "", AT_EMPTY_PATH);
    if (err != 0) *stage = "mount_setattr(protected path, RDONLY)";
    if (err == 0) {
        err = attach_tree(fd, path, 0);
        if (err != 0) *stage = "move_mount(protected path)";
    }
    (void)close(fd); /* a detached tree's descriptor; the first error is the one reported */
    return err;
}

int csb_build_filesystem_view(const char *const *writable_roots, size_t root_count,
                              const char *const *protected_paths, size_t protected_count,
                              const char **stage) {
    const char *ignored;
    if (stage == NULL) stage = &ignored;
    *stage = "";
    if (root_count > CSB_MAX_VIEW_ROOTS) {
        *stage = "too many writable roots";
        return E2BIG;
    }

    if (unshare(CLONE_NEWNS) != 0) {
        int err = errno;
        if (err != EPERM) {
            *stage = "unshare(CLONE_NEWNS)";
            return err;
        }
        // Not privileged: try an unprivileged user namespace instead.
        err = enter_user_namespace(stage);
        if (err != 0) return err;
    }

    // Keep every mount change below inside the new namespace.
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        *stage = "make / private";
        return errno;
    }

    // Copies of the writable roots taken before anything turns read-only keep their own flags (a
    // root on a read-only filesystem stays read-only; nested mounts keep theirs).
    int copies[CSB_MAX_VIEW_ROOTS];
    size_t copied = 0;
    int err = 0;
    for (; copied < root_count; copied++) {
        int fd = clone_tree(writable_roots[copied]);
        if (fd < 0) {
            *stage = "open_tree(writable root)";
            err = -fd;
            break;
        }
        copies[copied] = fd;
    }
    if (err == 0) {
        err = set_read_only(AT_FDCWD, "/", 0);
        if (err != 0) *stage = "mount_setattr(/, RDONLY, AT_RECURSIVE)";
    }
    // Parents come first in `writable_roots`, so a nested root lands on top of its parent's copy.
    for (size_t i = 0; i < copied; i++) {
        if (err == 0) {
            err = attach_tree(copies[i], writable_roots[i], 1);
            if (err != 0) *stage = "move_mount(writable root)";
        }
        (void)close(copies[i]); /* detached-tree descriptors; the first error is the one reported */
    }
    for (size_t i = 0; err == 0 && i < protected_count; i++) {
        err = protect_path(protected_paths[i], stage);
    }
    // The working directory still refers to the mount it was on before (now read-only, and covered
    // when it lies in a writable root); entering it again by name lands on the mounts now on top.
    char cwd[PATH_MAX];
    if (err == 0 && getcwd(cwd, sizeof cwd) != NULL && chdir(cwd) != 0) {
        *stage = "chdir(working directory)";
        err = errno;
    }
    return err;
}

#endif /* __linux__ */
