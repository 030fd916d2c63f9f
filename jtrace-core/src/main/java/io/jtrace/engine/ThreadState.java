package io.jtrace.engine;

/** What the engine knows of one traced thread. Lives in {@link TraceeTable}. */
final class ThreadState {
    final int tid;
    ProcessState process;
    /** Between a syscall-entry stop and its exit stop. */
    boolean inSyscall;
    long syscallNr = -1;
    long[] syscallArgs;
    /** The file name of the execve in progress, read at its entry for the Exec event. */
    byte[] execFilename;
    /** The signal to deliver when resuming from the current stop. */
    int resumeSignal;
    /** Resumed with PTRACE_LISTEN: in a group-stop, not in a ptrace-stop. */
    boolean listening;
    /** How it came to be traced; children the engine follows are FOLLOWED. */
    TraceEvent.Origin origin = TraceEvent.Origin.FOLLOWED;
    /** Its first stop has not been reported yet. */
    boolean awaitingFirstStop = true;
    /** Interrupted so that it can be detached at its next stop. */
    boolean detaching;
    boolean detachRequested;
    /** {@link Tracer#interrupt} was called: its next interrupt stop is reported. */
    boolean interruptRequested;
    /** The launched thread whose target execve has not succeeded yet. */
    boolean launching;
    /** Running a syscall jtrace injected; its stops are not reported. */
    boolean hidden;

    ThreadState(int tid, ProcessState process) {
        this.tid = tid;
        this.process = process;
    }
}
