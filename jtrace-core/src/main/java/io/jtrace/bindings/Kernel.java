package io.jtrace.bindings;

import io.jtrace.abi.Registers;
import io.jtrace.abi.SigInfo;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The system calls jtrace makes, for one thread. An instance owns a confined arena of scratch memory
 * that every call reuses, so calls allocate nothing; it must be used only by the thread that opened
 * it. Raw methods return the result or -errno, as the kernel does; callers decide which errors are
 * events (ESRCH: the tracee died) and which are failures.
 */
public final class Kernel implements AutoCloseable {
    private static final long NR_READ = 0, NR_WRITE = 1, NR_CLOSE = 3, NR_GETPID = 39, NR_WAIT4 = 61,
            NR_KILL = 62, NR_PTRACE = 101, NR_GETTID = 186, NR_TGKILL = 234, NR_DUP3 = 292, NR_PIPE2 = 293,
            NR_PROCESS_VM_READV = 310, NR_PROCESS_VM_WRITEV = 311;
    /** Remote reads and writes go through a bounce buffer of this size. */
    public static final int IO_CHUNK = 64 * 1024;
    private static final long PAGE = 4096;
    /** {@code struct iovec}: base address, then length. Package-private for the layout test. */
    static final int IOVEC_SIZE = 16;
    /** {@code struct rusage}: two timevals (ru_utime, ru_stime), then fourteen longs. */
    static final int RUSAGE_SIZE = 144;
    static final int RU_STIME = 16;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment capture = LibC.allocateCapture(arena);
    private final MemorySegment status = arena.allocate(JAVA_INT);
    /** {@code struct rusage}, filled by every wait4: strace -c's system time comes from it. */
    private final MemorySegment rusage = arena.allocate(RUSAGE_SIZE, 8);
    private final MemorySegment syscallInfo = arena.allocate(SyscallInfo.SIZE, 8);
    private final MemorySegment regs = arena.allocate(Registers.SIZE, 8);
    private final MemorySegment siginfo = arena.allocate(SigInfo.SIZE, 8);
    private final MemorySegment word = arena.allocate(JAVA_LONG);
    private final MemorySegment localIov = arena.allocate(IOVEC_SIZE, 8);
    /** One remote iovec per page touched, so that a read stops exactly at the first unmapped page. */
    private final MemorySegment remoteIovs = arena.allocate(IOVEC_SIZE * (IO_CHUNK / PAGE + 1), 8);
    private final MemorySegment io = arena.allocate(IO_CHUNK, 16);

    private Kernel() {}

    /** Opens a context bound to the calling thread. */
    public static Kernel open() {
        return new Kernel();
    }

    private long sys(long nr, long a, long b, long c, long d) {
        return LibC.syscall(capture, nr, a, b, c, d, 0, 0);
    }

    // ---- ptrace

    public long ptrace(int request, int tid, long addr, long data) {
        return sys(NR_PTRACE, request, tid, addr, data);
    }

    /** PTRACE_GET_SYSCALL_INFO into {@code out}: the kernel's byte count, or -errno. */
    public long getSyscallInfo(int tid, SyscallInfo out) {
        long r = sys(NR_PTRACE, Ptrace.GET_SYSCALL_INFO, tid, SyscallInfo.SIZE, syscallInfo.address());
        if (r < 0) {
            return r;
        }
        MemorySegment s = syscallInfo;
        out.op = s.get(JAVA_BYTE, SyscallInfo.OFF_OP) & 0xff;
        out.arch = s.get(JAVA_INT, SyscallInfo.OFF_ARCH);
        out.instructionPointer = s.get(JAVA_LONG, SyscallInfo.OFF_IP);
        out.stackPointer = s.get(JAVA_LONG, SyscallInfo.OFF_SP);
        switch (out.op) {
            case Ptrace.SYSCALL_INFO_ENTRY, Ptrace.SYSCALL_INFO_SECCOMP -> {
                out.nr = s.get(JAVA_LONG, SyscallInfo.OFF_NR);
                for (int i = 0; i < 6; i++) {
                    out.args[i] = s.get(JAVA_LONG, SyscallInfo.OFF_ARGS + 8L * i);
                }
                if (out.op == Ptrace.SYSCALL_INFO_SECCOMP) {
                    out.retData = s.get(JAVA_INT, SyscallInfo.OFF_RET_DATA);
                }
            }
            case Ptrace.SYSCALL_INFO_EXIT -> {
                out.rval = s.get(JAVA_LONG, SyscallInfo.OFF_RVAL);
                out.isError = s.get(JAVA_BYTE, SyscallInfo.OFF_IS_ERROR) != 0;
            }
            default -> { }
        }
        return r;
    }

    public long getRegisters(int tid, Registers out) {
        long r = sys(NR_PTRACE, Ptrace.GETREGS, tid, 0, regs.address());
        if (r >= 0) {
            out.setAll(regs.toArray(JAVA_LONG));
        }
        return r;
    }

    public long setRegisters(int tid, Registers in) {
        long[] words = in.toArray();
        MemorySegment.copy(words, 0, regs, JAVA_LONG, 0, words.length);
        return sys(NR_PTRACE, Ptrace.SETREGS, tid, 0, regs.address());
    }

    /** PTRACE_GETSIGINFO, or null when the stop carries none (group-stop) or the tracee is gone. */
    public SigInfo getSigInfo(int tid) {
        if (sys(NR_PTRACE, Ptrace.GETSIGINFO, tid, 0, siginfo.address()) < 0) {
            return null;
        }
        return SigInfo.of(siginfo.toArray(JAVA_BYTE));
    }

    /** PTRACE_GETEVENTMSG. */
    public long getEventMessage(int tid) {
        ErrnoException.check("ptrace(PTRACE_GETEVENTMSG)",
                sys(NR_PTRACE, Ptrace.GETEVENTMSG, tid, 0, word.address()));
        return word.get(JAVA_LONG, 0);
    }

    // ---- processes

    /**
     * wait4(2): the pid reported, 0 with WNOHANG, or -errno; the status is in {@link #lastStatus()},
     * the reported process's system time in {@link #lastSystemTimeNanos()}.
     */
    public int wait4(int pid, int options) {
        return (int) sys(NR_WAIT4, pid, status.address(), options, rusage.address());
    }

    public int lastStatus() {
        return status.get(JAVA_INT, 0);
    }

    /** ru_stime of the last wait4 that reported a process, in nanoseconds. */
    public long lastSystemTimeNanos() {
        return rusage.get(JAVA_LONG, RU_STIME) * 1_000_000_000L + rusage.get(JAVA_LONG, RU_STIME + 8) * 1000L;
    }

    public int kill(int pid, int signal) {
        return (int) sys(NR_KILL, pid, signal, 0, 0);
    }

    public int tgkill(int tgid, int tid, int signal) {
        return (int) sys(NR_TGKILL, tgid, tid, signal, 0);
    }

    public int getpid() {
        return (int) sys(NR_GETPID, 0, 0, 0, 0);
    }

    public int gettid() {
        return (int) sys(NR_GETTID, 0, 0, 0, 0);
    }

    // ---- descriptors

    /** pipe2(2): {read end, write end}. */
    public int[] pipe2(int flags) {
        ErrnoException.check("pipe2", sys(NR_PIPE2, word.address(), flags, 0, 0));
        return new int[] {word.get(JAVA_INT, 0), word.get(JAVA_INT, 4)};
    }

    public int close(int fd) {
        return (int) sys(NR_CLOSE, fd, 0, 0, 0);
    }

    /** dup3(2): {@code newFd} made a copy of {@code oldFd} (closed first if open); newFd or -errno. */
    public int dup3(int oldFd, int newFd, int flags) {
        return (int) sys(NR_DUP3, oldFd, newFd, flags, 0);
    }

    /** write(2) of {@code len} bytes (at most IO_CHUNK): the count written or -errno. */
    public long write(int fd, byte[] src, int off, int len) {
        int n = Math.min(len, IO_CHUNK);
        MemorySegment.copy(src, off, io, JAVA_BYTE, 0, n);
        return sys(NR_WRITE, fd, io.address(), n, 0);
    }

    /** read(2) of at most {@code len} bytes (at most IO_CHUNK): the count read or -errno. */
    public long read(int fd, byte[] dst, int off, int len) {
        long r = sys(NR_READ, fd, io.address(), Math.min(len, IO_CHUNK), 0);
        if (r > 0) {
            MemorySegment.copy(io, JAVA_BYTE, 0, dst, off, (int) r);
        }
        return r;
    }

    // ---- tracee memory

    /**
     * Reads tracee memory with process_vm_readv. Returns the bytes read, which are fewer than asked
     * when the range runs into an unmapped page (the read stops at that page), or -errno when not even
     * the first byte could be read.
     */
    public long readMemory(int pid, long address, byte[] dst, int off, int len) {
        return transfer(NR_PROCESS_VM_READV, pid, address, dst, off, len);
    }

    /** Writes tracee memory with process_vm_writev; the same contract as {@link #readMemory}. */
    public long writeMemory(int pid, long address, byte[] src, int off, int len) {
        return transfer(NR_PROCESS_VM_WRITEV, pid, address, src, off, len);
    }

    private long transfer(long nr, int pid, long address, byte[] buf, int off, int len) {
        long done = 0;
        while (done < len) {
            int n = (int) Math.min(len - done, IO_CHUNK);
            if (nr == NR_PROCESS_VM_WRITEV) {
                MemorySegment.copy(buf, off + (int) done, io, JAVA_BYTE, 0, n);
            }
            long remote = address + done;
            int iovs = 0;
            for (long p = remote; p < remote + n; iovs++) {
                long pageEnd = (p & -PAGE) + PAGE;
                long piece = Math.min(pageEnd, remote + n) - p;
                remoteIovs.set(JAVA_LONG, (long) IOVEC_SIZE * iovs, p);
                remoteIovs.set(JAVA_LONG, (long) IOVEC_SIZE * iovs + 8, piece);
                p += piece;
            }
            localIov.set(JAVA_LONG, 0, io.address());
            localIov.set(JAVA_LONG, 8, n);
            long r = LibC.syscall(capture, nr, pid, localIov.address(), 1, remoteIovs.address(), iovs, 0);
            if (r < 0) {
                return done > 0 ? done : r;
            }
            if (nr == NR_PROCESS_VM_READV && r > 0) {
                MemorySegment.copy(io, JAVA_BYTE, 0, buf, off + (int) done, (int) r);
            }
            done += r;
            if (r < n) {
                break;
            }
        }
        return done;
    }

    // ---- signals

    /** glibc's {@code struct sigaction}, handler first. Package-private, as the other sizes, for the layout test. */
    static final int SA_SIGACTION_SIZE = 152;

    /**
     * Installs a handler that does nothing for {@code signal}, without SA_RESTART, so that sending
     * the signal to a thread blocked in wait4 makes the call return EINTR. The handler is libc's
     * getpid: async-signal-safe, ignores its arguments, and needs no code of ours in the process.
     */
    public void installWakeupHandler(int signal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment act = a.allocate(SA_SIGACTION_SIZE, 8);
            act.set(JAVA_LONG, 0, LibC.address("getpid"));
            int r = LibC.Fn3.SIGACTION.call(signal, act.address(), 0);
            if (r != 0) {
                throw new ErrnoException("sigaction", Errnos.EINVAL);
            }
        }
    }

    /** Gives {@code signal} its default action (SIG_DFL), whatever it was, ignored included. */
    public void setDefaultAction(int signal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment act = a.allocate(SA_SIGACTION_SIZE, 8); // sa_handler = SIG_DFL (0)
            LibC.Fn3.SIGACTION.call(signal, act.address(), 0);
        }
    }

    /** Sets {@code signal} to SIG_IGN: it is discarded, pending instances included. */
    public void setIgnored(int signal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment act = a.allocate(SA_SIGACTION_SIZE, 8);
            act.set(JAVA_LONG, 0, 1L); // SIG_IGN
            LibC.Fn3.SIGACTION.call(signal, act.address(), 0);
        }
    }

    private static final long NR_SIGNALFD4 = 289;
    private static final int SFD_CLOEXEC = 0x80000;
    /** {@code struct signalfd_siginfo}: 128 bytes, ssi_signo first. */
    static final int SIGNALFD_SIGINFO_SIZE = 128;

    /**
     * A signalfd(2) for the signals of {@code mask} (bit n-1: signal n), which must be blocked in
     * every thread for it to see them: a descriptor, or -errno.
     */
    public int signalfd(long mask) {
        word.set(JAVA_LONG, 0, mask);
        return (int) sys(NR_SIGNALFD4, -1, word.address(), 8, SFD_CLOEXEC);
    }

    /** Blocks until signalfd {@code fd} has a signal, and returns its number, or -errno. */
    public int readSignal(int fd) {
        long r = sys(NR_READ, fd, io.address(), SIGNALFD_SIGINFO_SIZE, 0);
        return r < 0 ? (int) r : io.get(JAVA_INT, 0);
    }

    private static final long NR_RT_SIGPROCMASK = 14, NR_SETRLIMIT = 160;
    private static final int SIG_UNBLOCK = 1, RLIMIT_CORE = 4;

    /**
     * Ends this process by {@code signal}, as a tracer that mirrors its tracee's death does: default
     * action restored, signal unblocked, no core file. Returns only if the signal did not kill.
     */
    public void dieBySignal(int signal) {
        try (Arena a = Arena.ofConfined()) {
            setDefaultAction(signal);
            MemorySegment set = a.allocate(JAVA_LONG);
            set.set(JAVA_LONG, 0, 1L << (signal - 1));
            sys(NR_RT_SIGPROCMASK, SIG_UNBLOCK, set.address(), 0, 8);
            MemorySegment zero = a.allocate(16, 8);
            sys(NR_SETRLIMIT, RLIMIT_CORE, zero.address(), 0, 0);
            tgkill(getpid(), gettid(), signal);
        }
    }

    // ---- spawning

    /**
     * What posix_spawn should do. Strings are bytes, not Java strings: arguments and environment
     * reach the child exactly as given, whatever their encoding. {@code dup2s} are {from, to} pairs,
     * done first; then {@code closes} are closed; {@code closeFrom} closes every descriptor from that number up (-1: none); the signal sets are
     * bit masks of signals 1..64.
     */
    public record SpawnRequest(byte[] path, List<byte[]> argv, List<byte[]> env, byte[] cwd,
                               List<int[]> dup2s, List<Integer> closes, int closeFrom, long sigDefault,
                               long sigMask) {}

    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final int FILE_ACTIONS_SIZE = 80;
    static final int SPAWNATTR_SIZE = 336;
    static final int SIGSET_SIZE = 128;

    /** posix_spawn(3) of {@code req}: the child's pid. */
    public int spawn(SpawnRequest req) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fa = a.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = a.allocate(SPAWNATTR_SIZE, 16);
            spawnCheck("posix_spawn_file_actions_init",
                    LibC.Fn3.POSIX_SPAWN_FILE_ACTIONS_INIT.call(fa.address(), 0, 0));
            spawnCheck("posix_spawnattr_init", LibC.Fn3.POSIX_SPAWNATTR_INIT.call(attr.address(), 0, 0));
            try {
                for (int[] d : req.dup2s()) {
                    spawnCheck("posix_spawn_file_actions_adddup2",
                            LibC.Fn3.POSIX_SPAWN_FILE_ACTIONS_ADDDUP2.call(fa.address(), d[0], d[1]));
                }
                for (int fd : req.closes()) {
                    spawnCheck("posix_spawn_file_actions_addclose",
                            LibC.Fn3.POSIX_SPAWN_FILE_ACTIONS_ADDCLOSE.call(fa.address(), fd, 0));
                }
                if (req.closeFrom() >= 0) {
                    spawnCheck("posix_spawn_file_actions_addclosefrom_np",
                            LibC.Fn3.POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM.call(fa.address(), req.closeFrom(), 0));
                }
                if (req.cwd() != null) {
                    spawnCheck("posix_spawn_file_actions_addchdir_np",
                            LibC.Fn3.POSIX_SPAWN_FILE_ACTIONS_ADDCHDIR.call(fa.address(), cString(a, req.cwd()).address(), 0));
                }
                MemorySegment sigdef = a.allocate(SIGSET_SIZE, 8);
                sigdef.set(JAVA_LONG, 0, req.sigDefault());
                MemorySegment sigmask = a.allocate(SIGSET_SIZE, 8);
                sigmask.set(JAVA_LONG, 0, req.sigMask());
                spawnCheck("posix_spawnattr_setsigdefault",
                        LibC.Fn3.POSIX_SPAWNATTR_SETSIGDEFAULT.call(attr.address(), sigdef.address(), 0));
                spawnCheck("posix_spawnattr_setsigmask",
                        LibC.Fn3.POSIX_SPAWNATTR_SETSIGMASK.call(attr.address(), sigmask.address(), 0));
                spawnCheck("posix_spawnattr_setflags", LibC.Fn3.POSIX_SPAWNATTR_SETFLAGS.call(
                        attr.address(), POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK, 0));
                MemorySegment pid = a.allocate(JAVA_INT);
                int r = LibC.posixSpawn(pid.address(), cString(a, req.path()).address(), fa.address(),
                        attr.address(), stringArray(a, req.argv()).address(), stringArray(a, req.env()).address());
                spawnCheck("posix_spawn", r);
                return pid.get(JAVA_INT, 0);
            } finally {
                LibC.Fn3.POSIX_SPAWN_FILE_ACTIONS_DESTROY.call(fa.address(), 0, 0);
                LibC.Fn3.POSIX_SPAWNATTR_DESTROY.call(attr.address(), 0, 0);
            }
        }
    }

    private static void spawnCheck(String call, int errno) {
        if (errno != 0) {
            throw new ErrnoException(call, errno);
        }
    }

    private static MemorySegment cString(Arena a, byte[] s) {
        MemorySegment m = a.allocate(s.length + 1L);
        MemorySegment.copy(s, 0, m, JAVA_BYTE, 0, s.length);
        m.set(JAVA_BYTE, s.length, (byte) 0);
        return m;
    }

    private static MemorySegment stringArray(Arena a, List<byte[]> strings) {
        MemorySegment array = a.allocate(ValueLayout.ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, cString(a, strings.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    @Override
    public void close() {
        arena.close();
    }
}
