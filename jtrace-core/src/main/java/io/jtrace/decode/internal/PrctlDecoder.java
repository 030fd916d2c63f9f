package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * prctl(option, arg2, arg3, arg4, arg5), as strace's {@code src/prctl.c} prints it: each option
 * decides how many arguments are shown and how; an option without its own form shows all four in
 * hex. Options whose arguments are structures strace decodes (the seccomp filter, PR_SET_MM,
 * PR_SET_VMA, the speculation and pointer-authentication controls) show them in hex too.
 */
final class PrctlDecoder implements CallDecoder {
    private static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
            PR_GET_KEEPCAPS = 7, PR_SET_KEEPCAPS = 8, PR_GET_FPEMU = 9, PR_SET_FPEMU = 10, PR_GET_FPEXC = 11,
            PR_SET_FPEXC = 12, PR_GET_TIMING = 13, PR_SET_TIMING = 14, PR_SET_NAME = 15, PR_GET_NAME = 16,
            PR_GET_ENDIAN = 19, PR_SET_ENDIAN = 20, PR_GET_SECCOMP = 21, PR_SET_SECCOMP = 22,
            PR_CAPBSET_READ = 23, PR_CAPBSET_DROP = 24, PR_GET_TSC = 25, PR_SET_TSC = 26,
            PR_SET_TIMERSLACK = 29, PR_GET_TIMERSLACK = 30, PR_TASK_PERF_EVENTS_DISABLE = 31,
            PR_TASK_PERF_EVENTS_ENABLE = 32, PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37,
            PR_SET_NO_NEW_PRIVS = 38, PR_GET_TID_ADDRESS = 40, PR_SET_THP_DISABLE = 41, PR_CAP_AMBIENT = 47,
            PR_SET_IO_FLUSHER = 57, PR_SET_PTRACER = 0x59616d61;
    private static final long PR_CAP_AMBIENT_IS_SET = 1, PR_CAP_AMBIENT_LOWER = 3, SECCOMP_MODE_STRICT = 1;
    /** The kernel's TASK_COMM_LEN: a thread name and its NUL. */
    private static final int TASK_COMM_LEN = 16;
    private static final int LAST_SIGNAL = 128;

    @Override
    public void entry(ValueWriter out, Call call, DecodeContext ctx) {
        int option = (int) call.arg(0);
        XlatFormat.value(out, Xlat.get("prctl_options"), option & 0xffffffffL);
        long arg2 = call.arg(1);
        switch (option) {
            case PR_GET_KEEPCAPS, PR_GET_SECCOMP, PR_GET_TIMERSLACK, PR_GET_TIMING, PR_GET_DUMPABLE,
                 PR_TASK_PERF_EVENTS_DISABLE, PR_TASK_PERF_EVENTS_ENABLE -> { }
            // What these store is printed at exit.
            case PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU, PR_GET_FPEXC, PR_GET_NAME, PR_GET_PDEATHSIG,
                 PR_GET_TID_ADDRESS, PR_GET_TSC -> out.separator();
            case PR_SET_CHILD_SUBREAPER, PR_SET_ENDIAN, PR_SET_FPEMU, PR_SET_FPEXC, PR_SET_KEEPCAPS, PR_SET_TIMING ->
                    out.integer(arg2, ValueWriter.Base.UDEC);
            case PR_SET_DUMPABLE -> value(out, "pr_dumpable", arg2);
            case PR_CAPBSET_READ, PR_CAPBSET_DROP -> value(out, "cap", arg2);
            case PR_CAP_AMBIENT -> {
                value(out, "pr_cap_ambient", arg2);
                if (arg2 >= PR_CAP_AMBIENT_IS_SET && arg2 <= PR_CAP_AMBIENT_LOWER) {
                    value(out, "cap", call.arg(2));
                    hexArgs(out, call, 3);
                } else {
                    hexArgs(out, call, 2);
                }
            }
            case PR_SET_NAME -> name(out, arg2, TASK_COMM_LEN - 1, ctx);
            case PR_SET_PDEATHSIG -> {
                if (Long.compareUnsigned(arg2, LAST_SIGNAL) > 0) {
                    out.integer(arg2, ValueWriter.Base.UDEC);
                } else {
                    XlatFormat.signal(out, (int) arg2);
                }
            }
            case PR_SET_PTRACER -> {
                if ((int) arg2 == -1) {
                    XlatFormat.styled(out, -1, "-1", o -> o.append("PR_SET_PTRACER_ANY"));
                } else {
                    PidNames.write(out, (int) arg2);
                }
            }
            case PR_SET_SECCOMP -> {
                value(out, "seccomp_mode", arg2);
                if (arg2 != SECCOMP_MODE_STRICT) {
                    hexArgs(out, call, 2);
                }
            }
            case PR_SET_TIMERSLACK -> out.integer(arg2, ValueWriter.Base.DEC);
            case PR_SET_TSC -> value(out, "pr_tsc", arg2 & 0xffffffffL);
            case PR_SET_NO_NEW_PRIVS, PR_SET_THP_DISABLE, PR_SET_IO_FLUSHER -> {
                out.integer(arg2, ValueWriter.Base.UDEC);
                hexArgs(out, call, 2);
            }
            default -> hexArgs(out, call, 1);
        }
    }

    @Override
    public void exit(ValueWriter out, Call call, DecodeContext ctx) {
        long arg2 = call.arg(1);
        switch ((int) call.arg(0)) {
            case PR_GET_CHILD_SUBREAPER, PR_GET_ENDIAN, PR_GET_FPEMU, PR_GET_FPEXC -> {
                ByteBuffer b = stored(out, arg2, 4, call, ctx);
                if (b != null) {
                    out.beginArray();
                    out.integer(Integer.toUnsignedLong(b.getInt(0)), ValueWriter.Base.DEC);
                    out.endArray();
                }
            }
            case PR_GET_NAME -> {
                if (call.isError()) {
                    out.pointer(arg2);
                } else {
                    name(out, arg2, TASK_COMM_LEN, ctx);
                }
            }
            case PR_GET_PDEATHSIG -> {
                ByteBuffer b = stored(out, arg2, 4, call, ctx);
                if (b != null) {
                    out.beginArray();
                    XlatFormat.signal(out, b.getInt(0));
                    out.endArray();
                }
            }
            case PR_GET_TID_ADDRESS -> {
                ByteBuffer b = stored(out, arg2, 8, call, ctx);
                if (b != null) {
                    out.beginArray();
                    out.pointer(b.getLong(0));
                    out.endArray();
                }
            }
            case PR_GET_TSC -> {
                ByteBuffer b = stored(out, arg2, 4, call, ctx);
                if (b != null) {
                    out.beginArray();
                    XlatFormat.value(out, Xlat.get("pr_tsc"), b.getInt(0) & 0xffffffffL);
                    out.endArray();
                }
            }
            default -> { }
        }
    }

    /** PR_GET_DUMPABLE's result is followed by its name, {@code = 1 (SUID_DUMP_USER)}. */
    @Override
    public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
        if ((int) call.arg(0) != PR_GET_DUMPABLE || call.isError()) {
            return false;
        }
        String name = Xlat.get("pr_dumpable").nameOf(call.rval());
        out.integer(call.rval(), ValueWriter.Base.DEC);
        if (name != null) {
            out.beginNote("");
            out.symbol(name, call.rval());
            out.endNote();
        }
        return true;
    }

    private static void value(ValueWriter out, String table, long v) {
        XlatFormat.value(out, Xlat.get(table), v);
    }

    /** The arguments from index {@code first} to the last, in hex, as strace's print_prctl_args. */
    private static void hexArgs(ValueWriter out, Call call, int first) {
        for (int i = first; i < 5; i++) {
            out.integer(call.arg(i), ValueWriter.Base.HEX);
        }
    }

    /** What the call stored at {@code address}, or null after printing the address when it failed or cannot be read. */
    private static ByteBuffer stored(ValueWriter out, long address, int size, Call call, DecodeContext ctx) {
        if (call.isError()) {
            out.pointer(address);
            return null;
        }
        return ctx.readOrAddress(out, address, size);
    }

    /**
     * A thread name of at most {@code size} bytes, as strace's printstr_ex with QUOTE_0_TERMINATED:
     * up to its NUL, shortened by -s, and {@code ...} when no NUL came within {@code size} bytes.
     */
    private static void name(ValueWriter out, long address, int size, DecodeContext ctx) {
        if (address == 0) {
            out.pointer(0);
            return;
        }
        byte[] buf = new byte[size];
        int n = ctx.readCString(address, buf, size);
        if (n < 0) {
            out.unreadable(address);
        } else {
            Quoting.cString(out, buf, 0, n, Math.min(ctx.stringLimit(), size));
        }
    }
}
