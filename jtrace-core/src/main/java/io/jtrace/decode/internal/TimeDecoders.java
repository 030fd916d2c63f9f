package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Set;

/** Clocks and sleeps, as strace's {@code src/time.c} prints them: clock_gettime, nanosleep and kin. */
final class TimeDecoders {
    /** The kernel's restart errnos: a sleep interrupted by a signal left its remaining time. */
    private static final Set<Integer> RESTART_ERRNOS = Set.of(512, 513, 514, 516);

    private TimeDecoders() {}

    static void register(Registry r) {
        r.arg("clockid", (out, v, call, ctx) -> clockid(out, v));
        r.arg("timespec", (out, v, call, ctx) -> timespec(out, v, ctx));
        r.arg("timeval", (out, v, call, ctx) -> timeval(out, v, ctx));
        r.arg("timezone", TimeDecoders::timezone);
        r.arg("sigevent", (out, v, call, ctx) -> sigevent(out, v, ctx));
        r.arg("timer_id", TimeDecoders::timerId);
        r.call("nanosleep", new Sleep(false));
        r.call("clock_nanosleep", new Sleep(true));
    }

    private static final int SIGEV_SIGNAL = 0, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;

    /**
     * A struct sigevent (timer_create): the value when it is not zero, the signal (by name only
     * when the notification sends one, else unsigned), how to notify, and the thread for
     * SIGEV_THREAD_ID or the function and attributes for SIGEV_THREAD.
     */
    static void sigevent(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 64);
        if (b == null) {
            return;
        }
        long value = b.getLong(0);
        int signo = b.getInt(8);
        int notify = b.getInt(12);
        out.beginStruct();
        if (value != 0) {
            out.field("sigev_value");
            out.beginStruct();
            out.field("sival_int");
            out.integer((int) value, ValueWriter.Base.DEC);
            out.field("sival_ptr");
            out.pointer(value);
            out.endStruct();
        }
        out.field("sigev_signo");
        if (notify == SIGEV_SIGNAL || notify == SIGEV_THREAD || notify == SIGEV_THREAD_ID) {
            XlatFormat.signal(out, signo);
        } else {
            out.integer(Integer.toUnsignedLong(signo), ValueWriter.Base.DEC);
        }
        out.field("sigev_notify");
        XlatFormat.value(out, Xlat.get("sigev_value"), Integer.toUnsignedLong(notify));
        if (notify == SIGEV_THREAD_ID) {
            out.field("sigev_notify_thread_id");
            out.integer(b.getInt(16), ValueWriter.Base.DEC);
        } else if (notify == SIGEV_THREAD) {
            out.field("sigev_notify_function");
            out.pointer(b.getLong(16));
            out.field("sigev_notify_attributes");
            out.pointer(b.getLong(24));
        }
        out.endStruct();
    }

    /** The timer id timer_create stores: {@code [0]}. */
    private static void timerId(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 4);
        if (b != null) {
            out.beginArray();
            out.integer(b.getInt(0), ValueWriter.Base.DEC);
            out.endArray();
        }
    }

    /** A clockid_t: its name, or its 32 bits in hex with {@code CLOCK_???}. */
    static void clockid(ValueWriter out, long v) {
        XlatFormat.value(out, Xlat.get("clocknames"), v);
    }

    /** As {@link #timespec(StringBuilder, long, DecodeContext)}. */
    static void timespec(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 16);
        if (b != null) {
            out.beginStruct();
            out.field("tv_sec");
            out.integer(b.getLong(0), ValueWriter.Base.DEC);
            out.field("tv_nsec");
            out.integer(b.getLong(8), ValueWriter.Base.UDEC);
            out.endStruct();
        }
    }

    /** struct timeval at {@code address}: seconds signed, microseconds unsigned. */
    static void timeval(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 16);
        if (b != null) {
            timeval(out, b, 0);
        }
    }

    /** As {@link #timeval(StringBuilder, ByteBuffer, int)}. */
    static void timeval(ValueWriter out, ByteBuffer b, int at) {
        out.beginStruct();
        out.field("tv_sec");
        out.integer(b.getLong(at), ValueWriter.Base.DEC);
        out.field("tv_usec");
        out.integer(b.getLong(at + 8), ValueWriter.Base.UDEC);
        out.endStruct();
    }

    private static void timezone(ValueWriter out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 8);
        if (b != null) {
            out.beginStruct();
            out.field("tz_minuteswest");
            out.integer(b.getInt(0), ValueWriter.Base.DEC);
            out.field("tz_dsttime");
            out.integer(b.getInt(4), ValueWriter.Base.DEC);
            out.endStruct();
        }
    }

    /**
     * nanosleep(req, rem) and clock_nanosleep(clock, flags, req, rem): the remaining time means
     * something only when a signal interrupted a relative sleep; otherwise strace prints its address.
     */
    private record Sleep(boolean withClock) implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            int req = 0;
            if (withClock) {
                clockid(out, call.arg(0));
                XlatFormat.flags(out, Xlat.get("clockflags"), call.arg(1));
                req = 2;
            }
            timespec(out, call.arg(req), ctx);
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            long rem = call.arg(withClock ? 3 : 1);
            boolean relative = !withClock || call.arg(1) == 0;
            if (relative && call.isError() && RESTART_ERRNOS.contains((int) -call.rval())) {
                timespec(out, rem, ctx);
            } else {
                out.pointer(rem);
            }
        }
    }
}
