package io.jtrace.decode;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

/** Clocks and sleeps, as strace's {@code src/time.c} prints them: clock_gettime, nanosleep and kin. */
final class TimeDecoders {
    /** The kernel's restart errnos: a sleep interrupted by a signal left its remaining time. */
    private static final Set<Integer> RESTART_ERRNOS = Set.of(512, 513, 514, 516);

    private TimeDecoders() {}

    static void register(Registry r) {
        r.textArg("clockid", (out, v, call, ctx) -> clockid(out, v));
        r.textArg("timespec", (out, v, call, ctx) -> timespec(out, v, ctx));
        r.textArg("timeval", (out, v, call, ctx) -> timeval(out, v, ctx));
        r.textArg("timezone", TimeDecoders::timezone);
        r.textArg("sigevent", (out, v, call, ctx) -> sigevent(out, v, ctx));
        r.textArg("timer_id", TimeDecoders::timerId);
        r.textCall("nanosleep", new Sleep(false));
        r.textCall("clock_nanosleep", new Sleep(true));
    }

    /** A clockid_t: its name, or its 32 bits in hex with {@code CLOCK_???}. */
    private static final int SIGEV_SIGNAL = 0, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;

    /**
     * A struct sigevent (timer_create): the value when it is not zero, the signal (by name only
     * when the notification sends one, else unsigned), how to notify, and the thread for
     * SIGEV_THREAD_ID or the function and attributes for SIGEV_THREAD.
     */
    static void sigevent(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 64);
        if (b == null) {
            return;
        }
        long value = b.getLong(0);
        int signo = b.getInt(8);
        int notify = b.getInt(12);
        out.append('{');
        if (value != 0) {
            out.append("sigev_value={sival_int=").append((int) value).append(", sival_ptr=");
            DecodeContext.address(out, value);
            out.append("}, ");
        }
        out.append("sigev_signo=");
        if (notify == SIGEV_SIGNAL || notify == SIGEV_THREAD || notify == SIGEV_THREAD_ID) {
            XlatFormat.signal(out, signo);
        } else {
            out.append(Integer.toUnsignedString(signo));
        }
        out.append(", sigev_notify=");
        XlatFormat.value(out, io.jtrace.syscalls.Xlat.get("sigev_value"), Integer.toUnsignedLong(notify));
        if (notify == SIGEV_THREAD_ID) {
            out.append(", sigev_notify_thread_id=").append(b.getInt(16));
        } else if (notify == SIGEV_THREAD) {
            out.append(", sigev_notify_function=");
            DecodeContext.address(out, b.getLong(16));
            out.append(", sigev_notify_attributes=");
            DecodeContext.address(out, b.getLong(24));
        }
        out.append('}');
    }

    /** The timer id timer_create stores: {@code [0]}. */
    private static void timerId(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 4);
        if (b != null) {
            out.append('[').append(b.getInt(0)).append(']');
        }
    }

    static void clockid(StringBuilder out, long v) {
        XlatFormat.value(out, Xlat.get("clocknames"), v);
    }

    /** struct timespec: seconds signed, nanoseconds unsigned, as strace prints them. */
    static void timespec(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 16);
        if (b != null) {
            out.append("{tv_sec=").append(b.getLong(0)).append(", tv_nsec=").append(Long.toUnsignedString(b.getLong(8))).append('}');
        }
    }

    static void timeval(StringBuilder out, long address, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 16);
        if (b != null) {
            timeval(out, b, 0);
        }
    }

    static void timeval(StringBuilder out, ByteBuffer b, int at) {
        out.append("{tv_sec=").append(b.getLong(at)).append(", tv_usec=").append(Long.toUnsignedString(b.getLong(at + 8))).append('}');
    }

    private static void timezone(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ProcessDecoders.readOrAddress(out, ctx, address, 8);
        if (b != null) {
            out.append("{tz_minuteswest=").append(b.getInt(0)).append(", tz_dsttime=").append(b.getInt(4)).append('}');
        }
    }

    /**
     * nanosleep(req, rem) and clock_nanosleep(clock, flags, req, rem): the remaining time means
     * something only when a signal interrupted a relative sleep; otherwise strace prints its address.
     */
    private record Sleep(boolean withClock) implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            int req = 0;
            if (withClock) {
                clockid(out, call.arg(0));
                out.append(", ");
                XlatFormat.flags(out, Xlat.get("clockflags"), call.arg(1));
                out.append(", ");
                req = 2;
            }
            timespec(out, call.arg(req), ctx);
            out.append(", ");
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            long rem = call.arg(withClock ? 3 : 1);
            boolean relative = !withClock || call.arg(1) == 0;
            if (relative && call.isError() && RESTART_ERRNOS.contains((int) -call.rval())) {
                timespec(out, rem, ctx);
            } else {
                DecodeContext.address(out, rem);
            }
            out.append(')');
        }
    }
}
