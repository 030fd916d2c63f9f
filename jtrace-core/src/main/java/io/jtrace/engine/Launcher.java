package io.jtrace.engine;

import io.jtrace.bindings.ErrnoException;
import io.jtrace.bindings.Errnos;
import io.jtrace.bindings.Kernel;
import io.jtrace.bindings.Ptrace;
import io.jtrace.abi.Registers;
import io.jtrace.bindings.SyscallInfo;
import io.jtrace.syscalls.SeccompFilter;
import io.jtrace.syscalls.SyscallTable;
import io.jtrace.bindings.Wait;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a tracee without running Java code between fork and exec, and without a ptrace stop the
 * user did not ask for.
 *
 * <p>posix_spawn starts a trampoline, {@code /bin/sh -c 'read _'}, whose standard input is a pipe
 * that only this process can write, so it blocks in read(0) without touching any other descriptor
 * or any signal: nothing the trampoline does can leak into the target. The descriptors the target
 * inherits are parked above every other one. The tracer seizes the trampoline, interrupts it and
 * takes over its next system call: rewriting the registers at that syscall-entry stop, it makes
 * the trampoline mmap a scratch page, copies the target's path, argv, envp and signal state
 * there, sets the signal dispositions and mask, moves the parked descriptors to their numbers,
 * closes every other descriptor (listed from /proc of the stopped trampoline, so that a descriptor
 * another JVM thread opened meanwhile cannot slip through), and finally calls execve. The trace
 * starts at that execve entry, as strace's does. If jtrace dies before seizing, the pipe's write
 * end closes and the trampoline exits on end of file.
 */
final class Launcher {
    static final long NR_MMAP = SyscallTable.x86_64().number("mmap"), NR_CLOSE = SyscallTable.x86_64().number("close"), NR_EXECVE = SyscallTable.x86_64().number("execve"),
            NR_EXIT_GROUP = SyscallTable.x86_64().number("exit_group");
    private static final long NR_RT_SIGACTION = SyscallTable.x86_64().number("rt_sigaction"), NR_RT_SIGPROCMASK = SyscallTable.x86_64().number("rt_sigprocmask"),
            NR_DUP2 = SyscallTable.x86_64().number("dup2"), NR_SECCOMP = SyscallTable.x86_64().number("seccomp"),
            NR_PRCTL = SyscallTable.x86_64().number("prctl"), NR_EXECVEAT = SyscallTable.x86_64().number("execveat"),
            NR_SETGROUPS = SyscallTable.x86_64().number("setgroups"), NR_SETREGID = SyscallTable.x86_64().number("setregid"),
            NR_SETREUID = SyscallTable.x86_64().number("setreuid");
    private static final int SECCOMP_SET_MODE_FILTER = 1, PR_SET_NO_NEW_PRIVS = 38;
    private static final int SIGKILL = 9, SIGSTOP = 19, SIG_SETMASK = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SYSCALL_STOP = 0x80 | 5;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x22;
    private static final byte[] TRAMPOLINE = "/bin/sh".getBytes(StandardCharsets.US_ASCII);
    private static final List<byte[]> TRAMPOLINE_ARGV = List.of(TRAMPOLINE,
            "-c".getBytes(StandardCharsets.US_ASCII), "read _".getBytes(StandardCharsets.US_ASCII));

    private final Kernel kernel;
    private final SyscallInfo info = new SyscallInfo();

    Launcher(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * The target's pid, stopped at the entry of its execve; {@code info} describes that stop.
     * {@code filtered}: it carries the seccomp filter of {@link LaunchSpec#stopAt()}, and stops with
     * PTRACE_EVENT_SECCOMP at the calls it traces.
     */
    record Started(int pid, SyscallInfo info, boolean filtered) {}

    Started launch(LaunchSpec spec, int ptraceOptions) throws TraceException {
        // A descriptor to inherit that this process does not have open is simply absent in the target.
        int[] fds = Arrays.stream(spec.inheritedFds())
                .filter(fd -> fd >= 0 && Files.exists(Path.of("/proc/self/fd/" + fd), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .distinct().toArray();
        int[] gate = kernel.pipe2(O_CLOEXEC);
        int pid;
        // Each inherited descriptor is parked at park + i while the trampoline runs, above every
        // inherited number and the pipe itself, so that no dup2 of the spawn overwrites another's
        // source (and dup2 onto the same number, which would keep close-on-exec, cannot happen).
        int park = Math.max(Math.max(2, Arrays.stream(fds).max().orElse(2)), Math.max(gate[0], gate[1])) + 1;
        try {
            List<int[]> dup2s = new ArrayList<>();
            for (int i = 0; i < fds.length; i++) {
                dup2s.add(new int[] {fds[i], park + i});
            }
            dup2s.add(new int[] {gate[0], 0});
            pid = kernel.spawn(new Kernel.SpawnRequest(TRAMPOLINE, TRAMPOLINE_ARGV, List.of(), spec.cwd(), dup2s,
                    List.of(), park + fds.length, ~spec.ignoredSignals(), spec.blockedSignals()));
        } catch (ErrnoException e) {
            kernel.close(gate[0]);
            kernel.close(gate[1]);
            throw new TraceException(e.getMessage(), e.errno());
        }
        kernel.close(gate[0]);
        try {
            return takeOver(pid, spec, ptraceOptions, fds, park);
        } catch (TraceException | RuntimeException e) {
            kernel.kill(pid, 9);
            kernel.wait4(pid, Wait.WALL);
            throw e;
        } finally {
            kernel.close(gate[1]);
        }
    }

    /**
     * Runs the program in {@code pid}, an existing process that waits to be replaced (strace -D's
     * tracee, the process jtrace's caller started): seized, taken over at its next system call
     * like the trampoline, its descriptors left where they are, the ones not inherited closed. On
     * failure it is let go, untouched but for what was done before the failure.
     */
    Started adopt(int pid, LaunchSpec spec, int ptraceOptions) throws TraceException {
        int[] fds = Arrays.stream(spec.inheritedFds())
                .filter(fd -> fd >= 0 && Files.exists(Path.of("/proc/" + pid + "/fd/" + fd), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .distinct().toArray();
        try {
            return takeOver(pid, spec, ptraceOptions, fds, -1);
        } catch (TraceException | RuntimeException e) {
            kernel.ptrace(Ptrace.DETACH, pid, 0, 0);
            throw e;
        }
    }

    /**
     * Seizes {@code pid} and makes it execve the program, from its next system call. Descriptor
     * {@code fds[i]} is at {@code park + i} until then, or already in place when {@code park} is -1.
     */
    private Started takeOver(int pid, LaunchSpec spec, int ptraceOptions, int[] fds, int park) throws TraceException {
        {
            long r = kernel.ptrace(Ptrace.SEIZE, pid, 0, ptraceOptions);
            if (r < 0) {
                throw new TraceException("ptrace(PTRACE_SEIZE, " + pid + "): " + ErrnoExceptions.reason((int) -r), (int) -r);
            }
            kernel.ptrace(Ptrace.INTERRUPT, pid, 0, 0);
            Registers regs = new Registers();
            awaitSyscallStop(pid, Ptrace.SYSCALL_INFO_ENTRY);
            check(kernel.getRegisters(pid, regs), "PTRACE_GETREGS");

            Blob blob = Blob.of(spec);
            long base = inject(pid, regs, true, NR_MMAP, 0, blob.mappedSize(), PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS, -1, 0);
            if (base < 0 && base >= -4095) {
                throw new TraceException("mmap in the new process: " + ErrnoExceptions.reason((int) -base), (int) -base);
            }
            requireSyscallInstruction(pid, regs.rip());
            byte[] bytes = blob.relocate(base);
            if (kernel.writeMemory(pid, base, bytes, 0, bytes.length) != bytes.length) {
                throw new TraceException("cannot write the new process's arguments", Errnos.EFAULT);
            }
            // posix_spawn can only reset dispositions to the default, so a signal the JVM handles
            // (SIGINT, SIGTERM) would reach the target as default even when it is to stay ignored.
            // The trampoline may also have ignored one itself before it was stopped. Both are
            // settled against the trampoline's actual state; execve keeps SIG_IGN and resets the rest.
            long ignoredNow = statusMask(pid, "SigIgn:");
            for (int sig = 1; sig <= 64; sig++) {
                long bit = 1L << (sig - 1);
                if (sig == SIGKILL || sig == SIGSTOP || ((spec.ignoredSignals() ^ ignoredNow) & bit) == 0) {
                    continue;
                }
                long action = (spec.ignoredSignals() & bit) != 0 ? blob.ignoreActionOffset() : blob.defaultActionOffset();
                inject(pid, regs, false, NR_RT_SIGACTION, sig, base + action, 0, 8, 0, 0);
            }
            inject(pid, regs, false, NR_RT_SIGPROCMASK, SIG_SETMASK, base + blob.maskOffset(), 0, 8, 0, 0);
            for (int i = 0; park >= 0 && i < fds.length; i++) {
                long d = inject(pid, regs, false, NR_DUP2, park + i, fds[i], 0, 0, 0, 0);
                if (d < 0) {
                    throw new TraceException("dup2 in the new process: " + ErrnoExceptions.reason((int) -d), (int) -d);
                }
            }
            for (int fd : openDescriptors(pid)) {
                if (Arrays.stream(fds).noneMatch(i -> i == fd)) {
                    inject(pid, regs, false, NR_CLOSE, fd, 0, 0, 0, 0, 0);
                }
            }
            boolean filtered = blob.filter() != null && installFilter(pid, regs, base + blob.filterProgramOffset());
            if (filtered) {
                check(kernel.ptrace(Ptrace.SETOPTIONS, pid, 0, ptraceOptions | Ptrace.O_TRACESECCOMP),
                        "PTRACE_SETOPTIONS");
            }
            if (spec.user() != null) {
                // After the filter, which as root needs no PR_SET_NO_NEW_PRIVS; groups first, while
                // the process may still set them.
                switchUser(pid, regs, spec, base + blob.groupsOffset());
            }
            rewind(pid, regs, NR_EXECVE, base, base + blob.argvOffset(), base + blob.envOffset(), 0, 0, 0);
            awaitSyscallStop(pid, Ptrace.SYSCALL_INFO_ENTRY);
            SyscallInfo at = new SyscallInfo();
            check(kernel.getSyscallInfo(pid, at), "PTRACE_GET_SYSCALL_INFO");
            return new Started(pid, at, filtered);
        }
    }

    /**
     * strace -u: initgroups, setregid and setreuid in the trampoline, with the effective ids a
     * set-user-ID or set-group-ID executable would give.
     */
    private void switchUser(int pid, Registers regs, LaunchSpec spec, long groups) throws TraceException {
        User u = spec.user();
        int mode = 0, owner = u.uid(), group = u.gid();
        try {
            Path file = Path.of(new String(spec.executable(), StandardCharsets.UTF_8));
            mode = (Integer) Files.getAttribute(file, "unix:mode");
            owner = (Integer) Files.getAttribute(file, "unix:uid");
            group = (Integer) Files.getAttribute(file, "unix:gid");
        } catch (IOException | RuntimeException e) {
            // Unreadable: the program's execve will say why.
        }
        int euid = (mode & 04000) != 0 ? owner : u.uid();
        int egid = (mode & 02000) != 0 ? group : u.gid();
        long r = inject(pid, regs, false, NR_SETGROUPS, u.groups().length, groups, 0, 0, 0, 0);
        if (r < 0) {
            throw new TraceException("initgroups: " + ErrnoExceptions.reason((int) -r), (int) -r);
        }
        r = inject(pid, regs, false, NR_SETREGID, u.gid(), egid, 0, 0, 0, 0);
        if (r < 0) {
            throw new TraceException("setregid: " + ErrnoExceptions.reason((int) -r), (int) -r);
        }
        r = inject(pid, regs, false, NR_SETREUID, u.uid(), euid, 0, 0, 0, 0);
        if (r < 0) {
            throw new TraceException("setreuid: " + ErrnoExceptions.reason((int) -r), (int) -r);
        }
    }

    /**
     * Installs the seccomp filter whose {@code struct sock_fprog} is at {@code fprog} in the
     * trampoline. Without CAP_SYS_ADMIN the kernel wants PR_SET_NO_NEW_PRIVS first (EACCES): it is
     * set then, and only then. False when the kernel refuses the filter for another reason (built
     * without seccomp): the trace then stops at every call, as without a filter.
     */
    private boolean installFilter(int pid, Registers regs, long fprog) throws TraceException {
        long r = inject(pid, regs, false, NR_SECCOMP, SECCOMP_SET_MODE_FILTER, 0, fprog, 0, 0, 0);
        if (r == -Errnos.EACCES) {
            long p = inject(pid, regs, false, NR_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0);
            if (p < 0) {
                return false;
            }
            r = inject(pid, regs, false, NR_SECCOMP, SECCOMP_SET_MODE_FILTER, 0, fprog, 0, 0, 0);
        }
        return r == 0;
    }

    /**
     * Makes a thread stopped at the exit of a failed execve call exit_group(code) instead of returning
     * into the trampoline. The thread is resumed; its next stop is that exit_group's entry.
     */
    void exitInstead(int tid, int code) {
        Registers regs = new Registers();
        if (kernel.getRegisters(tid, regs) >= 0) {
            regs.set(Registers.RIP, regs.rip() - 2);
            regs.set(Registers.RAX, NR_EXIT_GROUP);
            regs.set(Registers.RDI, code);
            kernel.setRegisters(tid, regs);
        }
        kernel.ptrace(Ptrace.SYSCALL, tid, 0, 0);
    }

    /**
     * Runs one system call in the stopped trampoline and returns its result. From an entry stop the
     * pending call is replaced; from an exit stop the instruction pointer is moved back onto the
     * {@code syscall} instruction so that it runs again with the new number.
     */
    private long inject(int pid, Registers regs, boolean atEntry, long nr, long a, long b, long c, long d,
                        long e, long f) throws TraceException {
        if (atEntry) {
            setArgs(regs, a, b, c, d, e, f);
            regs.set(Registers.ORIG_RAX, nr);
            check(kernel.setRegisters(pid, regs), "PTRACE_SETREGS");
            resume(pid);
        } else {
            rewind(pid, regs, nr, a, b, c, d, e, f);
            awaitSyscallStop(pid, Ptrace.SYSCALL_INFO_ENTRY);
            resume(pid);
        }
        awaitSyscallStop(pid, Ptrace.SYSCALL_INFO_EXIT);
        check(kernel.getRegisters(pid, regs), "PTRACE_GETREGS");
        return regs.rax();
    }

    private void rewind(int pid, Registers regs, long nr, long a, long b, long c, long d, long e, long f)
            throws TraceException {
        setArgs(regs, a, b, c, d, e, f);
        regs.set(Registers.RIP, regs.rip() - 2);
        regs.set(Registers.RAX, nr);
        check(kernel.setRegisters(pid, regs), "PTRACE_SETREGS");
        resume(pid);
    }

    private static void setArgs(Registers regs, long a, long b, long c, long d, long e, long f) {
        regs.set(Registers.RDI, a);
        regs.set(Registers.RSI, b);
        regs.set(Registers.RDX, c);
        regs.set(Registers.R10, d);
        regs.set(Registers.R8, e);
        regs.set(Registers.R9, f);
    }

    private void resume(int pid) throws TraceException {
        check(kernel.ptrace(Ptrace.SYSCALL, pid, 0, 0), "PTRACE_SYSCALL");
    }

    /** Rewinding re-executes the two bytes before the stop: they must be {@code syscall} (0f 05). */
    private void requireSyscallInstruction(int pid, long rip) throws TraceException {
        byte[] insn = new byte[2];
        if (kernel.readMemory(pid, rip - 2, insn, 0, 2) != 2 || insn[0] != 0x0f || insn[1] != 0x05) {
            throw new TraceException("the trampoline did not stop at a syscall instruction", Errnos.EINVAL);
        }
    }

    /** Resumes past every other stop (the interrupt, signals, which are discarded) up to the wanted one. */
    private void awaitSyscallStop(int pid, int op) throws TraceException {
        while (true) {
            int r = kernel.wait4(pid, Wait.WALL);
            if (r == -Errnos.EINTR) {
                continue;
            }
            if (r < 0) {
                throw new TraceException("wait4: " + ErrnoExceptions.reason(-r), -r);
            }
            int status = kernel.lastStatus();
            if (!Wait.stopped(status)) {
                throw new TraceException("the new process ended before it could run the program", Errnos.ESRCH);
            }
            if (Wait.stopSignal(status) == SYSCALL_STOP) {
                check(kernel.getSyscallInfo(pid, info), "PTRACE_GET_SYSCALL_INFO");
                if (info.op == op) {
                    return;
                }
            }
            resume(pid);
        }
    }

    private static void check(long r, String what) throws TraceException {
        if (r < 0) {
            throw new TraceException("ptrace(" + what + ") on the new process: " + ErrnoExceptions.reason((int) -r), (int) -r);
        }
    }

    /** The descriptors open in stopped process {@code pid}, from /proc: it cannot change them while stopped. */
    private static List<Integer> openDescriptors(int pid) throws TraceException {
        List<Integer> open = new ArrayList<>();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path p : fds) {
                open.add(Integer.parseInt(p.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            throw new TraceException("cannot list the descriptors of the new process: " + e.getMessage(), Errnos.EINVAL);
        }
        return open;
    }

    /** A signal set of stopped process {@code pid} from /proc/PID/status ({@code SigIgn:}, ...). */
    private static long statusMask(int pid, String key) throws TraceException {
        return LaunchSpec.ProcessSignals.statusSet(Path.of("/proc/" + pid + "/status"), key).orElseThrow(
                () -> new TraceException("cannot read the signal state of the new process", Errnos.EINVAL));
    }

    /**
     * The execve arguments laid out for the tracee: strings first, then the two pointer arrays, then
     * two kernel {@code struct sigaction}s (handler, flags, restorer, mask: 32 bytes each) whose
     * handlers are SIG_IGN and SIG_DFL, then the signal mask (8 bytes).
     */
    record Blob(byte[] strings, int[] argvOffsets, int[] envOffsets, int argvOffset, int envOffset,
                int ignoreActionOffset, long mask, byte[] filter, int[] groups, int size) {
        private static final long SIG_IGN = 1;
        private static final int KERNEL_SIGACTION_SIZE = 32;
        private static final int SOCK_FPROG_SIZE = 16;

        static Blob of(LaunchSpec spec) {
            ByteBuffer b = ByteBuffer.allocate(total(spec));
            b.put(spec.executable()).put((byte) 0);
            int[] argv = new int[spec.argv().size()];
            for (int i = 0; i < argv.length; i++) {
                argv[i] = b.position();
                b.put(spec.argv().get(i)).put((byte) 0);
            }
            int[] env = new int[spec.env().size()];
            for (int i = 0; i < env.length; i++) {
                env[i] = b.position();
                b.put(spec.env().get(i)).put((byte) 0);
            }
            int argvOffset = (b.position() + 7) & ~7;
            int envOffset = argvOffset + 8 * (argv.length + 1);
            int ignoreActionOffset = envOffset + 8 * (env.length + 1);
            byte[] filter = spec.stopAt() == null ? null
                    : SeccompFilter.stoppingAt(spec.stopAt().with(NR_EXECVE, NR_EXECVEAT)).bytes();
            int[] groups = spec.user() == null ? new int[0] : spec.user().groups();
            int size = ignoreActionOffset + 2 * KERNEL_SIGACTION_SIZE + 8
                    + (filter == null ? 0 : SOCK_FPROG_SIZE + filter.length) + 4 * groups.length;
            return new Blob(Arrays.copyOf(b.array(), b.position()), argv, env, argvOffset, envOffset,
                    ignoreActionOffset, spec.blockedSignals(), filter, groups, size);
        }

        private static int total(LaunchSpec spec) {
            int n = spec.executable().length + 1;
            for (byte[] a : spec.argv()) {
                n += a.length + 1;
            }
            for (byte[] e : spec.env()) {
                n += e.length + 1;
            }
            return n;
        }

        int defaultActionOffset() {
            return ignoreActionOffset + KERNEL_SIGACTION_SIZE;
        }

        int maskOffset() {
            return ignoreActionOffset + 2 * KERNEL_SIGACTION_SIZE;
        }

        /** The {@code struct sock_fprog} (length, padding, pointer), followed by the program. */
        int filterProgramOffset() {
            return maskOffset() + 8;
        }

        /** The supplementary groups for setgroups, after the filter: 4-byte gid_t each. */
        int groupsOffset() {
            return filterProgramOffset() + (filter == null ? 0 : SOCK_FPROG_SIZE + filter.length);
        }

        long mappedSize() {
            return (size + 4095L) & ~4095L;
        }

        byte[] relocate(long base) {
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            b.put(strings);
            b.position(argvOffset);
            for (int off : argvOffsets) {
                b.putLong(base + off);
            }
            b.putLong(0);
            for (int off : envOffsets) {
                b.putLong(base + off);
            }
            b.putLong(0);
            b.putLong(SIG_IGN);
            b.position(maskOffset());
            b.putLong(mask);
            if (filter != null) {
                b.putShort((short) (filter.length / 8)).putShort((short) 0).putInt(0);
                b.putLong(base + filterProgramOffset() + SOCK_FPROG_SIZE);
                b.put(filter);
            }
            b.position(groupsOffset());
            for (int g : groups) {
                b.putInt(g);
            }
            return b.array();
        }
    }
}
