/* Clocks and sleeps: named and unknown clocks, absolute and relative sleeps, one interrupted by a signal. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void handler(int signal) {
    (void) signal;
}

int main(void) {
    struct timespec ts = {0, 1000}, rem;
    syscall(SYS_nanosleep, &ts, &rem);
    syscall(SYS_nanosleep, &ts, NULL);
    syscall(SYS_nanosleep, (void *) 8, NULL);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    syscall(SYS_clock_nanosleep, 77, 3, &ts, NULL);
    ts.tv_nsec = -1;
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &ts, NULL);

    syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
    syscall(SYS_clock_getres, CLOCK_BOOTTIME, &ts);
    syscall(SYS_clock_getres, 99, NULL);
    syscall(SYS_clock_gettime, -6, &ts);
    syscall(SYS_clock_gettime, -11, (void *) 8);
    syscall(SYS_clock_gettime, 0x80000000, &ts);
    syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts);
    struct timeval tv;
    struct timezone tz;
    syscall(SYS_gettimeofday, &tv, &tz);
    syscall(SYS_gettimeofday, NULL, NULL);
    syscall(SYS_gettimeofday, (void *) 8, (void *) 16);
    tv.tv_usec = -1;
    syscall(SYS_settimeofday, &tv, NULL);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    ts.tv_sec = 5;
    ts.tv_nsec = 0;
    syscall(SYS_nanosleep, &ts, &rem);
    alarm(1);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem);
    return 0;
}
