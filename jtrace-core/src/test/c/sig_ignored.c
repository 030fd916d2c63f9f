/*
 * Exercises: a signal the tracee ignores. It sets SIGTERM to SIG_IGN and raises it; a tracer still
 * sees the signal-delivery stop, and the process goes on to exit 0.
 */
#include <signal.h>

int main(void) {
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    return 0;
}
