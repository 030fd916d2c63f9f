/*
 * Exercises: execve from a thread that is not the thread-group leader. The leader blocks in pause();
 * a second thread execs this program again (via /proc/self/exe) with the argument "after", and the
 * new image exits 0. 99: the exec failed.
 */
#include <pthread.h>
#include <unistd.h>

static void *exec_again(void *argv0) {
    execl("/proc/self/exe", (char *) argv0, "after", (char *) NULL);
    _exit(99);
}

int main(int argc, char **argv) {
    if (argc > 1) return 0;
    pthread_t t;
    if (pthread_create(&t, NULL, exec_again, argv[0]) != 0) return 98;
    for (;;) pause();
}
