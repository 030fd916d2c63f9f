/* A thread blocked in a system call when another thread calls exit_group: its call ends in "= ?". */
#include <pthread.h>
#include <unistd.h>
#include <time.h>
static int fds[2];
static void *reader(void *arg) { char c; (void) arg; read(fds[0], &c, 1); return NULL; }
int main(void) {
    pipe(fds);
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    _exit(0);
}
