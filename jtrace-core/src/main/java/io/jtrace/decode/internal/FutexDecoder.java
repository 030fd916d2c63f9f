package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

/**
 * futex(uaddr, op, val, timeout or val2, uaddr2, val3), as strace's {@code src/futex.c} prints it:
 * which arguments are printed, and how, depends on the operation. All of it is printed at entry.
 */
final class FutexDecoder implements EntryDecoder {
    private static final int WAIT = 0, WAKE = 1, FD = 2, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, LOCK_PI = 6,
            UNLOCK_PI = 7, TRYLOCK_PI = 8, WAIT_BITSET = 9, WAKE_BITSET = 10, WAIT_REQUEUE_PI = 11,
            CMP_REQUEUE_PI = 12, LOCK_PI2 = 13;
    private static final int OPARG_SHIFT = 8;

    @Override
    public void entry(ValueWriter out, Call call, DecodeContext ctx) {
        int op = (int) call.arg(1);
        long val = call.arg(2);
        long timeout = call.arg(3);
        long val2 = call.arg(3) & 0xffffffffL; // arg 3 is the timeout pointer or, for some ops, this u32
        long uaddr2 = call.arg(4);
        int val3 = (int) call.arg(5);
        out.pointer(call.arg(0));
        XlatFormat.value(out, Xlat.get("futexops"), op & 0xffffffffL);
        switch (op & 127) {
            case WAIT -> {
                out.integer(val, ValueWriter.Base.DEC);
                TimeDecoders.timespec(out, timeout, ctx);
            }
            case LOCK_PI, LOCK_PI2 -> TimeDecoders.timespec(out, timeout, ctx);
            case WAIT_BITSET -> {
                out.integer(val, ValueWriter.Base.DEC);
                TimeDecoders.timespec(out, timeout, ctx);
                bitset(out, val3);
            }
            case WAKE_BITSET -> {
                out.integer(val, ValueWriter.Base.DEC);
                bitset(out, val3);
            }
            case REQUEUE -> {
                out.integer(val, ValueWriter.Base.DEC);
                out.integer(val2, ValueWriter.Base.DEC);
                out.pointer(uaddr2);
            }
            case CMP_REQUEUE, CMP_REQUEUE_PI -> {
                out.integer(val, ValueWriter.Base.DEC);
                out.integer(val2, ValueWriter.Base.DEC);
                out.pointer(uaddr2);
                out.integer(Integer.toUnsignedLong(val3), ValueWriter.Base.DEC);
            }
            case WAKE_OP -> {
                out.integer(val, ValueWriter.Base.DEC);
                out.integer(val2, ValueWriter.Base.DEC);
                out.pointer(uaddr2);
                wakeOp(out, val3);
            }
            case WAIT_REQUEUE_PI -> {
                out.integer(val, ValueWriter.Base.DEC);
                TimeDecoders.timespec(out, timeout, ctx);
                out.pointer(uaddr2);
            }
            case FD, WAKE -> out.integer(val, ValueWriter.Base.DEC);
            case UNLOCK_PI, TRYLOCK_PI -> { }
            default -> {
                out.integer(val, ValueWriter.Base.DEC);
                out.pointer(timeout);
                out.pointer(uaddr2);
                out.integer(Integer.toUnsignedLong(val3), ValueWriter.Base.HEX);
            }
        }
    }

    private static void bitset(ValueWriter out, int val3) {
        XlatFormat.value(out, XlatFormat.bare("futexbitset"), Integer.toUnsignedLong(val3));
    }

    /** FUTEX_WAKE_OP's encoded operation, one symbol: {@link #wakeOpText}. */
    private static void wakeOp(ValueWriter out, int val3) {
        StringBuilder text = new StringBuilder();
        wakeOpText(text, val3);
        out.symbol(text.toString(), Integer.toUnsignedLong(val3));
    }

    /** FUTEX_WAKE_OP's encoded operation: op, oparg, cmp and cmparg, each shifted into place. */
    private static void wakeOpText(StringBuilder out, int val3) {
        int op = val3 >>> 28;
        if ((op & OPARG_SHIFT) != 0) {
            XlatFormat.styled(out, XlatFormat.hexString(OPARG_SHIFT), o -> o.append("FUTEX_OP_OPARG_SHIFT"));
            out.append("<<28|");
        }
        shifted(out, "futexwakeops", op & 7, 28, "FUTEX_OP_???");
        out.append('|');
        ProcessDecoders.hex(out, val3 >>> 12 & 0xfff);
        out.append("<<12|");
        shifted(out, "futexwakecmps", val3 >>> 24 & 0xf, 24, "FUTEX_OP_CMP_???");
        out.append('|');
        ProcessDecoders.hex(out, val3 & 0xfff);
    }

    /**
     * {@code NAME<<shift}, in the -X style; strace adds {@code /* unknown *}{@code /} when the
     * value has no name, and also under -X raw, where it prints no name at all.
     */
    private static void shifted(StringBuilder out, String table, int value, int shift, String unknown) {
        XlatFormat.value(out, XlatFormat.bare(table), value);
        out.append("<<").append(shift);
        if (Xlat.get(table).nameOf(value) == null || XlatFormat.raw()) {
            out.append(" /* ").append(unknown).append(" */");
        }
    }
}
