package io.jtrace.decode;

import java.time.Instant;

/**
 * The clocks the times of a trace are read from, the two strace 6.1 reads: {@code CLOCK_MONOTONIC}
 * for durations (how long a call took, the time between two lines, {@link SyscallEvent}'s entry
 * and exit times) and {@code CLOCK_REALTIME} for the time of day a line was printed at.
 *
 * <p>A stop's time is taken when the listener receives its event: listeners run on the tracer's
 * thread right after the wait that reported the stop, so the time is the stop's to within the
 * cost of that wait. Read the clock once per event and use that value for everything printed at
 * the stop, so that one library user and another (and the {@code jtrace} command) agree.
 */
public final class StopClock {
    private StopClock() {
    }

    /**
     * {@code CLOCK_MONOTONIC} now, in nanoseconds from an arbitrary origin: only differences
     * between two readings mean something. This is {@link System#nanoTime()}, which reads that
     * clock on Linux.
     *
     * @return the monotonic time in nanoseconds
     */
    public static long monotonicNanos() {
        return System.nanoTime();
    }

    /**
     * {@code CLOCK_REALTIME} now, in nanoseconds since 1970-01-01T00:00:00Z (a {@code long} holds
     * them until the year 2262).
     *
     * @return the wall-clock time in nanoseconds since the epoch
     */
    public static long realtimeNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
