/*
 * Exercises: children whose whole life, exit included, can reach the tracer before their parent's
 * fork event. The launched process keeps the tracer busy with getppid calls (the test's listener
 * makes each one slow) while a middle process forks 50 children that exit at once with codes 1..50.
 * The kernel offers a tracer's own children first, then its newest tracees, so the middle's fork
 * events wait behind everything else. Once the middle has exited (0: every status was right), the
 * launched process blocks in pause().
 */
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t middle = fork();
    if (middle < 0) return 1;
    if (middle == 0) {
        pid_t pids[50];
        for (int i = 0; i < 50; i++) {
            pids[i] = fork();
            if (pids[i] == 0) _exit(i + 1);
        }
        for (int i = 0; i < 50; i++) {
            int status;
            if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) || WEXITSTATUS(status) != i + 1) _exit(1);
        }
        _exit(0);
    }
    while (waitpid(middle, NULL, WNOHANG) == 0) getppid();
    for (;;) pause();
}
