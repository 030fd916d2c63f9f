/*
 * arch_prctl's XSAVE feature options, clone3's struct clone_args beyond its first version (set_tid,
 * cgroup, bytes past the known structure), the pidfds clone and clone3 store, and personality
 * values with an unknown domain and unnamed flags.
 */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARCH_GET_CPUID 0x1011
#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define ARCH_REQ_XCOMP_PERM 0x1023
#define ARCH_GET_XCOMP_GUEST_PERM 0x1024
#define ARCH_REQ_XCOMP_GUEST_PERM 0x1025

static void reap(long child) {
    if (child == 0) {
        _exit(0);
    }
    if (child > 0) {
        waitpid(child, NULL, __WALL);
    }
}

int main(void) {
    uint64_t mask;
    syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0xdeadc0de);
    syscall(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, NULL);
    syscall(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, &mask);
    syscall(SYS_arch_prctl, ARCH_GET_XCOMP_SUPP, (void *) 8);
    syscall(SYS_arch_prctl, ARCH_GET_XCOMP_PERM, &mask);
    syscall(SYS_arch_prctl, ARCH_GET_XCOMP_GUEST_PERM, &mask);
    syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, 8);
    syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, 11);
    syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_GUEST_PERM, 0xdeadface);

    /* The structure at the end of a page, the page after it unmapped. */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pages + 4096, 4096);
    struct clone_args *end = (struct clone_args *) (pages + 4096 - sizeof(struct clone_args));
    memset(end, 0, sizeof *end);
    syscall(SYS_clone3, end, sizeof *end + 8);
    syscall(SYS_clone3, end, sizeof *end + 16);

    struct {
        struct clone_args args;
        uint64_t tail[2];
    } big;
    memset(&big, 0, sizeof big);
    big.tail[0] = 0xfacefeeddeadc0deULL;
    syscall(SYS_clone3, &big, sizeof big.args + 8);
    syscall(SYS_clone3, &big, sizeof big);
    big.tail[0] = 0;
    big.args.exit_signal = SIGCHLD;
    reap(syscall(SYS_clone3, &big, sizeof big));

    pid_t tids[3] = {-1, 0, 12345};
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.set_tid = (uintptr_t) tids;
    args.set_tid_size = 3;
    syscall(SYS_clone3, &args, sizeof args);
    args.set_tid_size = 33;
    syscall(SYS_clone3, &args, sizeof args);
    args.set_tid_size = 0;
    syscall(SYS_clone3, &args, sizeof args);
    args.set_tid = 0;
    args.set_tid_size = 2;
    syscall(SYS_clone3, &args, sizeof args);
    args.set_tid = 8;
    syscall(SYS_clone3, &args, sizeof args);
    args.set_tid_size = 0;
    args.flags = CLONE_SETTLS | CLONE_INTO_CGROUP;
    args.tls = 0x1234;
    args.cgroup = 0xffffffff;
    syscall(SYS_clone3, &args, sizeof args);

    int pidfd = -1;
    pid_t tid = 0;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
    args.pidfd = (uintptr_t) &pidfd;
    args.parent_tid = (uintptr_t) &tid;
    args.exit_signal = SIGCHLD;
    reap(syscall(SYS_clone3, &args, sizeof args));
    close(pidfd);
    memset(&big, 0, sizeof big);
    big.args = args;
    reap(syscall(SYS_clone3, &big, sizeof big));
    close(pidfd);
    args.flags = CLONE_PIDFD | CLONE_THREAD;
    syscall(SYS_clone3, &args, sizeof args);

    reap(syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, 0));
    close(pidfd);

    syscall(SYS_personality, 0x1f | 0x10000);
    syscall(SYS_personality, 0x7010006);
    syscall(SYS_personality, 0x1f);
    syscall(SYS_personality, PER_LINUX);
    return 0;
}
