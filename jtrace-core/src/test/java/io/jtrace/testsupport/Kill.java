package io.jtrace.testsupport;

import io.jtrace.bindings.Kernel;

import static org.junit.jupiter.api.Assertions.fail;

/** Sends signals from the test, as kill(2): ProcessHandle can send only SIGTERM and SIGKILL. */
public final class Kill {
    public static final int SIGKILL = 9, SIGUSR1 = 10, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19;

    private Kill() {}

    /** Sends {@code signal} to the one process {@code pid} (never a group: pid must be positive). */
    public static void send(long pid, int signal) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        try (Kernel k = Kernel.open()) {
            int r = k.kill((int) pid, signal);
            if (r != 0) {
                fail("kill(" + pid + ", " + signal + "): errno " + -r);
            }
        }
    }
}
