package io.jtrace.decode;

import io.jtrace.abi.SigInfo;

import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/** Signal sets and handlers, as strace's {@code src/signal.c} prints them: rt_sigaction, sigaltstack and kin. */
final class SignalDecoders {
    /** The kernel's sigset_t on x86_64: 64 signals in 8 bytes, the only size it accepts. */
    private static final int SIGSET_BYTES = 8;
    private static final long SIG_DFL = 0, SIG_IGN = 1, SIG_ERR = -1;
    private static final long SA_RESTORER = 0x04000000;

    private SignalDecoders() {}

    static void register(Registry r) {
        r.textArg("sigaction", SignalDecoders::sigaction);
        r.textArg("sigset_size_arg1", (out, v, call, ctx) -> sigsetAt(out, v, call.arg(1), SIGSET_BYTES, ctx));
        r.textArg("sigset_size_arg3", (out, v, call, ctx) -> sigsetAt(out, v, call.arg(3), SIGSET_BYTES, ctx));
        // rt_sigpending alone takes any size up to the kernel's, so that sigpending can share it.
        r.textArg("pending_sigset", (out, v, call, ctx) -> sigsetAt(out, v, call.arg(1), 1, ctx));
        r.textArg("stack_t", SignalDecoders::stack);
        r.textArg("siginfo", SignalDecoders::siginfo);
    }

    /** A siginfo_t in tracee memory (waitid, rt_sigqueueinfo), as the --- SIG... --- lines print it. */
    private static void siginfo(StringBuilder out, long address, Call call, DecodeContext ctx) {
        java.nio.ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, SigInfo.SIZE);
        if (b != null) {
            SigInfo si = SigInfo.of(b.array());
            SignalFormatter.siginfo(out, si.signo(), si);
        }
    }

    /**
     * rt_sigreturn, which has no arguments: strace shows the mask it restores, read from the signal
     * frame on the stack. At the call the restorer's return has popped the frame's first word, so
     * the stack pointer is at {@code uc}, whose uc_sigmask follows uc_flags, uc_link, uc_stack and
     * the 256-byte uc_mcontext.
     */
    static TextCallDecoder rtSigreturn() {
        return new TextCallDecoder() {
            private static final int UC_SIGMASK = 8 + 8 + 24 + 256;

            @Override
            public void entry(StringBuilder out, Call call, DecodeContext ctx) {
                long at = call.stackPointer() + UC_SIGMASK;
                java.nio.ByteBuffer b = ctx.read(at, 8);
                out.append("{mask=");
                if (b == null) {
                    DecodeContext.address(out, at);
                } else {
                    sigset(out, b.getLong(0));
                }
                out.append('}');
            }

            @Override
            public void exit(StringBuilder out, Call call, DecodeContext ctx) {
                out.append(')');
            }
        };
    }

    /**
     * A sigset_t: {@code [INT TERM]}, or {@code ~[RTMIN RT_1]} for the signals not in a set with at
     * least two thirds of its bits set.
     */
    static void sigset(StringBuilder out, long mask) {
        sigset(out, mask, SIGSET_BYTES * 8);
    }

    /** A set of {@code bits} signals, which decide whether it is printed as its complement. */
    private static void sigset(StringBuilder out, long mask, int bits) {
        if (Long.bitCount(mask) >= bits * 2 / 3) {
            out.append('~');
            mask = ~mask & (bits == 64 ? -1L : (1L << bits) - 1);
        }
        out.append('[');
        boolean first = true;
        for (int bit = 0; bit < 64; bit++) {
            if ((mask >>> bit & 1) != 0) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                // strace's sigset style: 10, 10 /* USR1 */ or USR1, by -X
                String name = Signals.name(bit + 1).substring("SIG".length());
                if (!XlatFormat.abbrev()) {
                    out.append(bit + 1);
                }
                if (!XlatFormat.abbrev() && !XlatFormat.raw()) {
                    out.append(" /* ").append(name).append(" */");
                } else if (XlatFormat.abbrev()) {
                    out.append(name);
                }
            }
        }
        out.append(']');
    }

    /**
     * A sigset_t of {@code size} bytes at {@code address}, read in 32-bit words as strace does; a
     * size below {@code minSize} or above the kernel's prints as the address.
     */
    private static void sigsetAt(StringBuilder out, long address, long size, int minSize, DecodeContext ctx) {
        ByteBuffer b = size >= minSize && size <= SIGSET_BYTES ? ctx.read(address, (int) size) : null;
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        long mask = 0;
        for (int i = 0; i < size; i++) {
            mask |= (b.get(i) & 0xffL) << (8 * i);
        }
        sigset(out, mask, (int) ((size + 3) / 4) * 32);
    }

    /** The kernel's struct sigaction: handler, flags, restorer, mask. */
    private static void sigaction(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 32);
        if (b == null) {
            return;
        }
        long handler = b.getLong(0), flags = b.getLong(8), restorer = b.getLong(16);
        out.append("{sa_handler=");
        String special = handler == SIG_DFL ? "SIG_DFL" : handler == SIG_IGN ? "SIG_IGN"
                : handler == SIG_ERR ? "SIG_ERR" : null;
        if (special != null) {
            XlatFormat.styled(out, XlatFormat.hexString(handler), o -> o.append(special));
        } else {
            DecodeContext.address(out, handler);
        }
        out.append(", sa_mask=");
        sigset(out, b.getLong(24));
        out.append(", sa_flags=");
        XlatFormat.flags(out, Xlat.get("sigact_flags"), flags);
        if ((flags & SA_RESTORER) != 0) {
            out.append(", sa_restorer=");
            DecodeContext.address(out, restorer);
        }
        out.append('}');
    }

    /** stack_t: ss_sp, ss_flags, ss_size. */
    private static void stack(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 24);
        if (b == null) {
            return;
        }
        out.append("{ss_sp=");
        DecodeContext.address(out, b.getLong(0));
        out.append(", ss_flags=");
        XlatFormat.flags(out, Xlat.get("sigaltstack_flags"), Integer.toUnsignedLong(b.getInt(8)));
        out.append(", ss_size=").append(Long.toUnsignedString(b.getLong(16))).append('}');
    }
}
