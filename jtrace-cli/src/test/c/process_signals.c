/* Signal calls with ordinary, boundary and invalid arguments: handlers, masks, sets, stacks, kills. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void handler(int signal) {
    (void) signal;
}

int main(void) {
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sa.sa_flags = SA_RESTART | SA_SIGINFO | SA_NOCLDSTOP | SA_ONSTACK | SA_NODEFER | SA_RESETHAND | 0x400;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR1, NULL, &old);
    sigfillset(&sa.sa_mask);
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = SA_NOCLDWAIT;
    sigaction(SIGUSR2, &sa, &old);

    /* Raw calls: no restorer, unknown flag bits, SIG_ERR, realtime signals, bad addresses and sizes. */
    unsigned long raw[4] = {(unsigned long) -1, 0x04000000 | 0x1000, 0x1234, 0xffffffff00000000UL};
    syscall(SYS_rt_sigaction, SIGRTMIN + 1, raw, NULL, 8);
    unsigned long plain[4] = {0, 0, 0, 1UL << (SIGCHLD - 1)};
    syscall(SYS_rt_sigaction, SIGCHLD, plain, NULL, 8);
    syscall(SYS_rt_sigaction, 0, (void *) 8, (void *) 16, 8);
    syscall(SYS_rt_sigaction, 99, NULL, NULL, 7);
    syscall(SYS_rt_sigaction, SIGKILL, raw, &old, 8);

    unsigned long mask = 1UL << (SIGCHLD - 1), oldmask;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, &oldmask, 8);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &oldmask, NULL, 8);
    syscall(SYS_rt_sigprocmask, 7, &oldmask, &oldmask, 8);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, (void *) 8, (void *) 8, 8);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 4);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, NULL, 16);
    mask = ~0UL;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, &oldmask, 8);
    mask = 0xaaaaaaaaaaaaaaaaUL;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, &oldmask, 8);
    mask = ~0xf0UL;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, &oldmask, 8);
    mask = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL, 8);

    raise(SIGUSR2);
    syscall(SYS_rt_sigpending, &mask, 8);
    syscall(SYS_rt_sigpending, (void *) 8, 8);
    syscall(SYS_rt_sigpending, &mask, 3);

    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0}, oss;
    sigaltstack(&ss, &oss);
    sigaltstack(NULL, &oss);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    ss.ss_flags = 0x10;
    sigaltstack(&ss, NULL);
    sigaltstack((void *) 8, (void *) 16);

    kill(getpid(), 0);
    kill(-1234567, SIGCONT);
    syscall(SYS_kill, 999999, 200);
    syscall(SYS_tkill, 999999, SIGRTMIN + 2);
    syscall(SYS_tgkill, 999999, 999999, SIGRTMAX);
    syscall(SYS_tgkill, 999999, 999999, -5);
    return 0;
}
