/* The special descriptors: eventfd, timerfd, signalfd, inotify, memfd and pidfd, with ordinary,
 * boundary and invalid arguments; run in the empty directory given as argv[1]. The trace must match
 * strace 6.1's line for line. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *) 1)
#define PIDFD_NONBLOCK O_NONBLOCK

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 2;
    }
    syscall(SYS_close_range, 3, ~0U, 0);
    syscall(SYS_eventfd, 0);
    syscall(SYS_eventfd2, 5, EFD_CLOEXEC | EFD_NONBLOCK);
    syscall(SYS_eventfd2, 0, EFD_SEMAPHORE);
    syscall(SYS_eventfd2, 0xffffffffU, 0x10 | EFD_SEMAPHORE);
    syscall(SYS_eventfd2, 0, 0);

    int t = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    syscall(SYS_timerfd_create, CLOCK_REALTIME, 0);
    syscall(SYS_timerfd_create, CLOCK_BOOTTIME, 0x10);
    syscall(SYS_timerfd_create, 99, 0);
    /* Only a disarmed timer's old value is printed: an armed one's remaining time varies. */
    struct itimerspec its = {{0, 0}, {100, 5}}, off = {{0, 0}, {0, 0}}, old;
    syscall(SYS_timerfd_settime, t, 0, &its, &old);
    syscall(SYS_timerfd_settime, t, TFD_TIMER_ABSTIME, &its, NULL);
    syscall(SYS_timerfd_settime, t, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
    syscall(SYS_timerfd_settime, t, 0, &off, NULL);
    syscall(SYS_timerfd_settime, t, 4, &its, &old);
    syscall(SYS_timerfd_settime, t, 0, BAD, &old);
    syscall(SYS_timerfd_settime, t, 0, &off, BAD);
    syscall(SYS_timerfd_settime, t, 0, &off, &old);
    syscall(SYS_timerfd_gettime, t, &old);
    syscall(SYS_timerfd_gettime, t, BAD);
    syscall(SYS_timerfd_gettime, -1, &old);

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN);
    syscall(SYS_signalfd4, -1, &mask, 8, SFD_CLOEXEC | SFD_NONBLOCK);
    syscall(SYS_signalfd4, -1, &mask, 8, 0);
    syscall(SYS_signalfd4, -1, &mask, 4, 0);
    syscall(SYS_signalfd4, -1, BAD, 8, 0);
    syscall(SYS_signalfd4, -1, &mask, 8, 1);
    syscall(SYS_signalfd, -1, &mask, 8);

    int in = syscall(SYS_inotify_init1, IN_CLOEXEC | IN_NONBLOCK);
    syscall(SYS_inotify_init1, 0);
    syscall(SYS_inotify_init1, 1);
    syscall(SYS_inotify_init);
    int wd = syscall(SYS_inotify_add_watch, in, ".", IN_CREATE | IN_DELETE | IN_ONLYDIR);
    syscall(SYS_inotify_add_watch, in, ".", IN_ALL_EVENTS);
    syscall(SYS_inotify_add_watch, in, "missing", IN_MODIFY | 0x1000);
    syscall(SYS_inotify_add_watch, in, ".", 0);
    syscall(SYS_inotify_add_watch, in, BAD, IN_ACCESS);
    syscall(SYS_inotify_rm_watch, in, wd);
    syscall(SYS_inotify_rm_watch, in, 12345);

    syscall(SYS_memfd_create, "region", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    syscall(SYS_memfd_create, "", 0);
    syscall(SYS_memfd_create, "huge", MFD_HUGETLB | (21 << 26));
    syscall(SYS_memfd_create, "bits", 0x100);
    syscall(SYS_memfd_create, BAD, MFD_CLOEXEC);

    syscall(SYS_pidfd_open, 1, 0);
    syscall(SYS_pidfd_open, 999999, 0);
    syscall(SYS_pidfd_open, 1, PIDFD_NONBLOCK);
    syscall(SYS_pidfd_open, -1, 0x800000);
    syscall(SYS_pidfd_open, -1, 5);
    return 0;
}
