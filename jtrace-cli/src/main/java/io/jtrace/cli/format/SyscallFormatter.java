package io.jtrace.cli.format;

import io.jtrace.syscalls.ArgKind;
import io.jtrace.syscalls.Errno;
import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.Xlat;

import java.util.Set;

/**
 * Prints a system call's arguments and result the way strace 6.1 does, driven by the argument kinds
 * of the syscall table. Decoders see each argument narrowed to its type in the table (the register's
 * low 32 bits for an int, zero-extended), as the kernel and strace read it. Arguments up to the first one strace decodes at exit (an output buffer) are
 * printed at entry; the rest at exit.
 */
public final class SyscallFormatter {
    private static final long NR_EXECVE = 59, NR_EXECVEAT = 322;
    /** Calls whose result strace prints in hex: they return addresses. */
    private static final Set<String> HEX_RESULT = Set.of("brk", "mmap", "mremap", "shmat");

    private final int stringLimit;
    private final Quoting.HexStyle hex;
    private final byte[] buf;
    private final DecodeContext ctx;

    private final boolean decodeFds;

    public SyscallFormatter(int stringLimit, Quoting.HexStyle hex, boolean verbose, Memory memory) {
        this(stringLimit, hex, verbose, 0, () -> 0, memory);
    }

    /**
     * @param decodeFds -y level (0 none)
     * @param tid       the thread being printed, for -y
     */
    public SyscallFormatter(int stringLimit, Quoting.HexStyle hex, boolean verbose, int decodeFds,
                            java.util.function.IntSupplier tid, Memory memory) {
        this.stringLimit = stringLimit;
        this.hex = hex;
        this.buf = new byte[Math.max(Quoting.PATH_MAX, stringLimit + 1)];
        this.ctx = new DecodeContext(memory, stringLimit, hex, verbose, decodeFds, tid);
        this.decodeFds = decodeFds > 0;
    }

    /** @see DecodeContext#warnings */
    public void warnings(java.util.function.Consumer<String> sink) {
        ctx.warnings(sink);
    }

    /** The index of the first argument printed at exit, or nargs when all are printed at entry. */
    public static int exitSplit(SyscallDef def) {
        for (int i = 0; i < def.nargs(); i++) {
            if (def.args().get(i) instanceof ArgKind.OutBuf || def.args().get(i) instanceof ArgKind.Out) {
                return i;
            }
        }
        return def.nargs();
    }

    /** Whether a call of {@code def} prints everything at entry (see {@link CallDecoder#completeAtEntry}). */
    public static boolean completeAtEntry(SyscallDef def) {
        CallDecoder special = Decoders.call(def.name());
        return special != null ? special.completeAtEntry() : exitSplit(def) == def.nargs();
    }

    /** Appends the arguments printed at entry, with their separators, after {@code name(}. */
    public void entry(StringBuilder out, SyscallDef def, long[] args) {
        entry(out, def, args, 0, scratchSaved);
    }

    /** For callers that print entry and exit together, without a thread of their own. */
    private final Saved scratchSaved = new Saved();

    /**
     * As {@link #entry(StringBuilder, SyscallDef, long[])}, with the stack pointer at entry and the
     * thread's {@link Saved}, which the matching exit must be given.
     */
    public void entry(StringBuilder out, SyscallDef def, long[] registers, long stackPointer, Saved saved) {
        saved.clear();
        long[] args = def.narrow(registers);
        Call call = new Call(def, args, stackPointer, saved, false, 0, false);
        CallDecoder special = Decoders.call(def.name());
        if (special != null) {
            special.entry(out, call, ctx);
            return;
        }
        int split = exitSplit(def);
        for (int i = 0; i < split; i++) {
            if (i > 0) {
                out.append(", ");
            }
            argument(out, call, i);
        }
        if (split < def.nargs() && split > 0) {
            out.append(", ");
        }
    }

    /** Appends the arguments printed at exit and the closing parenthesis. */
    public void exit(StringBuilder out, SyscallDef def, long[] args, long rval, boolean isError) {
        exit(out, def, args, rval, isError, scratchSaved);
    }

    /** As {@link #exit(StringBuilder, SyscallDef, long[], long, boolean)}, with what the entry saved. */
    public void exit(StringBuilder out, SyscallDef def, long[] registers, long rval, boolean isError, Saved saved) {
        long[] args = def.narrow(registers);
        Call call = new Call(def, args, 0, saved, true, rval, isError);
        CallDecoder special = Decoders.call(def.name());
        if (special != null) {
            special.exit(out, call, ctx);
            return;
        }
        int split = exitSplit(def);
        for (int i = split; i < def.nargs(); i++) {
            if (i > split) {
                out.append(", ");
            }
            argument(out, call, i);
        }
        out.append(')');
    }

    /** Appends {@code = result} for a call that returned. */
    public void result(StringBuilder out, SyscallDef def, long[] args, long rval, boolean isError) {
        if (def != null) {
            CallDecoder special = Decoders.call(def.name());
            if (special != null && special.result(out, new Call(def, def.narrow(args), 0, scratchSaved, true, rval, isError), ctx)) {
                return;
            }
            if (decodeFds && !isError && (FD_RESULT.contains(def.name()) || def.name().equals("landlock_create_ruleset")
                    && (args[2] & LANDLOCK_CREATE_RULESET_VERSION) == 0)) {
                out.append("= ");
                ctx.fd(out, (int) rval);
                return;
            }
        }
        genericResult(out, def, rval, isError);
    }

    /** Calls that return a new descriptor, printed with its path under -y (strace's RVAL_FD). */
    private static final Set<String> FD_RESULT = Set.of("open", "openat", "openat2", "creat", "dup", "dup2",
            "dup3", "socket", "accept", "accept4", "epoll_create", "epoll_create1", "eventfd", "eventfd2",
            "signalfd", "signalfd4", "timerfd_create", "inotify_init", "inotify_init1", "memfd_create",
            "fanotify_init", "perf_event_open", "pidfd_open", "pidfd_getfd", "userfaultfd", "open_tree",
            "fsopen", "fsmount", "fspick", "open_by_handle_at", "memfd_secret", "mq_open", "io_uring_setup",
            // strace 6.1 marks mount_setattr's result a descriptor too, though it is 0 on success.
            "mount_setattr");
    /** landlock_create_ruleset's flag that asks for the ABI version: the result is no descriptor then. */
    private static final long LANDLOCK_CREATE_RULESET_VERSION = 1;

    /** {@code = result} as strace prints it for a call without a decoder of its own. */
    public static void genericResult(StringBuilder out, SyscallDef def, long rval, boolean isError) {
        out.append("= ");
        if (isError) {
            int errno = (int) -rval;
            Errno e = Errno.byNumber(errno).filter(Errno::knownToStrace61).orElse(null);
            if (e == null) {
                out.append("-1 (errno ").append(errno).append(')');
            } else if (e.isRestart()) {
                out.append("? ").append(e.name()).append(" (").append(e.message()).append(')');
            } else {
                out.append("-1 ").append(e.name()).append(" (").append(e.message()).append(')');
            }
        } else if (def != null && HEX_RESULT.contains(def.name())) {
            out.append("0x").append(Long.toHexString(rval));
        } else {
            out.append(rval);
        }
    }

    private void argument(StringBuilder out, Call call, int i) {
        SyscallDef def = call.def();
        long[] args = call.args();
        long v = args[i];
        if ((def.number() == NR_EXECVE && i >= 1) || (def.number() == NR_EXECVEAT && (i == 2 || i == 3))) {
            boolean isArgv = def.number() == NR_EXECVE ? i == 1 : i == 2;
            if (isArgv) {
                argv(out, v, ctx.memory());
            } else if (ctx.verbose()) {
                argv(out, v, ctx.memory()); // -v prints the environment in full, as an array
            } else {
                envp(out, v, ctx.memory());
            }
            return;
        }
        switch (def.args().get(i)) {
            case ArgKind.Plain p -> plain(out, p, v, ctx.memory());
            case ArgKind.InBuf in -> buffer(out, v, args[in.lengthArg()], ctx.memory());
            case ArgKind.OutBuf o -> {
                if (call.isError()) {
                    pointer(out, v);
                } else {
                    buffer(out, v, call.rval(), ctx.memory());
                }
            }
            case ArgKind.Flags f -> XlatFormat.flags(out, Xlat.get(f.table()), v);
            case ArgKind.Enum e -> XlatFormat.value(out, Xlat.get(e.table()), v);
            case ArgKind.In in -> decode(out, in.decoder(), v, call);
            case ArgKind.Out o -> {
                if (call.isError()) {
                    pointer(out, v);
                } else {
                    decode(out, o.decoder(), v, call);
                }
            }
        }
    }

    private void decode(StringBuilder out, String name, long v, Call call) {
        ArgDecoder d = Decoders.arg(name);
        if (d == null) {
            pointer(out, v);
        } else {
            d.decode(out, v, call, ctx);
        }
    }

    private void plain(StringBuilder out, ArgKind.Plain kind, long v, Memory mem) {
        switch (kind) {
            case INT -> out.append((int) v);
            case FD -> ctx.fd(out, (int) v);
            case UINT -> out.append(Integer.toUnsignedString((int) v));
            case LONG -> out.append(v);
            case ULONG -> out.append(Long.toUnsignedString(v));
            case HEX -> {
                if (v == 0) {
                    out.append('0');
                } else {
                    out.append("0x").append(Long.toHexString(v));
                }
            }
            case OCT -> out.append('0').append(Integer.toOctalString((int) v));
            case DIRFD -> ctx.dirfd(out, (int) v);
            case SIGNAL -> XlatFormat.signal(out, (int) v);
            case PTR -> pointer(out, v);
            case PATH -> string(out, v, Quoting.PATH_MAX, true, mem);
            case STR -> string(out, v, stringLimit + 1, false, mem);
        }
    }

    public static void pointer(StringBuilder out, long v) {
        if (v == 0) {
            out.append("NULL");
        } else {
            out.append("0x").append(Long.toHexString(v));
        }
    }

    private void string(StringBuilder out, long address, int max, boolean path, Memory mem) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int n = ctx.readCString(address, buf, max);
        if (n < 0) {
            pointer(out, address);
        } else if (path) {
            Quoting.quotePath(out, buf, 0, n, hex);
        } else {
            Quoting.quoteCString(out, buf, 0, n, stringLimit, hex);
        }
    }

    private void buffer(StringBuilder out, long address, long length, Memory mem) {
        if (address == 0 && length != 0) {
            out.append("NULL");
            return;
        }
        // One byte beyond the limit, as strace reads: with -s 0 an unreadable buffer still shows
        // as its address.
        int want = (int) Math.min(Long.compareUnsigned(length, stringLimit) > 0 ? stringLimit + 1L : length,
                buf.length);
        if (want != 0 && !ctx.readFully(address, buf, 0, want)) {
            pointer(out, address);
            return;
        }
        Quoting.quoteBuffer(out, buf, 0, length, stringLimit, hex);
    }

    /**
     * An argv or (with -v) envp array: its strings up to the NULL pointer, after -s of them
     * {@code ...}; when a pointer cannot be read, {@code ... /* 0xADDR *\/} with the address of
     * that pointer (only the address when not even the first can be read).
     */
    private void argv(StringBuilder out, long address, Memory mem) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        byte[] word = new byte[8];
        for (long n = 0, at = address, prev = 0; ; n++, prev = at, at += 8) {
            if (Long.compareUnsigned(at, prev) < 0 || !ctx.readFully(at, word, 0, 8)) {
                if (n == 0) {
                    pointer(out, at);
                    return;
                }
                // %#llx: 0 (after a wrap-around) without the 0x.
                out.append(", ... /* ").append(at == 0 ? "0" : "0x" + Long.toHexString(at)).append(" */");
                break;
            }
            if (n == 0) {
                out.append('[');
            }
            long p = littleEndian(word);
            if (p == 0) {
                break;
            }
            if (n > 0) {
                out.append(", ");
            }
            if (n >= stringLimit && !ctx.verbose()) {
                out.append("...");
                break;
            }
            string(out, p, stringLimit + 1, false, mem);
        }
        out.append(']');
    }

    /**
     * An environment without -v: its address and {@code /* N vars *\/}, the pointers before the
     * NULL one; {@code , unterminated} when a pointer could not be read before it, and no comment
     * when not even the first could be.
     */
    private void envp(StringBuilder out, long address, Memory mem) {
        pointer(out, address);
        if (address == 0) {
            return;
        }
        byte[] word = new byte[8];
        long count = 0;
        long at = address, prev = 0;
        boolean unterminated = false;
        for (; Long.compareUnsigned(at, prev) > 0; prev = at, at += 8, count++) {
            if (!ctx.readFully(at, word, 0, 8)) {
                if (count == 0) {
                    return;
                }
                unterminated = true;
                break;
            }
            if (littleEndian(word) == 0) {
                break;
            }
        }
        // An array that runs up to the end of the address space has no end either.
        unterminated |= Long.compareUnsigned(at, prev) < 0;
        out.append(" /* ").append(count).append(count == 1 ? " var" : " vars")
                .append(unterminated ? ", unterminated */" : " */");
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
