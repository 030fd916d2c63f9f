/* The benchmark's workload: N getpid system calls, the cheapest there is, so that the cost of
 * tracing each one dominates. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    for (long i = 0; i < n; i++) {
        syscall(SYS_getpid);
    }
    return 0;
}
