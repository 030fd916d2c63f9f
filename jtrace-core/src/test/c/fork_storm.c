/*
 * Exercises: children whose first ptrace stop can reach the tracer before their parent's fork event.
 * The launched process forks 50 children, and a middle process (not the tracer's own child, so its
 * stops queue behind those of its newer children) forks 50 more. Child i exits at once with code i
 * (1..100), the middle with 200; each parent checks every status it reaps. Exit 0: all were right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int fork_and_reap(int first, int count) {
    pid_t pids[64];
    for (int i = 0; i < count; i++) {
        pids[i] = fork();
        if (pids[i] < 0) return 1;
        if (pids[i] == 0) _exit(first + i);
    }
    int bad = 0;
    for (int i = 0; i < count; i++) {
        int status;
        if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) || WEXITSTATUS(status) != first + i) bad = 1;
    }
    return bad;
}

int main(void) {
    pid_t middle = fork();
    if (middle < 0) return 1;
    if (middle == 0) _exit(fork_and_reap(51, 50) ? 1 : 200);
    int bad = fork_and_reap(1, 50);
    int status;
    if (waitpid(middle, &status, 0) != middle || !WIFEXITED(status) || WEXITSTATUS(status) != 200) bad = 1;
    return bad;
}
