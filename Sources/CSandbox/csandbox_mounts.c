// Private mount namespace with read-only bind mounts: Landlock can only grant access beneath a
// directory, not carve a read-only hole (such as `.git`) out of a writable root, so the helper
// remounts those holes read-only in a mount namespace only it and its descendants see.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

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

/// Mount flags of the mount holding `path` that a read-only remount must keep: in a user namespace
/// the kernel refuses to clear flags the parent namespace locked (nosuid, nodev, noexec, atime).
static int preserved_flags(const char *path, unsigned long *flags) {
    struct statvfs info;
    if (statvfs(path, &info) != 0) return errno;
    unsigned long result = 0;
    if (info.f_flag & ST_NOSUID) result |= MS_NOSUID;
    if (info.f_flag & ST_NODEV) result |= MS_NODEV;
    if (info.f_flag & ST_NOEXEC) result |= MS_NOEXEC;
    if (info.f_flag & ST_NOATIME) result |= MS_NOATIME;
    if (info.f_flag & ST_NODIRATIME) result |= MS_NODIRATIME;
    if (info.f_flag & ST_RELATIME) result |= MS_RELATIME;
    *flags = result;
    return 0;
}

int csb_mount_readonly_paths(const char *const *paths, size_t path_count, const char **stage) {
    const char *ignored;
    if (stage == NULL) stage = &ignored;
    *stage = "";

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

    for (size_t i = 0; i < path_count; i++) {
        const char *path = paths[i];
        if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) != 0) {
            *stage = "bind mount";
            return errno;
        }
        unsigned long keep = 0;
        int err = preserved_flags(path, &keep);
        if (err != 0) {
            *stage = "statvfs";
            return err;
        }
        if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | keep, NULL) != 0) {
            *stage = "read-only remount";
            return errno;
        }
    }
    return 0;
}

#endif /* __linux__ */
