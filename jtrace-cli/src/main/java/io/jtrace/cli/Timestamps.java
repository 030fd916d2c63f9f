package io.jtrace.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Prints the times of {@link Timing} as strace 6.1 prints them, from clock readings taken with
 * {@link io.jtrace.decode.StopClock}. Keeps -r's previous reading, so one instance serves one trace.
 */
final class Timestamps {
    private static final long NANOS = 1_000_000_000L;
    private static final long[] DIVISORS = {NANOS, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private final Timing timing;
    private final ZoneRules zone = ZoneId.systemDefault().getRules();
    /** The local time of {@link #cachedSecond}, as {@code HH:MM:SS}: lines come many to a second. */
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;
    /** The monotonic time of the previous line with -r, or 0 before the first. */
    private long previousLine;

    Timestamps(Timing timing) {
        this.timing = timing;
    }

    /** Whether a line's prefix needs {@code CLOCK_REALTIME}. */
    boolean needsRealtime() {
        return timing.absolute() != Timing.Absolute.NONE;
    }

    /** Whether a stop needs {@code CLOCK_MONOTONIC}: for -r or -T. */
    boolean needsMonotonic() {
        return timing.relative() || timing.syscallTimes();
    }

    /**
     * The times before a line, each followed by a blank: {@code 12:34:56.123456 } (-t), then
     * {@code      0.000123 } (-r), which with -t is {@code (+     0.000123) }.
     */
    void prefix(StringBuilder out, long realtimeNanos, long monotonicNanos) {
        if (timing.absolute() != Timing.Absolute.NONE) {
            long seconds = Math.floorDiv(realtimeNanos, NANOS);
            if (timing.absolute() == Timing.Absolute.UNIX) {
                out.append(seconds);
            } else {
                out.append(localTime(seconds));
            }
            fraction(out, Math.floorMod(realtimeNanos, NANOS), timing.absoluteDigits());
            out.append(' ');
        }
        if (timing.relative()) {
            if (previousLine == 0) {
                previousLine = monotonicNanos;
            }
            long delta = monotonicNanos - previousLine;
            previousLine = monotonicNanos;
            boolean absolute = timing.absolute() != Timing.Absolute.NONE;
            if (absolute) {
                out.append("(+");
            }
            pad(out, Long.toString(delta / NANOS), 6);
            fraction(out, delta % NANOS, timing.relativeDigits());
            out.append(absolute ? ") " : " ");
        }
    }

    /** -T after a call's result: {@code  <0.000123>}. */
    void duration(StringBuilder out, long nanos) {
        out.append(" <").append(nanos / NANOS);
        fraction(out, nanos % NANOS, timing.syscallTimeDigits());
        out.append('>');
    }

    private String localTime(long second) {
        if (second != cachedSecond) {
            // strace: strftime("%T") of localtime(), the zone's offset at that instant.
            long local = Math.floorMod(second + zone.getOffset(Instant.ofEpochSecond(second)).getTotalSeconds(),
                    86_400L);
            cachedTime = two(local / 3600) + ":" + two(local / 60 % 60) + ":" + two(local % 60);
            cachedSecond = second;
        }
        return cachedTime;
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /** {@code .DDD} with {@code digits} digits of {@code nanos}, truncated as strace divides; nothing for 0. */
    private static void fraction(StringBuilder out, long nanos, int digits) {
        if (digits == 0) {
            return;
        }
        out.append('.');
        pad(out, Long.toString(nanos / DIVISORS[digits]), digits, '0');
    }

    private static void pad(StringBuilder out, String s, int width) {
        out.repeat(' ', Math.max(0, width - s.length())).append(s);
    }

    private static void pad(StringBuilder out, String s, int width, char c) {
        out.repeat(c, Math.max(0, width - s.length())).append(s);
    }
}
