/* Process attributes, scheduling, interval timers and capabilities, with ordinary, boundary and
 * invalid arguments; the trace must match strace 6.1's line for line. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *) 1)

int main(void) {
    char name[16];
    int value;
    syscall(SYS_prctl, PR_SET_NAME, "jtrace-fixture-long-name", 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NAME, BAD, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NAME, BAD, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_PDEATHSIG, &value, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    syscall(SYS_prctl, PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0);
    syscall(SYS_prctl, PR_CAPBSET_READ, 99, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, &value, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_SECCOMP, 99, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_TIMERSLACK, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_KEEPCAPS, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_KEEPCAPS, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NAME, "abcdefghijklmn", 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NAME, "abcdefghijklmno", 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NAME, "", 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NAME, NULL, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PDEATHSIG, 200, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGRTMIN + 2, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_PDEATHSIG, &value, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_PDEATHSIG, BAD, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_DUMPABLE, 7, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, NULL, 0, 0, 0);
    void *tid_address;
    syscall(SYS_prctl, PR_GET_TID_ADDRESS, &tid_address, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PTRACER, -1, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PTRACER, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0);
    syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    syscall(SYS_prctl, PR_CAP_AMBIENT, 9, 1, 0, 0);
    syscall(SYS_prctl, PR_CAPBSET_DROP, 99, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_TIMERSLACK, -1L, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_TIMERSLACK, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_TSC, &value, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_TSC, 5, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_THP_DISABLE, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_THP_DISABLE, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_TASK_PERF_EVENTS_ENABLE, 0, 0, 0, 0);
    syscall(SYS_prctl, 0x12345678, 1, 2, 3, 4);
    syscall(SYS_prctl, -1, 0, 0, 0, 0);

    struct sched_param param = {0};
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_getscheduler, -1);
    syscall(SYS_sched_getparam, 0, &param);
    syscall(SYS_sched_getparam, 0, BAD);
    syscall(SYS_sched_setparam, 0, &param);
    syscall(SYS_sched_setparam, 0, NULL);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &param);
    syscall(SYS_sched_setscheduler, 0, SCHED_BATCH | SCHED_RESET_ON_FORK, &param);
    syscall(SYS_sched_setscheduler, 0, 99, &param);
    syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, BAD);
    syscall(SYS_sched_setscheduler, -1, -1, &param);
    syscall(SYS_sched_getparam, 0, NULL);
    syscall(SYS_sched_rr_get_interval, 0, BAD);
    syscall(SYS_sched_get_priority_max, SCHED_FIFO);
    syscall(SYS_sched_get_priority_min, SCHED_RR);
    syscall(SYS_sched_get_priority_max, 99);
    struct timespec interval;
    syscall(SYS_sched_rr_get_interval, 0, &interval);

    struct itimerval it = {{0, 0}, {0, 0}}, old;
    syscall(SYS_getitimer, ITIMER_REAL, &it);
    syscall(SYS_getitimer, ITIMER_VIRTUAL, BAD);
    syscall(SYS_getitimer, 99, &it);
    struct itimerval set = {{1, 500}, {100, 0}};
    syscall(SYS_setitimer, ITIMER_PROF, &set, &old);
    syscall(SYS_setitimer, ITIMER_PROF, &it, NULL);
    syscall(SYS_setitimer, ITIMER_REAL, BAD, &old);
    syscall(SYS_alarm, 1000);
    syscall(SYS_alarm, 0);
    syscall(SYS_alarm, 0);

    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct caps[2];
    syscall(SYS_capget, &header, caps);
    syscall(SYS_capget, &header, NULL);
    syscall(SYS_capset, &header, caps);
    struct __user_cap_header_struct v1 = {_LINUX_CAPABILITY_VERSION_1, 0};
    syscall(SYS_capget, &v1, caps);
    struct __user_cap_header_struct bad = {0x12345, 0};
    syscall(SYS_capget, &bad, caps);
    syscall(SYS_capget, BAD, caps);
    caps[0].effective = (1 << CAP_CHOWN) | (1 << CAP_KILL);
    caps[0].permitted = caps[0].effective;
    caps[0].inheritable = 0;
    caps[1].effective = caps[1].permitted = caps[1].inheritable = 0;
    syscall(SYS_capset, &header, caps);
    caps[1].effective = 1 << (CAP_SYS_RESOURCE & 31) | 1u << 31;
    syscall(SYS_capset, &header, caps);
    return 0;
}
