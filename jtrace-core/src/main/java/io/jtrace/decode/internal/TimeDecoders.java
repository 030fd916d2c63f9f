package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Clocks and sleeps, as strace's {@code src/time.c} prints them: clock_gettime, nanosleep and kin,
 * and the clock tuning of adjtimex and clock_adjtime.
 */
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
        r.call("adjtimex", new Adjtime(false));
        r.call("clock_adjtime", new Adjtime(true));
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

    /** The kernel's struct timex (64-bit): its size, with the padding after {@code tai}. */
    private static final int TIMEX_SIZE = 208;

    /**
     * adjtimex(buf) and clock_adjtime(clock, buf): the struct timex as the kernel left it, and a
     * successful result followed by the clock state it names, {@code = 5 (TIME_ERROR)}. Both are
     * shown only when the structure could be read: a failed call, like an unreadable buffer,
     * leaves the address and a bare result.
     */
    private record Adjtime(boolean withClock) implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            if (withClock) {
                clockid(out, call.arg(0));
                out.separator();
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            long address = call.arg(withClock ? 1 : 0);
            if (call.isError()) {
                out.pointer(address);
                return;
            }
            ByteBuffer b = ctx.readOrAddress(out, address, TIMEX_SIZE);
            if (b != null) {
                timex(out, b);
            }
        }

        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (call.isError() || ctx.readStruct(call.arg(withClock ? 1 : 0), TIMEX_SIZE) == null) {
                return false;
            }
            out.integer(call.rval(), ValueWriter.Base.DEC);
            String state = Xlat.get("adjtimex_state").nameOf(call.rval());
            if (state != null) {
                out.beginNote("");
                out.symbol(state, call.rval());
                out.endNote();
            }
            return true;
        }
    }

    /** The members of a struct timex in the kernel's order; the 32-bit ones are modes, status, shift and tai. */
    private static void timex(ValueWriter out, ByteBuffer b) {
        out.beginStruct();
        out.field("modes");
        XlatFormat.flags(out, Xlat.get("adjtimex_modes"), Integer.toUnsignedLong(b.getInt(0)));
        longField(out, b, "offset", 8);
        longField(out, b, "freq", 16);
        longField(out, b, "maxerror", 24);
        longField(out, b, "esterror", 32);
        out.field("status");
        XlatFormat.flags(out, Xlat.get("adjtimex_status"), Integer.toUnsignedLong(b.getInt(40)));
        longField(out, b, "constant", 48);
        longField(out, b, "precision", 56);
        longField(out, b, "tolerance", 64);
        out.field("time");
        timeval(out, b, 72);
        longField(out, b, "tick", 88);
        longField(out, b, "ppsfreq", 96);
        longField(out, b, "jitter", 104);
        out.field("shift");
        out.integer(b.getInt(112), ValueWriter.Base.DEC);
        longField(out, b, "stabil", 120);
        longField(out, b, "jitcnt", 128);
        longField(out, b, "calcnt", 136);
        longField(out, b, "errcnt", 144);
        longField(out, b, "stbcnt", 152);
        out.field("tai");
        out.integer(b.getInt(160), ValueWriter.Base.DEC);
        out.endStruct();
    }

    private static void longField(ValueWriter out, ByteBuffer b, String name, int at) {
        out.field(name);
        out.integer(b.getLong(at), ValueWriter.Base.DEC);
    }
}
