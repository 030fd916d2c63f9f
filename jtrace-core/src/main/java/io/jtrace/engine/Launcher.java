package io.jtrace.engine;

import io.jtrace.bindings.ErrnoException;
import io.jtrace.bindings.Errnos;
import io.jtrace.bindings.Kernel;
import io.jtrace.bindings.Ptrace;
import io.jtrace.bindings.Registers;
import io.jtrace.bindings.SyscallInfo;
import io.jtrace.bindings.Wait;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a tracee without running Java code between fork and exec, and without a ptrace stop the
 * user did not ask for.
 *
 * <p>posix_spawn starts a trampoline, {@code /bin/sh} blocked reading a pipe that only this process
 * can write. Its signal mask and descriptors are already those the target must have. The tracer
 * seizes it, interrupts it and takes over its next system call: rewriting the registers at that
 * syscall-entry stop, it makes the trampoline mmap a scratch page, copies the target's path, argv
 * and envp there, sets the signals to ignore to SIG_IGN, closes the pipe, and finally calls execve.
 * The trace starts at that execve entry, as strace's does. If jtrace dies before seizing, the pipe's
 * write end closes and the trampoline exits on end of file.
 */
final class Launcher {
    static final long NR_MMAP = 9, NR_CLOSE = 3, NR_EXECVE = 59, NR_EXIT_GROUP = 231, NR_CLOSE_RANGE = 436;
    private static final long NR_RT_SIGACTION = 13;
    private static final int SIGKILL = 9, SIGSTOP = 19;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SYSCALL_STOP = 0x80 | 5;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x22;
    private static final byte[] TRAMPOLINE = "/bin/sh".getBytes(StandardCharsets.US_ASCII);

    private final Kernel kernel;
    private final SyscallInfo info = new SyscallInfo();

    Launcher(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The target's pid, stopped at the entry of its execve; {@code info} describes that stop. */
    record Started(int pid, SyscallInfo info) {}

    Started launch(LaunchSpec spec, int ptraceOptions) throws TraceException {
        int[] gate = kernel.pipe2(O_CLOEXEC);
        int pid;
        int gateFd;
        try {
            // Above every inherited descriptor and above the pipe itself, so that dup2 really copies
            // (dup2 onto the same number would keep the close-on-exec flag).
            gateFd = Math.max(Math.max(2, Arrays.stream(spec.inheritedFds()).max().orElse(2)),
                    Math.max(gate[0], gate[1])) + 1;
            List<int[]> dup2s = new ArrayList<>();
            dup2s.add(new int[] {gate[0], gateFd});
            List<byte[]> argv = List.of(TRAMPOLINE, "-c".getBytes(StandardCharsets.US_ASCII),
                    // dash takes only one-digit descriptors in <&N; the /proc path takes any.
                    ("read _ </proc/self/fd/" + gateFd).getBytes(StandardCharsets.US_ASCII));
            // The JVM's own descriptors need not be close-on-exec: close every one that is not
            // inherited. Those below the gate are listed (a close action on a closed descriptor
            // would fail the spawn), those above it go with closefrom.
            List<Integer> toClose = openDescriptorsBelow(gateFd, spec.inheritedFds());
            pid = kernel.spawn(new Kernel.SpawnRequest(TRAMPOLINE, argv, List.of(), spec.cwd(), dup2s,
                    toClose, gateFd + 1, ~spec.ignoredSignals(), spec.blockedSignals()));
        } catch (ErrnoException e) {
            kernel.close(gate[0]);
            kernel.close(gate[1]);
            throw new TraceException(e.getMessage(), e.errno());
        }
        kernel.close(gate[0]);
        try {
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
            // (SIGINT, SIGTERM) would reach the target as default even when it is to stay ignored:
            // set those to SIG_IGN here, which execve keeps.
            for (int sig = 1; sig <= 64; sig++) {
                if ((spec.ignoredSignals() & (1L << (sig - 1))) != 0 && sig != SIGKILL && sig != SIGSTOP) {
                    inject(pid, regs, false, NR_RT_SIGACTION, sig, base + blob.ignoreActionOffset(), 0, 8, 0, 0);
                }
            }
            inject(pid, regs, false, NR_CLOSE, gateFd, 0, 0, 0, 0, 0);
            closeUninherited(pid, regs, spec.inheritedFds());
            rewind(pid, regs, NR_EXECVE, base, base + blob.argvOffset(), base + blob.envOffset(), 0, 0, 0);
            awaitSyscallStop(pid, Ptrace.SYSCALL_INFO_ENTRY);
            SyscallInfo at = new SyscallInfo();
            check(kernel.getSyscallInfo(pid, at), "PTRACE_GET_SYSCALL_INFO");
            return new Started(pid, at);
        } catch (TraceException | RuntimeException e) {
            kernel.kill(pid, 9);
            kernel.wait4(pid, Wait.WALL);
            throw e;
        } finally {
            kernel.close(gate[1]);
        }
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

    /**
     * Closes, in the stopped trampoline, every descriptor from 3 up that the tracee is not to
     * inherit. The spawn already closed those the JVM had when it listed them, but another JVM
     * thread may open one (a class file being loaded) between that listing and the spawn, and it
     * would leak into the tracee. On a kernel without close_range the spawn's closing stands alone.
     */
    private void closeUninherited(int pid, Registers regs, int[] inherited) throws TraceException {
        int[] kept = Arrays.stream(inherited).filter(fd -> fd > 2).sorted().distinct().toArray();
        long from = 3;
        for (int fd : kept) {
            if (fd > from) {
                inject(pid, regs, false, NR_CLOSE_RANGE, from, fd - 1, 0, 0, 0, 0);
            }
            from = fd + 1L;
        }
        inject(pid, regs, false, NR_CLOSE_RANGE, from, 0xffffffffL, 0, 0, 0, 0);
    }

    private static void check(long r, String what) throws TraceException {
        if (r < 0) {
            throw new TraceException("ptrace(" + what + ") on the new process: " + ErrnoExceptions.reason((int) -r), (int) -r);
        }
    }

    private static List<Integer> openDescriptorsBelow(int limit, int[] inherited) {
        List<Integer> listed = new ArrayList<>();
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                int fd = Integer.parseInt(p.getFileName().toString());
                if (fd < limit && Arrays.stream(inherited).noneMatch(i -> i == fd)) {
                    listed.add(fd);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Without /proc the descriptors cannot be listed; closefrom above the gate still applies.
        }
        // The listing's own descriptor was among those listed and is closed now.
        listed.removeIf(fd -> !Files.exists(Path.of("/proc/self/fd/" + fd), LinkOption.NOFOLLOW_LINKS));
        return listed;
    }

    /**
     * The execve arguments laid out for the tracee: strings first, then the two pointer arrays, then
     * a kernel {@code struct sigaction} (handler, flags, restorer, mask: 32 bytes) whose handler is SIG_IGN.
     */
    record Blob(byte[] strings, int[] argvOffsets, int[] envOffsets, int argvOffset, int envOffset,
                int ignoreActionOffset, int size) {
        private static final long SIG_IGN = 1;
        private static final int KERNEL_SIGACTION_SIZE = 32;

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
            int size = ignoreActionOffset + KERNEL_SIGACTION_SIZE;
            return new Blob(Arrays.copyOf(b.array(), b.position()), argv, env, argvOffset, envOffset,
                    ignoreActionOffset, size);
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
            return b.array();
        }
    }
}
