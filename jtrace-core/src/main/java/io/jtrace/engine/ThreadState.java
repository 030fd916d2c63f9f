package io.jtrace.engine;

/** What the engine knows of one traced thread. Lives in {@link TraceeTable}. */
final class ThreadState {
    /** Where a traced thread is in its life, as far as the engine is concerned. */
    enum Phase {
        /** Seized or followed: its first stop has not been reported yet. */
        AWAITING_FIRST_STOP,
        /** Launched: the target program's execve has not succeeded yet. */
        LAUNCHING,
        /** Traced: every stop is reported. */
        TRACED,
        /** The launch's execve failed: it runs the exit jtrace injected, whose stops are not reported. */
        ENDING_FAILED_LAUNCH,
        /** Interrupted so that it is detached at its next stop, whatever that is. */
        DETACHING
    }

    final int tid;
    ProcessState process;
    Phase phase = Phase.AWAITING_FIRST_STOP;
    /** Between a syscall-entry stop and its exit stop, whatever the phase. */
    boolean inSyscall;
    long syscallNr = -1;
    long[] syscallArgs;
    /**
     * The call in progress was reported at its seccomp stop: a syscall-entry stop that follows it
     * (kernels before 4.8 put one after the seccomp stop) is the same call, not reported again.
     */
    boolean enteredAtSeccompStop;
    /** The file name of the execve in progress, read at its entry for the Exec event. */
    byte[] execFilename;
    /** The signal to deliver when resuming from the current stop. */
    int resumeSignal;
    /** How it came to be traced; children the engine follows are FOLLOWED. */
    TraceEvent.Origin origin = TraceEvent.Origin.FOLLOWED;
    /** Requested by the listener during the current stop: let it go when resuming. */
    boolean detachRequested;
    /** Requested through {@link Tracer#interrupt}: its next interrupt stop is reported. */
    boolean interruptRequested;

    ThreadState(int tid, ProcessState process) {
        this.tid = tid;
        this.process = process;
    }

    /** Whether its stops are reported (not while its failed launch is being ended). */
    boolean reported() {
        return phase != Phase.ENDING_FAILED_LAUNCH;
    }
}
