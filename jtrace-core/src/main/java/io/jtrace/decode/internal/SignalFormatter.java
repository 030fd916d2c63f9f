package io.jtrace.decode.internal;

import io.jtrace.decode.HexStyle;
import io.jtrace.decode.TextWriter;
import io.jtrace.decode.ValueWriter;

import io.jtrace.abi.SigInfo;
import io.jtrace.syscalls.Signals;

/** Writes a siginfo_t as strace 6.1 prints it between {@code --- SIGNAME} and {@code ---}. */
public final class SignalFormatter {
    private static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17,
            SIGPOLL = 29, SIGSYS = 31;
    private static final int SI_USER = 0, SI_TIMER = -2, SI_SIGIO = -5, SI_TKILL = -6;
    private static final int CLD_EXITED = 1;

    private SignalFormatter() {}

    /**
     * The siginfo of {@code signal} as one structure; when the kernel gave none ({@code si} null),
     * the signal number alone.
     */
    public static void siginfo(ValueWriter out, int signal, SigInfo si) {
        out.beginStruct();
        if (si == null) {
            out.field("si_signo");
            XlatFormat.signal(out, signal);
            out.endStruct();
            return;
        }
        int signo = si.signo();
        int code = si.code();
        if (signo == 0) {
            // waitid(WNOHANG) with no child to report leaves it zeroed: strace prints {} for it.
            out.endStruct();
            return;
        }
        out.field("si_signo");
        XlatFormat.signal(out, signo);
        out.field("si_code");
        String codeName = Signals.codeName(signo, code).orElse(null);
        if (codeName == null) {
            hex32(out, code);
        } else {
            XlatFormat.styled(out, code & 0xffffffffL, XlatFormat.hexString(code & 0xffffffffL),
                    o -> o.append(codeName));
        }
        if (si.errno() != 0) {
            // after si_code, by name as strace's print_err: 2 /* ENOENT */ under -X verbose
            out.field("si_errno");
            long raw = Integer.toUnsignedLong(si.errno());
            String name = io.jtrace.syscalls.Errno.byNumber(si.errno())
                    .filter(io.jtrace.syscalls.Errno::knownToStrace61).map(io.jtrace.syscalls.Errno::name).orElse(null);
            if (name == null) {
                out.integer(raw, ValueWriter.Base.DEC);
            } else {
                XlatFormat.styled(out, raw, Long.toString(raw), o -> o.append(name));
            }
        }
        if (code <= 0) {
            // Sent by a process: kill, tgkill, sigqueue, a timer or a message queue.
            switch (code) {
                case SI_USER, SI_TKILL -> source(out, si);
                case SI_TIMER -> {
                    // si_timerid in %#x: a first timer, id 0, is just 0
                    out.field("si_timerid");
                    out.integer(Integer.toUnsignedLong(si.pid()), ValueWriter.Base.HEX);
                    out.field("si_overrun");
                    out.integer(si.uid(), ValueWriter.Base.DEC);
                    value(out, si);
                }
                case SI_SIGIO -> band(out, si);
                default -> {
                    // sigqueue, message queues, AIO and any other sender: the value only when set
                    source(out, si);
                    if (si.value() != 0) {
                        value(out, si);
                    }
                }
            }
        } else {
            switch (signo) {
                case SIGCHLD -> {
                    source(out, si);
                    out.field("si_status");
                    if (code == CLD_EXITED) {
                        out.integer(si.status(), ValueWriter.Base.DEC);
                    } else {
                        XlatFormat.signal(out, si.status());
                    }
                    out.field("si_utime");
                    clockTicks(out, si.utime());
                    out.field("si_stime");
                    clockTicks(out, si.stime());
                }
                case SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP -> {
                    out.field("si_addr");
                    out.pointer(si.addr());
                }
                case SIGPOLL -> band(out, si);
                case SIGSYS -> {
                    out.field("si_call_addr");
                    out.pointer(si.addr());
                    out.field("si_syscall");
                    out.integer(si.int32(24), ValueWriter.Base.DEC);
                    out.field("si_arch");
                    hex32(out, si.int32(28));
                }
                default -> { }
            }
        }
        out.endStruct();
    }

    /** strace's {@code %#x} of a code it has no name for, which prints 0 as {@code 0x0}. */
    private static void hex32(ValueWriter out, int v) {
        if (v == 0) {
            out.literal("0x0");
        } else {
            out.integer(Integer.toUnsignedLong(v), ValueWriter.Base.HEX);
        }
    }

    /** A clock_t: its ticks, and unless 0 or -X raw, the seconds they make at 100 a second. */
    static void clockTicks(ValueWriter out, long ticks) {
        out.integer(ticks, ValueWriter.Base.DEC);
        if (ticks != 0 && !XlatFormat.raw()) { // the seconds are a decoding, which -X raw leaves out
            out.comment(ticks / 100 + "." + String.format("%02d", ticks % 100) + " s");
        }
    }

    private static void source(ValueWriter out, SigInfo si) {
        out.field("si_pid");
        PidNames.write(out, si.pid());
        out.field("si_uid");
        // As strace's PRINT_VAL_ID: (uid_t) -1 is -1, any other id unsigned.
        out.integer(si.uid() == -1 ? -1 : Integer.toUnsignedLong(si.uid()), ValueWriter.Base.DEC);
    }

    /** SIGIO's band and descriptor (strace prints the descriptor as a number only, even with -y). */
    private static void band(ValueWriter out, SigInfo si) {
        out.field("si_band");
        out.integer(si.int64(16), ValueWriter.Base.DEC);
        out.field("si_fd");
        out.fd(si.int32(24), null);
    }

    private static void value(ValueWriter out, SigInfo si) {
        out.field("si_int");
        out.integer((int) si.value(), ValueWriter.Base.DEC);
        out.field("si_ptr");
        out.pointer(si.value());
    }
}
