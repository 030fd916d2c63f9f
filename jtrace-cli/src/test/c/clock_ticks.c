/* Clock ticks: a child and this process each burn about a fifth of a second of CPU, so that the
 * child's SIGCHLD and times() report ticks that are not 0, which strace follows with their seconds
 * except under -X raw. */
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void burn(void) {
    struct timespec start, now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
    volatile unsigned long x = 0;
    do {
        for (int i = 0; i < 100000; i++) {
            x += i;
        }
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    } while ((now.tv_sec - start.tv_sec) * 1000000000L + now.tv_nsec - start.tv_nsec < 200000000L);
}

int main(void) {
    pid_t child = fork();
    if (child == 0) {
        burn();
        _exit(0);
    }
    waitpid(child, NULL, 0);
    burn();
    struct tms t;
    times(&t);
    return 0;
}
