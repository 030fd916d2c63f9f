/*
 * Exercises: exit_group with many threads. 32 threads block in pause() (a barrier makes sure they
 * all exist), then the main thread calls exit(3): the kernel kills every other thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define THREADS 32

static pthread_barrier_t started;

static void *block(void *unused) {
    pthread_barrier_wait(&started);
    for (;;) pause();
    return unused;
}

int main(void) {
    pthread_t t[THREADS];
    pthread_barrier_init(&started, NULL, THREADS + 1);
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, block, NULL) != 0) return 98;
    pthread_barrier_wait(&started);
    exit(3);
}
