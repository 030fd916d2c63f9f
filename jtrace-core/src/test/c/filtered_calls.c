/*
 * Exercises: a process tree under a seccomp filter that stops at openat only. argv[1] getpid
 * calls (each checked: an untraced call must still run and give the right answer), then a forked
 * child and a thread that each open /dev/null, the child exec'ing /bin/true. Exit 0 when every
 * check passed, and PR_GET_SECCOMP answers argv[2] (2 under a filter, 0 without).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *opener(void *arg) {
    (void) arg;
    int fd = open("/dev/null", O_RDONLY);
    if (fd < 0) return (void *) 1;
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    pid_t self = getpid();
    for (long i = 0; i < n; i++) {
        if (syscall(SYS_getpid) != self) return 2;
    }
    pid_t child = fork();
    if (child < 0) return 4;
    if (child == 0) {
        int fd = open("/dev/null", O_RDONLY);
        if (fd < 0) _exit(5);
        close(fd);
        execl("/bin/true", "true", (char *) NULL);
        _exit(6);
    }
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return 7;
    if (argc > 2 && prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != atoi(argv[2])) return 8;
    // The thread comes last: its exit is reported apart from the process's, whenever the tracer
    // gets to it, and nothing the process does after it may race with that report.
    pthread_t t;
    void *result;
    if (pthread_create(&t, NULL, opener, NULL) != 0 || pthread_join(t, &result) != 0 || result != NULL) return 3;
    return 0;
}
