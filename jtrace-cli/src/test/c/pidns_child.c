/*
 * A child in a pid namespace of its own (unshare(CLONE_NEWPID), then fork: the child is pid 1
 * there, its own group and session leader after setsid), which calls what prints its ids: its pid,
 * thread, group and session ids as results and arguments, and the same ids in the parent's
 * namespace, where they are the child's pid. The parent waits for it.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    if (unshare(CLONE_NEWPID) != 0) {
        perror("unshare");
        return 77;
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        pid_t me = getpid();
        syscall(SYS_gettid);
        setsid();
        getpgrp();
        getsid(me);
        getpgid(me);
        setpgid(me, me);
        kill(me, 0);
        kill(-me, 0);
        syscall(SYS_tkill, me, 0);
        syscall(SYS_tgkill, me, me, 0);
        getpriority(PRIO_PROCESS, me);
        getpriority(PRIO_PGRP, me);
        kill(12345, 0); /* no process of that id there: no translation */
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
