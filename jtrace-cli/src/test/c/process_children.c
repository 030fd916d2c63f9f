/* Children: fork, vfork, clone and clone3 with their flags, and wait4's statuses and options. */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread(void *arg) {
    return arg;
}

int main(void) {
    int status;
    struct rusage ru;
    /* Blocked, SIGCHLD is never delivered: its --- line would race with the wait4 that reaps. */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    pid_t child = fork();
    if (child == 0) {
        _exit(3);
    }
    wait4(child, &status, 0, NULL);

    child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    kill(child, SIGTERM);
    wait4(child, &status, __WALL, &ru);

    child = fork();
    if (child == 0) {
        raise(SIGSTOP);
        for (;;) {
            pause();
        }
    }
    wait4(child, &status, WUNTRACED, NULL);
    kill(child, SIGCONT);
    wait4(child, &status, WCONTINUED, NULL);
    kill(child, SIGKILL);
    wait4(child, &status, 0, NULL);

    wait4(-1, &status, WNOHANG | WUNTRACED | WCONTINUED | 0x100, NULL);
    wait4(-1, (void *) 8, 0, NULL);
    wait4(-1, &status, WNOHANG, NULL);

    child = vfork();
    if (child == 0) {
        _exit(0);
    }
    wait4(child, NULL, 0, NULL);

    child = syscall(SYS_clone, SIGCHLD, NULL, NULL, NULL, 0);
    if (child == 0) {
        _exit(0);
    }
    wait4(child, NULL, 0, NULL);
    /* CLONE_SIGHAND without CLONE_VM is refused, before anything is written back. */
    syscall(SYS_clone, CLONE_SIGHAND | CLONE_PARENT_SETTID | CLONE_SETTLS | CLONE_CHILD_SETTID | SIGRTMIN,
            (void *) 8, (void *) 16, (void *) 24, (void *) 32);
    syscall(SYS_clone, CLONE_THREAD, NULL, NULL, NULL, 0);
    child = syscall(SYS_clone, 0, NULL, NULL, NULL, 0);
    if (child == 0) {
        _exit(0);
    }
    wait4(child, NULL, __WALL, NULL);

    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.exit_signal = SIGCHLD;
    child = syscall(SYS_clone3, &args, sizeof args);
    if (child == 0) {
        _exit(0);
    }
    wait4(child, NULL, 0, NULL);
    args.flags = CLONE_NEWUSER | CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND | 0x4000000000UL;
    args.exit_signal = (uint64_t) -1;
    args.stack_size = 4096;
    args.cgroup = 77;
    syscall(SYS_clone3, &args, sizeof args);
    syscall(SYS_clone3, &args, 64);
    syscall(SYS_clone3, &args, 32);
    syscall(SYS_clone3, (void *) 8, sizeof args);

    pthread_t t;
    pthread_create(&t, NULL, thread, NULL);
    pthread_join(t, NULL);
    return 0;
}
