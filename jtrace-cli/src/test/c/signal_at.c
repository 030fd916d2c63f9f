/*
 * Exercises: how a tracer ends when signalled. Usage: signal_at MS SIGNAL PROG ARGS...
 * Runs PROG, sends it SIGNAL after MS milliseconds, and prints how it ended: "exited N" or
 * "killed by N", which an exit status alone (128 + N from a shell) cannot tell apart.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 4) return 2;
    long ms = atol(argv[1]);
    int sig = atoi(argv[2]);
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[3], argv + 3);
        _exit(127);
    }
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, sig);
    int status;
    if (waitpid(pid, &status, 0) != pid) return 2;
    if (WIFSIGNALED(status)) printf("killed by %d\n", WTERMSIG(status));
    else printf("exited %d\n", WEXITSTATUS(status));
    return 0;
}
