/*
 * Exercises: a signal the tracee blocks. It blocks SIGUSR1, raises it and exits 0 without unblocking:
 * the signal stays pending and is never delivered, so a tracer sees no signal-delivery stop for it.
 */
#include <signal.h>
#include <stddef.h>

int main(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    return 0;
}
