package io.jtrace.engine;

import io.jtrace.abi.SigInfo;
import io.jtrace.syscalls.AuditArch;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a tracee did. Every event names the thread ({@code tid}) and its thread group ({@code pid}).
 * All but {@link Exited}, {@link Killed}, {@link Detached} and {@link UnknownExited} are reported
 * while the thread is stopped;
 * the {@link Tracee} handed with them can read and change it until the listener returns.
 */
public sealed interface TraceEvent {
    /** The thread the event is about. */
    int tid();

    /** The thread's process: its thread group id, the leader's tid. */
    int pid();

    /**
     * The first stop of a thread: launched, seized by attach, or a new child followed by -f.
     *
     * @param tid    the thread
     * @param pid    its process
     * @param origin how it came to be traced
     */
    record Attached(int tid, int pid, Origin origin) implements TraceEvent {}

    /** How a thread came to be traced. */
    enum Origin {
        /** Started by {@link Tracer#launch}. */
        LAUNCHED,
        /** Already running, and seized by an attach (strace -p). */
        ATTACHED,
        /** Created by a traced thread, and traced from its start (strace -f). */
        FOLLOWED
    }

    /**
     * A system call is about to run. {@code args} are its six raw argument registers, an array of
     * this call's own that the matching exit hands on again: read it, keep it, do not change it
     * (to change the call, set the registers through {@link Tracee}). {@code arch} is the calling convention it came in by: an x86_64
     * process can make i386 calls too, numbered differently.
     *
     * @param tid                the thread
     * @param pid                its process
     * @param arch               the calling convention of the call
     * @param nr                 the call's number in that convention
     * @param args               the six argument registers
     * @param instructionPointer where the thread made the call
     * @param stackPointer       the thread's stack pointer at the call
     * @param systemTimeNanos    the system CPU time its process had used at this stop, as wait4's
     *                           rusage reported it (microsecond resolution): what strace -c measures
     *                           a call by, from entry stop to exit stop
     */
    record SyscallEntry(int tid, int pid, AuditArch arch, long nr, long[] args, long instructionPointer,
                        long stackPointer, long systemTimeNanos) implements TraceEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof SyscallEntry e && e.tid == tid && e.pid == pid && e.arch == arch && e.nr == nr
                    && Arrays.equals(e.args, args) && e.instructionPointer == instructionPointer
                    && e.stackPointer == stackPointer && e.systemTimeNanos == systemTimeNanos;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tid, pid, arch, nr, Arrays.hashCode(args), instructionPointer, stackPointer,
                    systemTimeNanos);
        }

        @Override
        public String toString() {
            return "SyscallEntry[tid=" + tid + ", pid=" + pid + ", arch=" + arch + ", nr=" + nr + ", args="
                    + hex(args) + ", instructionPointer=0x" + Long.toHexString(instructionPointer)
                    + ", stackPointer=0x" + Long.toHexString(stackPointer)
                    + ", systemTimeNanos=" + systemTimeNanos + "]";
        }
    }

    /**
     * A system call returned. {@code nr} and {@code args} are those of the matching entry, or -1 and
     * null when the entry was not seen. {@code isError}: rval is a negated errno.
     *
     * @param tid     the thread
     * @param pid     its process
     * @param arch    the calling convention of the call
     * @param nr      the call's number, or -1
     * @param args    the entry's six argument registers, or null
     * @param rval    the return value
     * @param isError whether the call failed, {@code rval} then being {@code -errno}
     * @param systemTimeNanos the system CPU time its process had used at this stop, as wait4's
     *                        rusage reported it; less the entry's, the system time the call took
     */
    record SyscallExit(int tid, int pid, AuditArch arch, long nr, long[] args, long rval, boolean isError,
                       long systemTimeNanos) implements TraceEvent {
        @Override
        public boolean equals(Object o) {
            return o instanceof SyscallExit x && x.tid == tid && x.pid == pid && x.arch == arch && x.nr == nr
                    && Arrays.equals(x.args, args) && x.rval == rval && x.isError == isError
                    && x.systemTimeNanos == systemTimeNanos;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tid, pid, arch, nr, Arrays.hashCode(args), rval, isError, systemTimeNanos);
        }

        @Override
        public String toString() {
            return "SyscallExit[tid=" + tid + ", pid=" + pid + ", arch=" + arch + ", nr=" + nr + ", args="
                    + hex(args) + ", rval=" + rval + ", isError=" + isError
                    + ", systemTimeNanos=" + systemTimeNanos + "]";
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
     *
     * @param tid    the thread it is delivered to
     * @param pid    its process
     * @param signal the signal's number
     * @param info   its siginfo, from PTRACE_GETSIGINFO
     */
    record SignalDelivery(int tid, int pid, int signal, SigInfo info) implements TraceEvent {}

    /**
     * The thread entered a group-stop (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU); it stays stopped until SIGCONT.
     *
     * @param tid    the thread
     * @param pid    its process
     * @param signal the signal that stopped it
     */
    record GroupStop(int tid, int pid, int signal) implements TraceEvent {}

    /**
     * The thread made a new task with fork, vfork or clone; {@code child} is followed too.
     *
     * @param tid   the thread that made it
     * @param pid   its process
     * @param kind  the call that made it
     * @param child the new task's tid
     */
    record NewChild(int tid, int pid, ChildKind kind, int child) implements TraceEvent {}

    /** How a new task was made, after the ptrace event that reported it. */
    enum ChildKind {
        /** fork (PTRACE_EVENT_FORK): a new process. */
        FORK,
        /** vfork (PTRACE_EVENT_VFORK): a new process that shares memory with its parent until it execs or exits. */
        VFORK,
        /** clone (PTRACE_EVENT_CLONE): a new thread, or a new process when the flags ask for no thread. */
        CLONE
    }

    /**
     * A successful execve. When a thread other than the leader called it, it has taken the leader's
     * tid and {@code formerTid} is the tid it had before; the old leader is gone without an exit.
     *
     * @param tid       the thread, now the process's leader
     * @param pid       its process
     * @param formerTid the tid of the thread that called execve; {@code tid} when the leader did
     * @param filename the file name the program passed to execve (or execveat), as it passed it;
     *                 empty when it could not be read
     * @param argv     the new program's arguments, from its own memory; bytes that are not UTF-8
     *                 are replaced
     */
    record Exec(int tid, int pid, int formerTid, String filename, List<String> argv) implements TraceEvent {
        /** Copies {@code argv}. */
        public Exec {
            argv = List.copyOf(argv);
        }
    }

    /**
     * The thread stopped because {@link Tracer#interrupt(int)} asked it to.
     *
     * @param tid the thread
     * @param pid its process
     */
    record Interrupted(int tid, int pid) implements TraceEvent {}

    /**
     * The thread is about to exit (PTRACE_EVENT_EXIT); may not be seen when it is killed.
     *
     * @param tid        the thread
     * @param pid        its process
     * @param waitStatus how it will end, as wait4 will report it (PTRACE_GETEVENTMSG)
     */
    record Exiting(int tid, int pid, int waitStatus) implements TraceEvent {}

    /**
     * The thread is gone: exited with {@code code}.
     *
     * @param tid  the thread
     * @param pid  its process
     * @param code its exit status, 0 to 255
     */
    record Exited(int tid, int pid, int code) implements TraceEvent {}

    /**
     * The thread is gone: killed by {@code signal}.
     *
     * @param tid        the thread
     * @param pid        its process
     * @param signal     the signal that killed it
     * @param coreDumped whether it dumped core
     */
    record Killed(int tid, int pid, int signal, boolean coreDumped) implements TraceEvent {}

    /**
     * The thread is no longer traced and runs on (or stays stopped) as if it had never been.
     *
     * @param tid the thread
     * @param pid its process
     */
    record Detached(int tid, int pid) implements TraceEvent {}

    /**
     * A child that was never traced ended and was reaped: one the tracer inherited, or, the tracer
     * being the init of a pid namespace, an orphan of that namespace handed to it. strace reports
     * it as {@code Exit of unknown pid N ignored}. No {@link Tracee} goes with it.
     *
     * @param tid        the child
     * @param pid        the child (never traced, its thread group is not known)
     * @param waitStatus how it ended, as wait4 reported it
     */
    record UnknownExited(int tid, int pid, int waitStatus) implements TraceEvent {}
}
