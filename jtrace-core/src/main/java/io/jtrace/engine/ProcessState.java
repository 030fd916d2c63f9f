package io.jtrace.engine;

import java.util.LinkedHashSet;
import java.util.Set;

/** What the engine knows of one traced thread group. Lives in {@link TraceeTable}. */
final class ProcessState {
    final int pid;
    /** jtrace started it (rather than attaching): it is killed if jtrace dies. */
    final boolean launched;
    final Set<Integer> threads = new LinkedHashSet<>();

    ProcessState(int pid, boolean launched) {
        this.pid = pid;
        this.launched = launched;
    }
}
