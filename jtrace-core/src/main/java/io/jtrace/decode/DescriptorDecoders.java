package io.jtrace.decode;

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

    private DescriptorDecoders() {}

    static void register(Registry r) {
        r.textArg("itimerspec", (out, v, call, ctx) -> itimerspec(out, v, ctx));
        r.textArg("sigset_len2", (out, v, call, ctx) -> PollDecoders.sigset(out, v, call.arg(2), ctx));
        r.textArg("memfd_flags", (out, v, call, ctx) -> memfdFlags(out, v));
        // The name: no more than MFD_NAME_MAX_LEN (255 - "memfd:") bytes and its NUL are read.
        r.textArg("memfd_name", (out, v, call, ctx) -> ctx.string(out, v, MFD_NAME_MAX_LEN + 1));
    }

    /** {@code {it_interval={tv_sec=0, tv_nsec=0}, it_value={...}}}. */
    private static void itimerspec(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 32);
        if (b != null) {
            out.append("{it_interval=");
            timespec(out, b, 0);
            out.append(", it_value=");
            timespec(out, b, 16);
            out.append('}');
        }
    }

    private static void timespec(StringBuilder out, ByteBuffer b, int at) {
        out.append("{tv_sec=").append(b.getLong(at)).append(", tv_nsec=")
                .append(Long.toUnsignedString(b.getLong(at + 8))).append('}');
    }

    /** memfd_create's flags: one composite value under -X (0 is just 0), the huge page size last. */
    private static void memfdFlags(StringBuilder out, long flags) {
        if (flags == 0) {
            out.append('0');
            return;
        }
        XlatFormat.styled(out, XlatFormat.hexString(flags), o -> memfdNames(o, flags));
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
