package io.jtrace.stats;

/**
 * What a {@link CallCounter} counted for one system call. Times are in nanoseconds, each call's
 * already reduced by the counter's overhead and never below zero.
 *
 * @param number     the call's number
 * @param name       its name, as strace prints it
 * @param calls      how many times it returned
 * @param errors     how many of those it failed
 * @param totalNanos the time all of them took
 * @param minNanos   the shortest time one took
 * @param maxNanos   the longest time one took
 */
public record CallCounts(long number, String name, long calls, long errors, long totalNanos, long minNanos,
                         long maxNanos) {
    /** The average time of one call, rounded to the nearest nanosecond as strace rounds it; 0 for no calls. */
    public long avgNanos() {
        return calls == 0 ? 0 : (totalNanos + calls / 2) / calls;
    }
}
