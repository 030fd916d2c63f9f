/* Limits, usage, system information, random bytes, CPU affinity and thread-area calls. */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <sched.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void) {
    struct rlimit rl;
    syscall(SYS_getrlimit, RLIMIT_STACK, &rl);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);
    syscall(SYS_getrlimit, 99, &rl);
    syscall(SYS_getrlimit, RLIMIT_CORE, (void *) 8);
    syscall(SYS_setrlimit, RLIMIT_CORE, &rl);
    struct { unsigned long cur, max; } limit = {8192 * 1024, 3 * 1024}, old;
    syscall(SYS_prlimit64, 0, RLIMIT_STACK, &limit, &old);
    syscall(SYS_prlimit64, 0, RLIMIT_NICE, NULL, &old);
    syscall(SYS_prlimit64, 0, RLIMIT_RTTIME, NULL, &old);
    limit.cur = 1024;
    limit.max = 1025;
    syscall(SYS_prlimit64, 0, RLIMIT_AS, &limit, NULL);
    syscall(SYS_prlimit64, 0, 77, NULL, (void *) 8);
    syscall(SYS_prlimit64, -1, -1, (void *) 8, NULL);

    struct rusage ru;
    syscall(SYS_getrusage, RUSAGE_SELF, &ru);
    syscall(SYS_getrusage, RUSAGE_CHILDREN, &ru);
    syscall(SYS_getrusage, RUSAGE_THREAD, &ru);
    syscall(SYS_getrusage, 5, NULL);
    syscall(SYS_getrusage, -2, (void *) 8);

    struct utsname u;
    uname(&u);
    syscall(SYS_uname, (void *) 8);
    struct sysinfo si;
    sysinfo(&si);
    syscall(SYS_sysinfo, (void *) 8);
    struct tms t;
    times(&t);
    syscall(SYS_times, NULL);

    char buf[16];
    getrandom(buf, sizeof buf, GRND_NONBLOCK);
    getrandom(buf, 4, GRND_NONBLOCK | GRND_INSECURE | 0x40);
    getrandom(buf, 4, GRND_RANDOM);
    getrandom(NULL, 0, 0);
    syscall(SYS_getrandom, (void *) 8, 4, 0);

    cpu_set_t cpus;
    syscall(SYS_sched_getaffinity, 0, sizeof cpus, &cpus);
    syscall(SYS_sched_getaffinity, 0, 8, &cpus);
    syscall(SYS_sched_getaffinity, 0, 3, &cpus);
    syscall(SYS_sched_setaffinity, 0, 8, &cpus);
    syscall(SYS_sched_setaffinity, 0, 8, (void *) 8);
    syscall(SYS_sched_setaffinity, 0, 0, &cpus);
    syscall(SYS_sched_setaffinity, 0, 0, NULL);
    syscall(SYS_sched_yield);

    unsigned long fs;
    syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
    syscall(SYS_arch_prctl, ARCH_GET_GS, (void *) 8);
    syscall(SYS_arch_prctl, 0x9999, 0);
    syscall(SYS_arch_prctl, ARCH_SET_GS, 0);
    syscall(SYS_set_tid_address, (void *) 0);
    return 0;
}
