package io.jtrace.engine;

import io.jtrace.abi.SigInfo;
import io.jtrace.syscalls.AuditArch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

    /**
     * A system call is about to run. {@code args} are its six raw argument registers, an array of
     * this call's own that the matching exit hands on again: read it, keep it, do not change it
     * (to change the call, set the registers through {@link Tracee}). {@code arch} is the calling convention it came in by: an x86_64
     * process can make i386 calls too, numbered differently.
     */
    record SyscallEntry(int tid, int pid, AuditArch arch, long nr, long[] args, long instructionPointer,
                        long stackPointer) implements TraceEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof SyscallEntry e && e.tid == tid && e.pid == pid && e.arch == arch && e.nr == nr
                    && Arrays.equals(e.args, args) && e.instructionPointer == instructionPointer
                    && e.stackPointer == stackPointer;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tid, pid, arch, nr, Arrays.hashCode(args), instructionPointer, stackPointer);
        }

        @Override
        public String toString() {
            return "SyscallEntry[tid=" + tid + ", pid=" + pid + ", arch=" + arch + ", nr=" + nr + ", args="
                    + hex(args) + ", instructionPointer=0x" + Long.toHexString(instructionPointer)
                    + ", stackPointer=0x" + Long.toHexString(stackPointer) + "]";
        }
    }

    /**
     * A system call returned. {@code nr} and {@code args} are those of the matching entry, or -1 and
     * null when the entry was not seen. {@code isError}: rval is a negated errno.
     */
    record SyscallExit(int tid, int pid, AuditArch arch, long nr, long[] args, long rval, boolean isError)
            implements TraceEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof SyscallExit x && x.tid == tid && x.pid == pid && x.arch == arch && x.nr == nr
                    && Arrays.equals(x.args, args) && x.rval == rval && x.isError == isError;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tid, pid, arch, nr, Arrays.hashCode(args), rval, isError);
        }

        @Override
        public String toString() {
            return "SyscallExit[tid=" + tid + ", pid=" + pid + ", arch=" + arch + ", nr=" + nr + ", args="
                    + hex(args) + ", rval=" + rval + ", isError=" + isError + "]";
        }
    }

    /** Registers as strace would show them raw: {@code [0x3, 0x7ffc..., ...]}. */
    private static String hex(long[] words) {
        if (words == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < words.length; i++) {
            b.append(i > 0 ? ", " : "").append("0x").append(Long.toHexString(words[i]));
        }
        return b.append(']').toString();
    }

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
     *
     * @param filename the file name the program passed to execve (or execveat), as it passed it;
     *                 empty when it could not be read
     * @param argv     the new program's arguments, from its own memory; bytes that are not UTF-8
     *                 are replaced
     */
    record Exec(int tid, int pid, int formerTid, String filename, List<String> argv) implements TraceEvent {
        public Exec {
            argv = List.copyOf(argv);
        }
    }

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
