package io.jtrace.engine;

import io.jtrace.bindings.ErrnoException;
import io.jtrace.bindings.Errnos;
import io.jtrace.bindings.Kernel;
import io.jtrace.bindings.Ptrace;
import io.jtrace.abi.SigInfo;
import io.jtrace.bindings.SyscallInfo;
import io.jtrace.bindings.Wait;
import io.jtrace.engine.TraceEvent.ChildKind;
import io.jtrace.syscalls.AuditArch;
import io.jtrace.syscalls.SyscallTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;

/**
 * The wait loop. Runs on the tracer thread only: it is the one thread that makes ptrace requests.
 *
 * <p>Each stop costs one wait4, one PTRACE_GET_SYSCALL_INFO (for syscall stops) and one resume. The
 * wait uses {@code __WALL | __WNOTHREAD}: it sees the tracees of this thread and the children this
 * thread spawned (all of them tracees), and never a child some other part of the JVM started; as
 * the init of a pid namespace it covers every thread's children (see {@link #waitAny}).
 */
final class Engine {
    private static final int SIGTRAP = 5, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
    private static final int SYSCALL_STOP = SIGTRAP | 0x80;
    private static final long NR_CLONE = SyscallTable.x86_64().number("clone"), NR_CLONE3 = SyscallTable.x86_64().number("clone3"),
            NR_EXECVE = SyscallTable.x86_64().number("execve"), NR_EXECVEAT = SyscallTable.x86_64().number("execveat");
    private static final int PATH_MAX = 4096;
    private static final long CLONE_THREAD = 0x10000;
    private static final int WAIT_ANY = Wait.WALL | Wait.WNOTHREAD;

    private final Tracer.Options options;
    private final TraceListener listener;
    private final BlockingQueue<Tracer.Command<?>> commands;
    private final TraceeTable table = new TraceeTable();
    private final SyscallInfo info = new SyscallInfo();
    /**
     * New children whose first stop came before their parent's fork, vfork or clone event. When that
     * event comes the child may already have exited: it must not be added again, or the table would
     * keep a thread that never stops.
     */
    private final Set<Integer> adoptedBeforeForkEvent = new HashSet<>();
    private final Object idleLock = new Object();
    private volatile int traced;
    private volatile boolean shutdown;
    private volatile Throwable failure;
    /** The tracer thread has ended: nothing it traced is traced any more. */
    private volatile boolean dead;
    private Kernel kernel;
    private Tracee handle;
    private Launcher launcher;

    Engine(Tracer.Options options, TraceListener listener, BlockingQueue<Tracer.Command<?>> commands) {
        this.options = options;
        this.listener = listener;
        this.commands = commands;
    }

    /**
     * What the wait covers. As the init of a pid namespace ({@code unshare -pf jtrace ...}) this
     * process inherits the namespace's orphans, on its main thread rather than the tracer thread,
     * and a former tracee whose parent is that thread stays a zombie until it is reaped there: a
     * nested namespace's init then waits for it forever, and so does the trace. As init the wait
     * covers the children of every thread, and reaps what it inherits, as strace's does.
     */
    private int waitAny = WAIT_ANY;

    void run(Kernel k) throws InterruptedException {
        kernel = k;
        if (k.getpid() == 1) {
            waitAny = Wait.WALL;
        }
        handle = new Tracee(k);
        launcher = new Launcher(k);
        while (!shutdown) {
            Tracer.Command<?> c;
            while ((c = commands.poll()) != null) {
                c.run();
                publish();
            }
            if (shutdown) {
                break;
            }
            if (table.isEmpty()) {
                commands.take().run();
                publish();
                continue;
            }
            int tid = 0;
            if (listener.wantsIdle()) {
                tid = kernel.wait4(-1, waitAny | Wait.WNOHANG);
                if (tid == 0) {
                    listener.onIdle();
                    if (!commands.isEmpty()) {
                        continue;
                    }
                }
            }
            if (tid == 0) {
                tid = kernel.wait4(-1, waitAny);
            }
            if (tid == -Errnos.EINTR) {
                continue;
            }
            if (tid == -Errnos.ECHILD) {
                // The kernel holds nothing of ours any more: whatever the table still lists is gone.
                for (ThreadState t : table.threads()) {
                    table.remove(t);
                }
                publish();
                continue;
            }
            ErrnoException.check("wait4", tid);
            dispatch(tid, kernel.lastStatus());
            publish();
        }
    }

    private void publish() {
        int n = table.size();
        if (n != traced) {
            traced = n;
            if (n == 0) {
                synchronized (idleLock) {
                    idleLock.notifyAll();
                }
            }
        }
    }

    /** Waits until nothing is traced; throws {@link TraceFailure} if a listener or the engine failed. */
    void awaitIdle() throws InterruptedException {
        synchronized (idleLock) {
            while (traced != 0 && !dead) {
                idleLock.wait();
            }
        }
        Throwable f = failure;
        if (f != null) {
            throw new TraceFailure(dead ? "the tracer thread failed: " + f : "a listener threw " + f
                    + "; every tracee was detached", f);
        }
    }

    void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        dead = true;
        synchronized (idleLock) {
            idleLock.notifyAll();
        }
    }

    Throwable failure() {
        return failure;
    }

    void shutdown() {
        shutdown = true;
    }

    // ---- commands

    int ptraceOptions() {
        int o = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACEEXEC | Ptrace.O_TRACEEXIT;
        if (options.followForks()) {
            o |= Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK | Ptrace.O_TRACECLONE;
        }
        return o;
    }

    /** {@code into}: the waiting process to run the program in, or 0 for a new one. */
    int launch(LaunchSpec spec, int into) throws TraceException {
        if (spec.stopAt() != null && !options.followForks()) {
            // Unfollowed children and threads would carry the filter untraced: ENOSYS for its calls.
            throw new IllegalArgumentException("a launch that stops at some calls only needs a tracer "
                    + "that follows forks (Tracer.Options.followForks)");
        }
        if (into > 0 && (table.process(into) != null || table.thread(into) != null)) {
            throw new TraceException(seizeFailed(into, Errnos.EPERM) + " (already traced here)", Errnos.EPERM);
        }
        Launcher.Started s = into > 0 ? launcher.adopt(into, spec, ptraceOptions() | Ptrace.O_EXITKILL)
                : launcher.launch(spec, ptraceOptions() | Ptrace.O_EXITKILL);
        int pid = s.pid();
        ThreadState t = table.add(pid, pid, true, s.filtered());
        t.phase = ThreadState.Phase.LAUNCHING;
        t.inSyscall = true;
        t.syscallNr = s.info().nr;
        t.syscallArgs = s.info().args.clone();
        t.origin = TraceEvent.Origin.LAUNCHED;
        emit(new TraceEvent.Attached(pid, pid, t.origin), t, true);
        t.execFilename = spec.executable();
        emit(new TraceEvent.SyscallEntry(pid, pid, AuditArch.of(s.info().arch), t.syscallNr, t.syscallArgs,
                s.info().instructionPointer, s.info().stackPointer, kernel.lastSystemTimeNanos()), t, true);
        resume(t);
        publish();
        return pid;
    }

    List<Integer> attach(int pid, boolean allThreads) throws TraceException {
        if (table.process(pid) != null || table.thread(pid) != null) {
            throw new TraceException(seizeFailed(pid, Errnos.EPERM) + " (already traced here)", Errnos.EPERM);
        }
        // The JDK's reaper thread waits for every child ProcessBuilder started, and a wait from any
        // thread of the tracer's process sees ptrace stops: it would take them as the child's exit,
        // leaving the child stopped for good while Process reports it dead.
        ProcStatus status = ProcStatus.read(pid);
        if (status != null && status.ppid() == kernel.getpid()) {
            throw new TraceException(seizeFailed(pid, Errnos.EPERM) + " (a child of this JVM, whose process "
                    + "reaper would take its ptrace stops)", Errnos.EPERM);
        }
        Path tasks = Path.of("/proc", Integer.toString(pid), "task");
        List<Integer> seized = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        // Threads created while attaching show up in a later listing; stop when a pass adds none.
        for (boolean more = true; more; ) {
            more = false;
            for (int tid : allThreads ? listTasks(tasks, pid) : List.of(pid)) {
                if (!seen.add(tid)) {
                    continue;
                }
                long r = kernel.ptrace(Ptrace.SEIZE, tid, 0, ptraceOptions());
                if (r < 0) {
                    if (seized.isEmpty() && tid == pid) {
                        throw new TraceException(seizeFailed(pid, (int) -r), (int) -r);
                    }
                    continue; // a thread that exited meanwhile
                }
                table.add(tid, allThreads ? pid : tgidOf(tid), false, false).origin = TraceEvent.Origin.ATTACHED;
                kernel.ptrace(Ptrace.INTERRUPT, tid, 0, 0);
                seized.add(tid);
                more = true;
            }
        }
        publish();
        return seized;
    }

    /** strace's words for a failed attach: {@code attach: ptrace(PTRACE_SEIZE, 42): No such process}. */
    private static String seizeFailed(int pid, int errno) {
        return "attach: ptrace(PTRACE_SEIZE, " + pid + "): " + ErrnoExceptions.reason(errno);
    }

    private static int tgidOf(int tid) {
        ProcStatus s = ProcStatus.read(tid);
        return s != null ? s.tgid() : tid;
    }

    private static List<Integer> listTasks(Path tasks, int pid) throws TraceException {
        List<Integer> tids = new ArrayList<>();
        try (var dir = Files.newDirectoryStream(tasks)) {
            for (Path p : dir) {
                tids.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (NoSuchFileException e) {
            throw new TraceException(seizeFailed(pid, Errnos.ESRCH), Errnos.ESRCH);
        } catch (IOException | NumberFormatException e) {
            throw new TraceException("attach: cannot list the threads of process " + pid + ": " + e.getMessage(),
                    Errnos.EIO);
        }
        tids.sort(null);
        return tids;
    }

    void interrupt(int tid) throws TraceException {
        ThreadState t = table.thread(tid);
        if (t == null) {
            throw new TraceException("thread " + tid + " is not traced", Errnos.ESRCH);
        }
        t.interruptRequested = true;
        kernel.ptrace(Ptrace.INTERRUPT, tid, 0, 0);
    }

    /** Interrupts every tracee; each is detached at its next stop. */
    boolean isTraced(int pid) {
        return table.process(pid) != null;
    }

    /** kill(2), for a traced process only: the pid of one no longer traced may have been reused. */
    void kill(int pid, int signal) {
        if (isTraced(pid)) {
            kernel.kill(pid, signal);
        }
    }

    void detachAll() {
        for (ThreadState t : table.threads()) {
            if (t.phase != ThreadState.Phase.DETACHING) {
                t.phase = ThreadState.Phase.DETACHING;
                kernel.ptrace(Ptrace.INTERRUPT, t.tid, 0, 0);
            }
        }
    }

    // ---- stops

    private void dispatch(int tid, int status) {
        ThreadState t = table.thread(tid);
        if (Wait.exited(status) || Wait.signaled(status)) {
            if (t != null) {
                table.remove(t);
                int pid = t.process.pid;
                emit(Wait.exited(status)
                        ? new TraceEvent.Exited(tid, pid, Wait.exitCode(status))
                        : new TraceEvent.Killed(tid, pid, Wait.termSignal(status), Wait.coreDumped(status)),
                        t, false);
            } else {
                emit(new TraceEvent.UnknownExited(tid, tid, status), null, false);
            }
            return;
        }
        if (!Wait.stopped(status)) {
            return;
        }
        if (t == null) {
            t = adopt(tid);
            if (t == null) {
                return;
            }
        }
        t.resumeSignal = 0;
        t.detachRequested = false;
        int sig = Wait.stopSignal(status);
        int event = Wait.ptraceEvent(status);
        boolean groupStop = event == Ptrace.EVENT_STOP && isStopSignal(sig);
        boolean signalDelivery = event == 0 && sig != SYSCALL_STOP;

        if (t.phase == ThreadState.Phase.AWAITING_FIRST_STOP) {
            t.phase = ThreadState.Phase.TRACED;
            emit(new TraceEvent.Attached(tid, t.process.pid, t.origin), t, true);
        }
        if (t.phase == ThreadState.Phase.DETACHING) {
            detach(t, signalDelivery ? sig : 0);
            return;
        }
        if (sig == SYSCALL_STOP) {
            onSyscallStop(t);
        } else if (sig == SIGTRAP && event == Ptrace.EVENT_SECCOMP) {
            onSeccompStop(t);
        } else if (sig == SIGTRAP && event != 0) {
            onPtraceEvent(t, event);
        } else if (groupStop) {
            emit(new TraceEvent.GroupStop(tid, t.process.pid, sig), t, true);
            if (t.detachRequested) {
                detach(t, 0);
            } else {
                // PTRACE_LISTEN, not a restart: the process must stay stopped until SIGCONT.
                kernel.ptrace(Ptrace.LISTEN, tid, 0, 0);
            }
        } else if (event != 0) {
            resume(t);
        } else {
            SigInfo si = kernel.getSigInfo(tid);
            t.resumeSignal = sig;
            emit(new TraceEvent.SignalDelivery(tid, t.process.pid, sig, si), t, true);
            resume(t);
        }
    }

    private static boolean isStopSignal(int sig) {
        return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
    }

    private void onSyscallStop(ThreadState t) {
        if (kernel.getSyscallInfo(t.tid, info) < 0) {
            return; // killed meanwhile: its end comes through wait4
        }
        int pid = t.process.pid;
        switch (info.op) {
            case Ptrace.SYSCALL_INFO_ENTRY -> {
                if (!(t.inSyscall && t.enteredAtSeccompStop)) {
                    enterSyscall(t);
                }
            }
            case Ptrace.SYSCALL_INFO_EXIT -> {
                long nr = t.inSyscall ? t.syscallNr : -1;
                long[] args = t.inSyscall ? t.syscallArgs : null;
                t.inSyscall = false;
                t.enteredAtSeccompStop = false;
                if (t.reported()) {
                    emit(new TraceEvent.SyscallExit(t.tid, pid, AuditArch.of(info.arch), nr,
                            args, info.rval, info.isError, kernel.lastSystemTimeNanos()), t, true);
                }
                if (t.phase == ThreadState.Phase.LAUNCHING && nr == Launcher.NR_EXECVE && info.isError) {
                    // The program could not be executed: end the trampoline as strace's child ends.
                    t.phase = ThreadState.Phase.ENDING_FAILED_LAUNCH;
                    launcher.exitInstead(t.tid, 1);
                    return;
                }
            }
            default -> { }
        }
        resume(t);
    }

    /** Records the call whose entry {@link #info} describes (an entry or a seccomp stop) and reports it. */
    private void enterSyscall(ThreadState t) {
        t.inSyscall = true;
        t.syscallNr = info.nr;
        t.syscallArgs = info.args.clone();
        AuditArch arch = AuditArch.of(info.arch);
        if (arch == AuditArch.X86_64 && (info.nr == NR_EXECVE || info.nr == NR_EXECVEAT)) {
            // The name is in the memory the exec replaces: read it now, for the Exec event.
            t.execFilename = readString(t.tid, t.syscallArgs[info.nr == NR_EXECVE ? 0 : 1]);
        }
        if (t.reported()) {
            emit(new TraceEvent.SyscallEntry(t.tid, t.process.pid, arch, info.nr, t.syscallArgs,
                    info.instructionPointer, info.stackPointer, kernel.lastSystemTimeNanos()), t, true);
        }
    }

    /**
     * A call jtrace's filter traces. A filtered thread runs under PTRACE_CONT outside the calls it
     * stops at, so this stop (which kernels from 4.8 on make after the place of the syscall-entry
     * stop) is the call's entry; resuming with PTRACE_SYSCALL brings its exit stop. A seccomp stop
     * of a process without jtrace's filter (its own RET_TRACE filter, met under PTRACE_SYSCALL,
     * whose entry stop came first) is passed over.
     */
    private void onSeccompStop(ThreadState t) {
        if (t.process.filtered && !t.inSyscall && kernel.getSyscallInfo(t.tid, info) >= 0
                && info.op == Ptrace.SYSCALL_INFO_SECCOMP) {
            enterSyscall(t);
            t.enteredAtSeccompStop = true;
        }
        resume(t);
    }

    private void onPtraceEvent(ThreadState t, int event) {
        switch (event) {
            case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK, Ptrace.EVENT_CLONE -> {
                int child = (int) eventMessage(t);
                if (child > 0) {
                    ChildKind kind = event == Ptrace.EVENT_FORK ? ChildKind.FORK
                            : event == Ptrace.EVENT_VFORK ? ChildKind.VFORK : ChildKind.CLONE;
                    boolean adopted = adoptedBeforeForkEvent.remove(child);
                    if (table.thread(child) == null && !adopted) {
                        int childPid = kind == ChildKind.CLONE && isThreadClone(t, child) ? t.process.pid : child;
                        table.add(child, childPid, t.process.launched, t.process.filtered);
                    }
                    emit(new TraceEvent.NewChild(t.tid, t.process.pid, kind, child), t, true);
                }
            }
            case Ptrace.EVENT_EXEC -> {
                int former = (int) eventMessage(t);
                // After an exec from another thread the stop comes under the leader's tid, but the
                // name was read at the caller's execve entry.
                ThreadState caller = former > 0 ? table.thread(former) : null;
                byte[] filename = caller != null && caller.execFilename != null ? caller.execFilename : t.execFilename;
                if (former > 0 && former != t.tid) {
                    t = table.takeOverLeader(former, t.tid);
                }
                if (t.phase == ThreadState.Phase.LAUNCHING) {
                    t.phase = ThreadState.Phase.TRACED;
                }
                t.execFilename = null;
                emit(new TraceEvent.Exec(t.tid, t.process.pid, former > 0 ? former : t.tid,
                        filename == null ? "" : new String(filename, StandardCharsets.UTF_8), commandLine(t.tid)), t, true);
            }
            case Ptrace.EVENT_EXIT -> emit(new TraceEvent.Exiting(t.tid, t.process.pid, (int) eventMessage(t)), t, true);
            case Ptrace.EVENT_STOP -> {
                // Also the end of a group-stop and jtrace's own interrupts: reported only when asked for.
                if (t.interruptRequested) {
                    t.interruptRequested = false;
                    emit(new TraceEvent.Interrupted(t.tid, t.process.pid), t, true);
                }
            }
            default -> { } // vfork-done, seccomp
        }
        resume(t);
    }

    /** A NUL-terminated string of at most PATH_MAX bytes in the tracee's memory; empty when unreadable. */
    private byte[] readString(int tid, long address) {
        byte[] buf = new byte[PATH_MAX];
        int done = 0;
        while (done < buf.length) {
            long at = address + done;
            int chunk = (int) Math.min(buf.length - done, 4096 - (at & 4095));
            long n = kernel.readMemory(tid, at, buf, done, chunk);
            if (n <= 0) {
                break;
            }
            for (int i = done; i < done + n; i++) {
                if (buf[i] == 0) {
                    return java.util.Arrays.copyOf(buf, i);
                }
            }
            done += (int) n;
        }
        return java.util.Arrays.copyOf(buf, done);
    }

    /** The arguments of the program thread {@code tid} runs, from /proc; empty when unreadable. */
    private static List<String> commandLine(int tid) {
        try {
            List<String> argv = new ArrayList<>();
            for (byte[] a : LaunchSpec.splitNul(Files.readAllBytes(Path.of("/proc", Integer.toString(tid), "cmdline")))) {
                argv.add(new String(a, StandardCharsets.UTF_8));
            }
            return argv;
        } catch (IOException e) {
            return List.of();
        }
    }

    private long eventMessage(ThreadState t) {
        try {
            return kernel.getEventMessage(t.tid);
        } catch (ErrnoException e) {
            return -1;
        }
    }

    /** Whether the clone that made {@code child} made a thread, from the parent's own arguments. */
    private boolean isThreadClone(ThreadState parent, int child) {
        long[] args = parent.syscallArgs;
        if (parent.inSyscall && args != null && parent.syscallNr == NR_CLONE) {
            return (args[0] & CLONE_THREAD) != 0;
        }
        if (parent.inSyscall && args != null && parent.syscallNr == NR_CLONE3) {
            byte[] flags = new byte[8];
            if (kernel.readMemory(parent.tid, args[0], flags, 0, 8) == 8) {
                return (flags[2] & 0x01) != 0; // CLONE_THREAD is bit 16: byte 2, bit 0, little-endian
            }
        }
        ProcStatus s = ProcStatus.read(child);
        return s != null && s.tgid() == parent.process.pid;
    }

    /**
     * A stop from a thread the table does not know: a new child whose first stop came before its
     * parent's fork or clone event. Its thread group and parent are read from /proc.
     */
    private ThreadState adopt(int tid) {
        ProcStatus s = ProcStatus.read(tid);
        if (s == null) {
            return null;
        }
        ProcessState group = table.process(s.tgid());
        ProcessState parent = table.process(s.ppid());
        boolean launched = group != null ? group.launched : parent != null && parent.launched;
        // Unknown, the child is taken as unfiltered: stopping at every call is always right.
        boolean filtered = group != null ? group.filtered : parent != null && parent.filtered;
        adoptedBeforeForkEvent.add(tid);
        return table.add(tid, s.tgid(), launched, filtered);
    }

    /** The lines of /proc/TID/status the engine needs. */
    record ProcStatus(int tgid, int ppid) {
        static ProcStatus read(int tid) {
            int tgid = -1;
            int ppid = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(tid), "status"))) {
                    if (line.startsWith("Tgid:")) {
                        tgid = Integer.parseInt(line.substring(5).trim());
                    } else if (line.startsWith("PPid:")) {
                        ppid = Integer.parseInt(line.substring(5).trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return null;
            }
            return tgid > 0 ? new ProcStatus(tgid, ppid) : null;
        }
    }

    private void resume(ThreadState t) {
        if (t.detachRequested) {
            detach(t, t.resumeSignal);
            return;
        }
        // A filtered thread outside a call runs on to its next filtered call (or signal, or event)
        // without stopping at the others: that is the filter's whole point.
        int request = t.process.filtered && !t.inSyscall ? Ptrace.CONT : Ptrace.SYSCALL;
        // ESRCH here means the thread was killed while stopped; its end comes through wait4.
        kernel.ptrace(request, t.tid, 0, t.resumeSignal);
    }

    private static final int SIGKILL = 9;

    private void detach(ThreadState t, int signal) {
        if (t.process.filtered) {
            // Untraced, its filtered calls would fail with ENOSYS: it goes as with PTRACE_O_EXITKILL.
            // It stays traced until it is gone, as its exit-event stop must still be resumed.
            t.phase = ThreadState.Phase.DETACHING;
            kernel.kill(t.process.pid, SIGKILL);
            kernel.ptrace(Ptrace.CONT, t.tid, 0, 0);
            return;
        }
        kernel.ptrace(Ptrace.DETACH, t.tid, 0, signal);
        table.remove(t);
        emit(new TraceEvent.Detached(t.tid, t.process.pid), t, false);
    }

    private void emit(TraceEvent event, ThreadState t, boolean stopped) {
        handle.bind(t, stopped);
        try {
            listener.onEvent(event, handle);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // A listener's bug must neither leave a tracee stopped nor let the trace go on unseen:
            // every tracee is let go, and awaitIdle reports the exception once they are.
            if (failure == null) {
                failure = e;
                detachAll();
            }
        } finally {
            handle.unbind();
        }
    }
}
