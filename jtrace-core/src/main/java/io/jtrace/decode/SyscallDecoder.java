package io.jtrace.decode;

import io.jtrace.abi.SigInfo;
import io.jtrace.decode.internal.SignalFormatter;
import io.jtrace.decode.internal.ArgDecoder;
import io.jtrace.decode.internal.Call;
import io.jtrace.decode.internal.CallDecoder;
import io.jtrace.decode.internal.DecodeContext;
import io.jtrace.decode.internal.Decoders;
import io.jtrace.decode.internal.PidArguments;
import io.jtrace.decode.internal.PidNames;
import io.jtrace.decode.internal.Quoting;
import io.jtrace.decode.internal.XlatFormat;

import io.jtrace.syscalls.ArgKind;
import io.jtrace.syscalls.Errno;
import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.ResultKind;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;
import io.jtrace.syscalls.Xlat;

/**
 * Prints a system call's arguments and result the way strace 6.1 does, driven by the argument kinds
 * of the syscall table. Decoders see each argument narrowed to its type in the table (the register's
 * low 32 bits for an int, zero-extended), as the kernel and strace read it. Arguments up to the first one strace decodes at exit (an output buffer) are
 * printed at entry; the rest at exit.
 */
public final class SyscallDecoder {
    private static final long NR_EXECVE = SyscallTable.x86_64().number("execve"),
            NR_EXECVEAT = SyscallTable.x86_64().number("execveat"),
            NR_LANDLOCK_CREATE_RULESET = SyscallTable.x86_64().number("landlock_create_ruleset");

    private final int stringLimit;
    private final HexStyle hex;
    private final byte[] buf;
    private final DecodeContext ctx;

    private final boolean decodeFds;

    /** -X: in force on the decoding thread while this decoder writes. */
    private final ConstantStyle constants;

    /**
     * A decoder with {@code options}, reading tracee memory through {@code memory}; {@code tid} names
     * the thread being decoded, for what -y reads of its descriptors in /proc. The constant style of
     * the options is this decoder's own.
     */
    public SyscallDecoder(DecodeOptions options, java.util.function.IntSupplier tid, Memory memory) {
        this.stringLimit = options.stringLimit();
        this.hex = options.hex();
        this.buf = new byte[Math.max(Quoting.PATH_MAX, stringLimit + 1)];
        this.ctx = new DecodeContext(memory, stringLimit, hex, options.verbose(), options.decodeFds(), tid,
                options.dereference());
        this.decodeFds = options.decodeFds() > 0;
        this.constants = options.constants();
        this.tid = tid;
    }

    /** The thread being decoded, whose namespace pids are translated from. */
    private final java.util.function.IntSupplier tid;

    /**
     * The siginfo of a signal as strace prints it between {@code --- SIGNAME} and {@code ---}:
     * {@code {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=42, ...}}.
     */
    public void siginfo(ValueWriter out, int signal, SigInfo info) {
        ConstantStyle previous = XlatFormat.enter(constants);
        PidNames.Mode pidsBefore = PidNames.enter(pidMode);
        try {
            SignalFormatter.siginfo(out, signal, info);
        } finally {
            XlatFormat.leave(previous);
            PidNames.leave(pidsBefore);
        }
    }

    /**
     * Whether the read going on decides whether another item follows, so that strace reads it before
     * printing the separator (the next pointer of an argv array); a warning about that read then goes
     * before the separator.
     */
    public boolean readBeforeSeparator() {
        return ctx.readBeforeSeparator();
    }

    /**
     * Sets where the warnings strace prints about reads cut short by an unmapped page go, each without
     * strace's name in front ({@code umoven: short read (3 < 4) @0x...}).
     */
    public void warnings(java.util.function.Consumer<String> sink) {
        ctx.warnings(sink);
    }

    /**
     * Turns on or off strace's {@code -Y} ({@code --decode-pids=comm}): process and thread ids in
     * arguments and results followed by the process's name, {@code 1234<bash>}.
     */
    public void decodePids(boolean on) {
        ctx.decodePids(on);
        pidComm = on;
        pidMode = pidComm || namespaces != null ? new PidNames.Mode(pidComm ? hex : null, namespaces, tid) : null;
    }

    /**
     * Turns on (with the translations of {@code namespaces}) or off (null) strace's
     * {@code --pidns-translation} ({@code --decode-pids=pidns}): an id in an argument or result that
     * the tracee sees in another pid namespace than this process's is followed by its id in this
     * one, {@code 5 /* 1234 in strace's PID NS *}{@code /}.
     */
    public void translatePids(PidNamespaces namespaces) {
        this.namespaces = namespaces;
        decodePids(pidComm);
    }

    private boolean pidComm;
    private PidNamespaces namespaces;

    /** What -Y and --pidns-translation put in force while this decoder writes, or null without them. */
    private PidNames.Mode pidMode;

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
        CallDecoder special = Decoders.call(def);
        return special != null ? special.completeAtEntry() : exitSplit(def) == def.nargs();
    }

    /** Writes the arguments decoded at entry. */
    public void entry(ValueWriter out, SyscallDef def, long[] args) {
        entry(out, def, args, 0, scratchSaved);
    }

    /** For callers that print entry and exit together, without a thread of their own. */
    private final Saved scratchSaved = new Saved();

    /**
     * As {@link #entry(ValueWriter, SyscallDef, long[])}, with the stack pointer at entry and the
     * thread's {@link Saved}, which the matching exit must be given.
     */
    public void entry(ValueWriter out, SyscallDef def, long[] registers, long stackPointer, Saved saved) {
        ConstantStyle previous = XlatFormat.enter(constants);
        PidNames.Mode pidsBefore = PidNames.enter(pidMode);
        try {
            entryInStyle(out, def, registers, stackPointer, saved);
        } finally {
            XlatFormat.leave(previous);
            PidNames.leave(pidsBefore);
        }
    }

    private void entryInStyle(ValueWriter out, SyscallDef def, long[] registers, long stackPointer, Saved saved) {
        saved.clear();
        long[] args = def.narrow(registers);
        Call call = new Call(def, args, stackPointer, saved, false, 0, false);
        CallDecoder special = Decoders.call(def);
        if (special != null) {
            special.entry(out, call, ctx);
            return;
        }
        int split = exitSplit(def);
        for (int i = 0; i < split; i++) {
            argument(out, call, i);
        }
        if (split < def.nargs() && split > 0) {
            out.separator();
        }
    }

    /** Writes the arguments decoded at exit. */
    public void exit(ValueWriter out, SyscallDef def, long[] args, long rval, boolean isError) {
        exit(out, def, args, rval, isError, scratchSaved);
    }

    /** As {@link #exit(ValueWriter, SyscallDef, long[], long, boolean)}, with what the entry saved. */
    public void exit(ValueWriter out, SyscallDef def, long[] registers, long rval, boolean isError, Saved saved) {
        ConstantStyle previous = XlatFormat.enter(constants);
        PidNames.Mode pidsBefore = PidNames.enter(pidMode);
        try {
            exitInStyle(out, def, registers, rval, isError, saved);
        } finally {
            XlatFormat.leave(previous);
            PidNames.leave(pidsBefore);
        }
    }

    private void exitInStyle(ValueWriter out, SyscallDef def, long[] registers, long rval, boolean isError, Saved saved) {
        long[] args = def.narrow(registers);
        Call call = new Call(def, args, 0, saved, true, rval, isError);
        CallDecoder special = Decoders.call(def);
        if (special != null) {
            special.exit(out, call, ctx);
            return;
        }
        int split = exitSplit(def);
        for (int i = split; i < def.nargs(); i++) {
            argument(out, call, i);
        }
    }

    /** Writes the result of a call that returned: what strace prints after {@code = }. */
    public void result(ValueWriter out, SyscallDef def, long[] args, long rval, boolean isError) {
        ConstantStyle previous = XlatFormat.enter(constants);
        PidNames.Mode pidsBefore = PidNames.enter(pidMode);
        try {
            resultInStyle(out, def, args, rval, isError);
        } finally {
            XlatFormat.leave(previous);
            PidNames.leave(pidsBefore);
        }
    }

    private void resultInStyle(ValueWriter out, SyscallDef def, long[] args, long rval, boolean isError) {
        if (def != null) {
            CallDecoder special = Decoders.call(def);
            if (special != null && special.result(out, new Call(def, def.narrow(args), 0, scratchSaved, true, rval, isError), ctx)) {
                return;
            }
            PidArguments.Type pidType = pidMode != null && !isError ? PidArguments.result(def, def.narrow(args)) : null;
            if (pidType != null) {
                PidArguments.write(out, pidType, (int) rval);
                return;
            }
            if (decodeFds && !isError && def.result() == ResultKind.FD && (def.number() != NR_LANDLOCK_CREATE_RULESET
                    || (args[2] & LANDLOCK_CREATE_RULESET_VERSION) == 0)) {
                ctx.fd(out, (int) rval);
                return;
            }
        }
        genericResult(out, def, rval, isError);
    }

    /** landlock_create_ruleset's flag that asks for the ABI version: the result is no descriptor then. */
    private static final long LANDLOCK_CREATE_RULESET_VERSION = 1;

    /** The result as strace prints it for a call without a decoder of its own. */
    public static void genericResult(ValueWriter out, SyscallDef def, long rval, boolean isError) {
        if (isError) {
            out.error((int) -rval);
        } else if (def != null && def.result() == ResultKind.ADDR) {
            if (rval == 0) {
                out.literal("0x0"); // %#lx would print 0; strace prints these addresses with 0x always
            } else {
                out.integer(rval, ValueWriter.Base.HEX);
            }
        } else {
            out.integer(rval, ValueWriter.Base.DEC);
        }
    }

    private void argument(ValueWriter out, Call call, int i) {
        SyscallDef def = call.def();
        long[] args = call.args();
        long v = args[i];
        if ((def.number() == NR_EXECVE && i >= 1) || (def.number() == NR_EXECVEAT && (i == 2 || i == 3))) {
            boolean isArgv = def.number() == NR_EXECVE ? i == 1 : i == 2;
            if (!ctx.dereference()) {
                out.pointer(v);
            } else if (isArgv) {
                argv(out, v);
            } else if (ctx.verbose()) {
                argv(out, v); // -v prints the environment in full, as an array
            } else {
                envp(out, v);
            }
            return;
        }
        PidArguments.Type pidType = pidMode != null && def.args().get(i) == ArgKind.Plain.INT
                ? PidArguments.argument(def, i, args) : null;
        if (pidType != null) {
            PidArguments.write(out, pidType, (int) v);
            return;
        }
        switch (def.args().get(i)) {
            case ArgKind.Plain p -> plain(out, p, v);
            case ArgKind.InBuf in -> buffer(out, v, args[in.lengthArg()]);
            case ArgKind.OutBuf o -> {
                if (call.isError()) {
                    out.pointer(v);
                } else {
                    buffer(out, v, call.rval());
                }
            }
            case ArgKind.Flags f -> XlatFormat.flags(out, Xlat.get(f.table()), v);
            case ArgKind.Enum e -> XlatFormat.value(out, Xlat.get(e.table()), v);
            case ArgKind.In in -> decode(out, i, v, call);
            case ArgKind.Out o -> {
                if (call.isError()) {
                    out.pointer(v);
                } else {
                    decode(out, i, v, call);
                }
            }
        }
    }

    private void decode(ValueWriter out, int i, long v, Call call) {
        ArgDecoder d = Decoders.arg(call.def(), i);
        if (d == null) {
            out.pointer(v);
        } else {
            d.decode(out, v, call, ctx);
        }
    }

    private void plain(ValueWriter out, ArgKind.Plain kind, long v) {
        switch (kind) {
            case INT -> out.integer((int) v, ValueWriter.Base.DEC);
            case FD -> ctx.fd(out, (int) v);
            case UINT -> out.integer(v & 0xffffffffL, ValueWriter.Base.DEC);
            case LONG -> out.integer(v, ValueWriter.Base.DEC);
            case ULONG -> out.integer(v, ValueWriter.Base.UDEC);
            case HEX -> out.integer(v, ValueWriter.Base.HEX);
            case OCT -> out.integer(v & 0xffffffffL, ValueWriter.Base.OCT);
            case DIRFD -> ctx.dirfd(out, (int) v);
            case SIGNAL -> XlatFormat.signal(out, (int) v);
            case PTR -> out.pointer(v);
            case PATH -> string(out, v, Quoting.PATH_MAX, true);
            case STR -> string(out, v, stringLimit + 1, false);
        }
    }

    /** {@code NULL} or {@code 0x...}, as strace prints an address. */
    public static void pointer(StringBuilder out, long v) {
        if (v == 0) {
            out.append("NULL");
        } else {
            out.append("0x").append(Long.toHexString(v));
        }
    }

    private void string(ValueWriter out, long address, int max, boolean path) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        int n = ctx.readCString(address, buf, max);
        if (n < 0) {
            out.unreadable(address);
        } else if (path) {
            Quoting.path(out, buf, 0, n);
        } else {
            Quoting.cString(out, buf, 0, n, stringLimit);
        }
    }

    private void buffer(ValueWriter out, long address, long length) {
        if (address == 0) { // NULL whatever the length, as strace's printstrn
            out.pointer(0);
            return;
        }
        // One byte beyond the limit, as strace reads: with -s 0 an unreadable buffer still shows
        // as its address.
        int want = (int) Math.min(Long.compareUnsigned(length, stringLimit) > 0 ? stringLimit + 1L : length,
                buf.length);
        if (want != 0 && !ctx.readFully(address, buf, 0, want)) {
            out.unreadable(address);
            return;
        }
        Quoting.buffer(out, buf, 0, length, stringLimit);
    }

    /**
     * An argv or (with -v) envp array: its strings up to the NULL pointer, after -s of them
     * {@code ...}; when a pointer cannot be read, {@code ... /* 0xADDR *\/} with the address of
     * that pointer (only the address when not even the first can be read).
     */
    private void argv(ValueWriter out, long address) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        byte[] word = new byte[8];
        for (long n = 0, at = address, prev = 0; ; n++, prev = at, at += 8) {
            // strace reads each pointer after the previous string, before the separator it decides.
            boolean wrapped = Long.compareUnsigned(at, prev) < 0;
            if (wrapped || !(n == 0 ? ctx.readFully(at, word, 0, 8) : ctx.readFullyBeforeSeparator(at, word, 0, 8))) {
                if (n == 0) {
                    out.unreadable(at);
                    return;
                }
                // %#llx: 0 (after a wrap-around) without the 0x.
                out.elided();
                out.comment(at == 0 ? "0" : "0x" + Long.toHexString(at));
                break;
            }
            if (n == 0) {
                out.beginArray();
            }
            long p = littleEndian(word);
            if (p == 0) {
                break;
            }
            if (n >= stringLimit && !ctx.verbose()) {
                out.elided();
                break;
            }
            string(out, p, stringLimit + 1, false);
        }
        out.endArray();
    }

    /**
     * An environment without -v: its address and {@code /* N vars *\/}, the pointers before the
     * NULL one; {@code , unterminated} when a pointer could not be read before it, and no comment
     * when not even the first could be.
     */
    private void envp(ValueWriter out, long address) {
        out.pointer(address);
        if (address == 0) {
            return;
        }
        byte[] word = new byte[8];
        long count = 0;
        long at = address, prev = 0;
        boolean unterminated = false;
        for (; Long.compareUnsigned(at, prev) > 0; prev = at, at += 8, count++) {
            // Read after the address is printed, before its comment: a warning goes right after it.
            if (!ctx.readFullyBeforeSeparator(at, word, 0, 8)) {
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
        out.comment(count + (count == 1 ? " var" : " vars") + (unterminated ? ", unterminated" : ""));
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
