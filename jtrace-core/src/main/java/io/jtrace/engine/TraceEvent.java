package io.jtrace.engine;

import io.jtrace.abi.SigInfo;

/**
 * What a tracee did. Every event names the thread ({@code tid}) and its thread group ({@code pid}).
 * All but {@link Exited}, {@link Killed} and {@link Detached} are reported while the thread is stopped;
 * the {@link Tracee} handed with them can read and change it until the listener returns.
 */
public sealed interface TraceEvent {
    int tid();

    int pid();

    /** The first stop of a thread: launched, seized by attach, or a new child followed by -f. */
    record Attached(int tid, int pid, Origin origin) implements TraceEvent {}

    /** How a thread came to be traced. */
    enum Origin { LAUNCHED, ATTACHED, FOLLOWED }

    /** A system call is about to run. {@code args} are its six raw argument registers. */
    record SyscallEntry(int tid, int pid, int arch, long nr, long[] args, long instructionPointer,
                        long stackPointer) implements TraceEvent {}

    /**
     * A system call returned. {@code nr} and {@code args} are those of the matching entry, or -1 and
     * null when the entry was not seen. {@code isError}: rval is a negated errno.
     */
    record SyscallExit(int tid, int pid, int arch, long nr, long[] args, long rval, boolean isError)
            implements TraceEvent {}

    /**
     * A signal is about to be delivered. It is passed on when the listener returns unless the listener
     * calls {@link Tracee#suppressSignal()} or replaces it.
     */
    record SignalDelivery(int tid, int pid, int signal, SigInfo info) implements TraceEvent {}

    /** The thread entered a group-stop (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU); it stays stopped until SIGCONT. */
    record GroupStop(int tid, int pid, int signal) implements TraceEvent {}

    /** The thread made a new task with fork, vfork or clone; {@code child} is followed too. */
    record NewChild(int tid, int pid, ChildKind kind, int child) implements TraceEvent {}

    enum ChildKind { FORK, VFORK, CLONE }

    /**
     * A successful execve. When a thread other than the leader called it, it has taken the leader's
     * tid and {@code formerTid} is the tid it had before; the old leader is gone without an exit.
     */
    record Exec(int tid, int pid, int formerTid) implements TraceEvent {}

    /** The thread stopped because {@link Tracer#interrupt(int)} asked it to. */
    record Interrupted(int tid, int pid) implements TraceEvent {}

    /** The thread is about to exit (PTRACE_EVENT_EXIT); may not be seen when it is killed. */
    record Exiting(int tid, int pid, int waitStatus) implements TraceEvent {}

    /** The thread is gone: exited with {@code code}. */
    record Exited(int tid, int pid, int code) implements TraceEvent {}

    /** The thread is gone: killed by {@code signal}. */
    record Killed(int tid, int pid, int signal, boolean coreDumped) implements TraceEvent {}

    /** The thread is no longer traced and runs on (or stays stopped) as if it had never been. */
    record Detached(int tid, int pid) implements TraceEvent {}
}
