package io.jtrace.decode;

import io.jtrace.abi.SigInfo;
import io.jtrace.syscalls.Signals;

/** Prints a siginfo_t as strace 6.1 does between {@code --- SIGNAME} and {@code ---}. */
public final class SignalFormatter {
    private static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17,
            SIGPOLL = 29, SIGSYS = 31;
    private static final int SI_USER = 0, SI_TIMER = -2, SI_SIGIO = -5, SI_TKILL = -6;
    private static final int CLD_EXITED = 1;

    private SignalFormatter() {}

    public static void siginfo(StringBuilder out, int signal, SigInfo si) {
        if (si == null) {
            out.append("{si_signo=");
            XlatFormat.signal(out, signal);
            out.append('}');
            return;
        }
        int signo = si.signo();
        int code = si.code();
        out.append("{si_signo=");
        XlatFormat.signal(out, signo);
        out.append(", si_code=");
        String codeName = Signals.codeName(signo, code).orElse(null);
        if (codeName == null) {
            out.append("0x").append(Integer.toHexString(code));
        } else {
            XlatFormat.styled(out, XlatFormat.hexString(code & 0xffffffffL), o -> o.append(codeName));
        }
        if (si.errno() != 0) {
            // after si_code, by name as strace's print_err: 2 /* ENOENT */ under -X verbose
            out.append(", si_errno=");
            String raw = Integer.toUnsignedString(si.errno());
            String name = io.jtrace.syscalls.Errno.byNumber(si.errno())
                    .filter(io.jtrace.syscalls.Errno::knownToStrace61).map(io.jtrace.syscalls.Errno::name).orElse(null);
            if (name == null) {
                out.append(raw);
            } else {
                XlatFormat.styled(out, raw, o -> o.append(name));
            }
        }
        if (code <= 0) {
            // Sent by a process: kill, tgkill, sigqueue, a timer or a message queue.
            switch (code) {
                case SI_USER, SI_TKILL -> source(out, si);
                case SI_TIMER -> {
                    // si_timerid in %#x: a first timer, id 0, is just 0
                    out.append(", si_timerid=").append(XlatFormat.hexString(Integer.toUnsignedLong(si.pid())))
                            .append(", si_overrun=").append(si.uid());
                    value(out, si);
                }
                case SI_SIGIO -> out.append(", si_band=").append(si.int64(16)).append(", si_fd=").append(si.int32(24));
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
                    out.append(", si_pid=").append(si.pid()).append(", si_uid=").append(Integer.toUnsignedString(si.uid()))
                            .append(", si_status=");
                    if (code == CLD_EXITED) {
                        out.append(si.status());
                    } else {
                        XlatFormat.signal(out, si.status());
                    }
                    out.append(", si_utime=");
                    clockTicks(out, si.utime());
                    out.append(", si_stime=");
                    clockTicks(out, si.stime());
                }
                case SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP -> {
                    out.append(", si_addr=");
                    SyscallDecoder.pointer(out, si.addr());
                }
                case SIGPOLL -> out.append(", si_band=").append(si.int64(16)).append(", si_fd=").append(si.int32(24));
                case SIGSYS -> {
                    out.append(", si_call_addr=");
                    SyscallDecoder.pointer(out, si.addr());
                    out.append(", si_syscall=").append(si.int32(24))
                            .append(", si_arch=0x").append(Integer.toHexString(si.int32(28)));
                }
                default -> { }
            }
        }
        out.append('}');
    }

    /** A CPU time in clock ticks, with its value in seconds beside it when not zero (USER_HZ is 100). */
    /** A clock_t: its ticks, and unless 0 or -X raw, the seconds they make at 100 a second. */
    static void clockTicks(StringBuilder out, long ticks) {
        out.append(ticks);
        if (ticks != 0 && !XlatFormat.raw()) { // the seconds are a decoding, which -X raw leaves out
            out.append(" /* ").append(ticks / 100).append('.').append(String.format("%02d", ticks % 100))
                    .append(" s */");
        }
    }

    private static void source(StringBuilder out, SigInfo si) {
        out.append(", si_pid=").append(si.pid()).append(", si_uid=").append(Integer.toUnsignedString(si.uid()));
    }

    private static void value(StringBuilder out, SigInfo si) {
        out.append(", si_int=").append((int) si.value()).append(", si_ptr=");
        SyscallDecoder.pointer(out, si.value());
    }
}
