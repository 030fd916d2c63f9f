/* Calls for strace -c to count: several with the same count (their order in a table sorted by
 * calls is then the call numbers'), failures, and with "fork" the same again in processes of two
 * threads each, for the -f totals. */
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCESSES 3
#define THREADS 2
#define ROUNDS 5

static void *worker(void *arg) {
    (void) arg;
    for (int i = 0; i < ROUNDS; i++) {
        chdir("");
        chdir(".");
    }
    return NULL;
}

static void calls(void) {
    for (int i = 0; i < 3; i++) {
        syscall(SYS_getpid);
        close(-1);
    }
    for (int i = 0; i < 2; i++) {
        write(-1, "x", 1);
        syscall(SYS_getppid);
    }
    close(12345);
    chdir("/");
    chdir("/nonexistent");
    syscall(SYS_getuid);
    syscall(SYS_getgid);
}

int main(int argc, char **argv) {
    calls();
    if (argc > 1 && strcmp(argv[1], "fork") == 0) {
        pid_t children[PROCESSES];
        for (int p = 0; p < PROCESSES; p++) {
            children[p] = fork();
            if (children[p] == 0) {
                pthread_t t[THREADS];
                for (int i = 0; i < THREADS; i++) {
                    pthread_create(&t[i], NULL, worker, NULL);
                }
                for (int i = 0; i < THREADS; i++) {
                    pthread_join(t[i], NULL);
                }
                _exit(0);
            }
        }
        for (int p = 0; p < PROCESSES; p++) {
            waitpid(children[p], NULL, 0);
        }
    }
    return 3;
}
