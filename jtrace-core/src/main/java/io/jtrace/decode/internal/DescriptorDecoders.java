package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The special descriptors' arguments that need more than a table: timerfd's struct itimerspec and
 * memfd_create's flags, whose huge page size is a number shifted into them.
 */
final class DescriptorDecoders {
    private static final int MFD_HUGE_SHIFT = 26, MFD_NAME_MAX_LEN = 255 - "memfd:".length();
    private static final long MFD_HUGE_MASK = 0x3fL << MFD_HUGE_SHIFT;
    /** The kernel's sigset_t: the size signalfd must be given. */
    private static final int SIGSET_BYTES = 8;

    private DescriptorDecoders() {}

    static void register(Registry r) {
        r.arg("itimerspec", (out, v, call, ctx) -> itimerspec(out, v, ctx));
        r.arg("sigset_len2", (out, v, call, ctx) -> sigset(out, v, call.arg(2), ctx));
        r.arg("memfd_flags", (out, v, call, ctx) -> memfdFlags(out, v));
        // The name: no more than MFD_NAME_MAX_LEN (255 - "memfd:") bytes and its NUL are read.
        r.arg("memfd_name", (out, v, call, ctx) -> ctx.string(out, v, MFD_NAME_MAX_LEN + 1));
    }

    /**
     * signalfd's sigset_t, of the kernel's size or shown as its address: one symbol, the set as
     * strace spells it ({@code [HUP INT]}, {@code ~[]}) and the mask.
     */
    private static void sigset(ValueWriter out, long address, long size, DecodeContext ctx) {
        ByteBuffer b = size == SIGSET_BYTES ? ctx.readStruct(address, SIGSET_BYTES) : null;
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        StringBuilder text = new StringBuilder();
        SignalDecoders.sigset(text, b.getLong(0));
        out.symbol(text.toString(), b.getLong(0));
    }

    /** {@code {it_interval={tv_sec=0, tv_nsec=0}, it_value={...}}}. */
    private static void itimerspec(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readStruct(address, 32);
        if (b == null) {
            FileDecoders.unreadable(out, address);
            return;
        }
        out.beginStruct();
        out.field("it_interval");
        timespec(out, b, 0);
        out.field("it_value");
        timespec(out, b, 16);
        out.endStruct();
    }

    private static void timespec(ValueWriter out, ByteBuffer b, int at) {
        out.beginStruct();
        out.field("tv_sec");
        out.integer(b.getLong(at), ValueWriter.Base.DEC);
        out.field("tv_nsec");
        out.integer(b.getLong(at + 8), ValueWriter.Base.UDEC);
        out.endStruct();
    }

    /** memfd_create's flags: one composite value under -X (0 is just 0), the huge page size last. */
    private static void memfdFlags(ValueWriter out, long flags) {
        if (flags == 0) {
            out.integer(0, ValueWriter.Base.DEC);
            return;
        }
        XlatFormat.styled(out, flags, XlatFormat.hexString(flags), o -> memfdNames(o, flags));
    }

    private static void memfdNames(StringBuilder out, long flags) {
        long huge = flags & MFD_HUGE_MASK;
        long rest = flags & ~MFD_HUGE_MASK;
        if (rest != 0 || huge == 0) {
            XlatFormat.flags(out, Xlat.get("memfd_create_flags"), rest);
        }
        if (huge != 0) {
            out.append(rest != 0 ? "|" : "").append(huge >>> MFD_HUGE_SHIFT).append("<<MFD_HUGE_SHIFT");
        }
    }
}
