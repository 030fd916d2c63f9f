package io.jtrace.stats;

import java.util.List;

/**
 * A column of strace's call summary table, which is also what it can be sorted by.
 */
public enum Column {
    /** {@code % time}: the call's share of the total time. Sorting by it sorts by time. */
    TIME_PERCENT("% time"),
    /** {@code seconds}: the call's total time. */
    TIME_TOTAL("seconds"),
    /** {@code shortest}: the shortest time one call took, in seconds. */
    TIME_MIN("shortest"),
    /** {@code longest}: the longest time one call took, in seconds. */
    TIME_MAX("longest"),
    /** {@code usecs/call}: the average time per call, in microseconds. */
    TIME_AVG("usecs/call"),
    /** {@code calls}: how many times the call returned. */
    CALLS("calls"),
    /** {@code errors}: how many times it failed; blank when never. */
    ERRORS("errors"),
    /** {@code syscall}: the call's name, left-aligned; the table always has it. */
    NAME("syscall");

    /** strace's columns when {@code -U} is not given. */
    public static final List<Column> DEFAULTS = List.of(TIME_PERCENT, TIME_TOTAL, TIME_AVG, CALLS, ERRORS, NAME);

    private final String title;

    Column(String title) {
        this.title = title;
    }

    /** The column's heading in the table, as strace prints it. */
    public String title() {
        return title;
    }
}
