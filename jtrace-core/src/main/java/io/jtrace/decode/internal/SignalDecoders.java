package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.abi.SigInfo;

import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/** Signal sets and handlers, as strace's {@code src/signal.c} prints them: rt_sigaction, sigaltstack and kin. */
final class SignalDecoders {
    /** The kernel's sigset_t on x86_64: 64 signals in 8 bytes, the only size it accepts. */
    private static final int SIGSET_BYTES = 8;
    private static final long SIG_DFL = 0, SIG_IGN = 1, SIG_ERR = -1;
    private static final long SA_RESTORER = 0x04000000;

    private SignalDecoders() {}

    static void register(Registry r) {
        r.arg("sigaction", SignalDecoders::sigaction);
        r.arg("sigset_size_arg1", (out, v, call, ctx) -> sigsetAt(out, v, call.arg(1), SIGSET_BYTES, ctx));
        r.arg("sigset_size_arg3", (out, v, call, ctx) -> sigsetAt(out, v, call.arg(3), SIGSET_BYTES, ctx));
        // rt_sigpending alone takes any size up to the kernel's, so that sigpending can share it.
        r.arg("pending_sigset", (out, v, call, ctx) -> sigsetAt(out, v, call.arg(1), 1, ctx));
        r.arg("stack_t", SignalDecoders::stack);
        r.arg("siginfo", SignalDecoders::siginfo);
    }

    /** A siginfo_t in tracee memory (waitid, rt_sigqueueinfo), as the --- SIG... --- lines print it. */
    private static void siginfo(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, SigInfo.SIZE);
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
    static CallDecoder rtSigreturn() {
        return new CallDecoder() {
            private static final int UC_SIGMASK = 8 + 8 + 24 + 256;

            @Override
            public void entry(ValueWriter out, Call call, DecodeContext ctx) {
                long at = call.stackPointer() + UC_SIGMASK;
                out.beginStruct();
                out.field("mask");
                ByteBuffer b = ctx.readOrAddress(out, at, 8);
                if (b != null) {
                    sigset(out, b.getLong(0));
                }
                out.endStruct();
            }

            @Override
            public void exit(ValueWriter out, Call call, DecodeContext ctx) {
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

    /** As {@link #sigset(StringBuilder, long)}: one symbol, whose number is the mask. */
    static void sigset(ValueWriter out, long mask) {
        sigset(out, mask, SIGSET_BYTES * 8);
    }

    private static void sigset(ValueWriter out, long mask, int bits) {
        StringBuilder text = new StringBuilder();
        sigset(text, mask, bits);
        out.symbol(text.toString(), mask);
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
    private static void sigsetAt(ValueWriter out, long address, long size, int minSize, DecodeContext ctx) {
        if (size < minSize || size > SIGSET_BYTES) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, (int) size);
        if (b == null) {
            return;
        }
        long mask = 0;
        for (int i = 0; i < size; i++) {
            mask |= (b.get(i) & 0xffL) << (8 * i);
        }
        sigset(out, mask, (int) ((size + 3) / 4) * 32);
    }

    /** The kernel's struct sigaction: handler, flags, restorer, mask. */
    private static void sigaction(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 32);
        if (b == null) {
            return;
        }
        long handler = b.getLong(0), flags = b.getLong(8), restorer = b.getLong(16);
        out.beginStruct();
        out.field("sa_handler");
        String special = handler == SIG_DFL ? "SIG_DFL" : handler == SIG_IGN ? "SIG_IGN"
                : handler == SIG_ERR ? "SIG_ERR" : null;
        if (special != null) {
            XlatFormat.styled(out, handler, XlatFormat.hexString(handler), o -> o.append(special));
        } else {
            out.pointer(handler);
        }
        out.field("sa_mask");
        sigset(out, b.getLong(24));
        out.field("sa_flags");
        XlatFormat.flags(out, Xlat.get("sigact_flags"), flags);
        if ((flags & SA_RESTORER) != 0) {
            out.field("sa_restorer");
            out.pointer(restorer);
        }
        out.endStruct();
    }

    /** stack_t: ss_sp, ss_flags, ss_size. */
    private static void stack(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 24);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("ss_sp");
        out.pointer(b.getLong(0));
        out.field("ss_flags");
        XlatFormat.flags(out, Xlat.get("sigaltstack_flags"), Integer.toUnsignedLong(b.getInt(8)));
        out.field("ss_size");
        out.integer(b.getLong(16), ValueWriter.Base.UDEC);
        out.endStruct();
    }
}
