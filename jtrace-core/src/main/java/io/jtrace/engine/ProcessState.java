package io.jtrace.engine;

import java.util.LinkedHashSet;
import java.util.Set;

/** What the engine knows of one traced thread group. Lives in {@link TraceeTable}. */
final class ProcessState {
    final int pid;
    /** jtrace started it (rather than attaching): it is killed if jtrace dies. */
    final boolean launched;
    /**
     * It carries jtrace's seccomp filter (inherited from the launched process): it stops at the
     * filtered calls with PTRACE_EVENT_SECCOMP, runs with PTRACE_CONT between them, and cannot be
     * let go alive.
     */
    final boolean filtered;
    final Set<Integer> threads = new LinkedHashSet<>();

    ProcessState(int pid, boolean launched, boolean filtered) {
        this.pid = pid;
        this.launched = launched;
        this.filtered = filtered;
    }
}
