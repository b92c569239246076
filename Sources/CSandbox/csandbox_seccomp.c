// Seccomp: a hand-written classic-BPF filter for network, dangerous and namespace syscalls.
//
// Why not libseccomp: only its runtime library is installed on build machines (no headers, no
// pkg-config), and linking it would add a system dependency to a single static binary. The filter
// is small: a straight list of "syscall number equals X" tests plus three argument checks, so it is
// written by hand below with a tiny emitter that computes the forward jumps.
#ifdef __linux__

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define CSB_NATIVE_ARCH AUDIT_ARCH_X86_64
#define CSB_HAS_X32 1
#define CSB_X32_SYSCALL_BIT 0x40000000u
#elif defined(__aarch64__)
#define CSB_NATIVE_ARCH AUDIT_ARCH_AARCH64
#define CSB_HAS_X32 0
#endif

#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#define __NR_io_uring_enter 426
#define __NR_io_uring_register 427
#endif

#ifndef __NR_open_tree
#define __NR_open_tree 428
#define __NR_move_mount 429
#define __NR_fsopen 430
#define __NR_fsconfig 431
#define __NR_fsmount 432
#define __NR_fspick 433
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif
#ifndef __NR_mount_setattr
#define __NR_mount_setattr 442
#endif
#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

#ifdef CSB_NATIVE_ARCH

#define CSB_MAX_INSTRUCTIONS 192
#define CSB_RET_DENY (SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))

/// Offsets into `struct seccomp_data`. Arguments are 64-bit; on these little-endian targets the low
/// 32 bits come first.
#define CSB_OFF_NR offsetof(struct seccomp_data, nr)
#define CSB_OFF_ARCH offsetof(struct seccomp_data, arch)
#define CSB_OFF_ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define CSB_OFF_ARG_HI(i) (offsetof(struct seccomp_data, args) + 8 * (i) + 4)

struct csb_program {
    struct sock_filter code[CSB_MAX_INSTRUCTIONS];
    size_t count;
    int overflow;
};

static size_t emit(struct csb_program *p, uint16_t op, uint32_t k, uint8_t jt, uint8_t jf) {
    if (p->count >= CSB_MAX_INSTRUCTIONS) {
        p->overflow = 1;
        return p->count;
    }
    struct sock_filter ins = {op, jt, jf, k};
    p->code[p->count] = ins;
    return p->count++;
}

static void emit_load(struct csb_program *p, uint32_t offset) {
    emit(p, BPF_LD | BPF_W | BPF_ABS, offset, 0, 0);
}

static void emit_return(struct csb_program *p, uint32_t action) {
    emit(p, BPF_RET | BPF_K, action, 0, 0);
}

/// "if nr == syscall_nr: return EPERM" (the accumulator must hold the syscall number).
static void emit_deny_syscall(struct csb_program *p, uint32_t syscall_nr) {
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, syscall_nr, 0, 1);
    emit_return(p, CSB_RET_DENY);
}

/// Opens a block taken only when nr == syscall_nr; returns the index to patch with `end_block`.
static size_t begin_block(struct csb_program *p, uint32_t syscall_nr) {
    return emit(p, BPF_JMP | BPF_JEQ | BPF_K, syscall_nr, 0, 0);
}

/// Makes the block's "not equal" branch skip to the next instruction after the block. Every block
/// body ends in a return, because it overwrites the accumulator with an argument.
static void end_block(struct csb_program *p, size_t jump_index) {
    size_t skip = p->count - jump_index - 1;
    if (skip > 255 || jump_index >= CSB_MAX_INSTRUCTIONS) {
        p->overflow = 1;
        return;
    }
    p->code[jump_index].jf = (uint8_t)skip;
}

/// Body for socket()/socketpair(): checks the address family in argument 0.
static void emit_family_check(struct csb_program *p, int network_allowed) {
    emit_load(p, CSB_OFF_ARG_LO(0));
    if (network_allowed) {
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 2, 0);
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, AF_PACKET, 1, 0);
        emit_return(p, SECCOMP_RET_ALLOW);
        emit_return(p, CSB_RET_DENY);
    } else {
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1);
        emit_return(p, SECCOMP_RET_ALLOW);
        emit_return(p, CSB_RET_DENY);
    }
}

/// Body for unshare()/clone(): denies the call when the flags in argument 0 ask for a new user
/// namespace (the only way an unprivileged process regains mount rights over its own view).
static void emit_no_new_user_namespace(struct csb_program *p) {
    emit_load(p, CSB_OFF_ARG_LO(0));
    emit(p, BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 1);
    emit_return(p, CSB_RET_DENY);
    emit_return(p, SECCOMP_RET_ALLOW);
}

/// Denies every way to change or leave the mount namespace the helper built: the mount syscalls
/// old and new, joining another namespace, and new user namespaces. clone3 passes its flags in
/// memory a filter cannot read, so it fails with ENOSYS and libc falls back to clone().
static void emit_namespace_escapes(struct csb_program *p) {
    static const uint32_t mount_calls[] = {
        __NR_mount,     __NR_umount2, __NR_pivot_root, __NR_setns,         __NR_open_tree, __NR_move_mount,
        __NR_fsopen,    __NR_fsconfig, __NR_fsmount,   __NR_fspick,        __NR_mount_setattr,
    };
    for (size_t i = 0; i < sizeof mount_calls / sizeof mount_calls[0]; i++) {
        emit_deny_syscall(p, mount_calls[i]);
    }
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1);
    emit_return(p, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));

    size_t unshare_block = begin_block(p, __NR_unshare);
    emit_no_new_user_namespace(p);
    end_block(p, unshare_block);
    size_t clone_block = begin_block(p, __NR_clone);
    emit_no_new_user_namespace(p);
    end_block(p, clone_block);
}

static void build_filter(struct csb_program *p, int network_allowed, int deny_namespace_escapes) {
    // Another architecture's syscall table (i386 via int 0x80 on x86_64, for example) would make the
    // numbers below meaningless, so such syscalls kill the process.
    emit_load(p, CSB_OFF_ARCH);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, CSB_NATIVE_ARCH, 1, 0);
    emit_return(p, SECCOMP_RET_KILL_PROCESS);

    emit_load(p, CSB_OFF_NR);
#if CSB_HAS_X32
    // x32 syscalls share AUDIT_ARCH_X86_64 but carry this bit and a different numbering.
    emit(p, BPF_JMP | BPF_JGE | BPF_K, CSB_X32_SYSCALL_BIT, 0, 1);
    emit_return(p, SECCOMP_RET_KILL_PROCESS);
#endif

    // Denied in every mode: debugging other processes and the io_uring interface (which performs
    // socket and file operations without passing through the syscalls filtered here).
    emit_deny_syscall(p, __NR_ptrace);
    emit_deny_syscall(p, __NR_io_uring_setup);
    emit_deny_syscall(p, __NR_io_uring_enter);
    emit_deny_syscall(p, __NR_io_uring_register);

    if (deny_namespace_escapes) emit_namespace_escapes(p);

    if (!network_allowed) {
        static const uint32_t network_calls[] = {
            __NR_connect,     __NR_accept,      __NR_accept4,    __NR_bind,
            __NR_listen,      __NR_getpeername, __NR_getsockname, __NR_shutdown,
            __NR_sendmmsg,    __NR_recvmmsg,    __NR_getsockopt, __NR_setsockopt,
        };
        for (size_t i = 0; i < sizeof network_calls / sizeof network_calls[0]; i++) {
            emit_deny_syscall(p, network_calls[i]);
        }
        // sendto with a destination address (argument 4) could reach the network from an inherited
        // unconnected socket; without one it is plain send() on a connected (AF_UNIX) socket.
        size_t block = begin_block(p, __NR_sendto);
        emit_load(p, CSB_OFF_ARG_LO(4));
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3);
        emit_load(p, CSB_OFF_ARG_HI(4));
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1);
        emit_return(p, SECCOMP_RET_ALLOW);
        emit_return(p, CSB_RET_DENY);
        end_block(p, block);
    }

    size_t socket_block = begin_block(p, __NR_socket);
    emit_family_check(p, network_allowed);
    end_block(p, socket_block);

    size_t pair_block = begin_block(p, __NR_socketpair);
    emit_family_check(p, network_allowed);
    end_block(p, pair_block);

    emit_return(p, SECCOMP_RET_ALLOW);
}

int csb_seccomp_install(int network_allowed, int deny_namespace_escapes) {
    struct csb_program program = {.count = 0, .overflow = 0};
    build_filter(&program, network_allowed, deny_namespace_escapes);
    if (program.overflow) return E2BIG;

    struct sock_fprog fprog = {
        .len = (unsigned short)program.count,
        .filter = program.code,
    };
    // Unprivileged seccomp filters require no_new_privs; it is idempotent, so set it here as well.
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) != 0) return errno;
    return 0;
}

int csb_probe_seccomp(void) {
    uint32_t action = SECCOMP_RET_ERRNO;
    if (syscall(__NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) != 0) return errno;
    return 0;
}

#else /* no supported architecture */

int csb_seccomp_install(int network_allowed, int deny_namespace_escapes) {
    (void)network_allowed;
    (void)deny_namespace_escapes;
    return ENOTSUP;
}

int csb_probe_seccomp(void) { return ENOTSUP; }

#endif /* CSB_NATIVE_ARCH */
#endif /* __linux__ */
