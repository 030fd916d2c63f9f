/*
 * Exercises: attaching to and detaching from a running process of two threads. Each thread loops
 * forever: a getppid marker, then a 10 ms nanosleep. Prints nothing.
 */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static void *loop(void *unused) {
    struct timespec pause_10ms = {0, 10 * 1000 * 1000};
    for (;;) {
        getppid();
        nanosleep(&pause_10ms, NULL);
    }
    return unused;
}

int main(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, loop, NULL) != 0) return 98;
    loop(NULL);
}
