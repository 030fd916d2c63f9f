package io.jtrace.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * strace 6.1's call summary table, from what a {@link CallCounter} counted: a heading, a line of
 * dashes, one row per call, another line of dashes and the {@code total} row.
 *
 * <pre>
 * % time     seconds  usecs/call     calls    errors syscall
 * ------ ----------- ----------- --------- --------- ----------------
 *  62.50    0.000005           5         1           execve
 *  37.50    0.000003           1         2         1 openat
 * ------ ----------- ----------- --------- --------- ----------------
 * 100.00    0.000008           2         3         1 total
 * </pre>
 *
 * <p>Each column is as wide as its heading or its widest value, whichever is wider (the seconds and
 * usecs/call columns at least 11, calls and errors at least 9, names at least 16 and one more than
 * the longest name), numbers right-aligned and names left-aligned, columns one blank apart. A count
 * of 0 errors is left blank. Rows are sorted by the sort column, largest first (names
 * alphabetically), calls that tie keeping their number order.
 */
public final class SummaryTable {
    private SummaryTable() {}

    /**
     * The table, or the empty string when nothing was counted (strace then prints nothing).
     *
     * @param counts  what was counted (calls with no returns are left out)
     * @param columns the columns, in order, each at most once; {@link Column#NAME} is added at the
     *                end when missing, as strace adds it
     * @param sortBy  the column to sort by, or null for call number order; {@link Column#TIME_PERCENT}
     *                and {@link Column#TIME_TOTAL} both sort by total time
     * @return the table's lines, each ended by a newline
     * @throws IllegalArgumentException when a column is given twice
     */
    public static String render(List<CallCounts> counts, List<Column> columns, Column sortBy) {
        List<Column> cols = new ArrayList<>(columns);
        if (EnumSet.copyOf(cols.isEmpty() ? List.of(Column.NAME) : cols).size() != cols.size()) {
            throw new IllegalArgumentException("a column is given more than once: " + columns);
        }
        if (!cols.contains(Column.NAME)) {
            cols.add(Column.NAME);
        }
        List<CallCounts> rows = new ArrayList<>();
        for (CallCounts c : counts) {
            if (c.calls() > 0) {
                rows.add(c);
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        rows.sort(Comparator.comparingLong(CallCounts::number));

        long cum = 0, min = Long.MAX_VALUE, minMax = 0, max = 0, avgMax = 0, calls = 0, errors = 0;
        int nameMax = 0;
        for (CallCounts c : rows) {
            cum += c.totalNanos();
            min = Math.min(min, c.minNanos());
            minMax = Math.max(minMax, c.minNanos());
            max = Math.max(max, c.maxNanos());
            calls += c.calls();
            errors += c.errors();
            avgMax = Math.max(avgMax, c.avgNanos());
            nameMax = Math.max(nameMax, c.name().length());
        }
        double floatCum = seconds(cum);
        if (sortBy != null) {
            // A stable sort, as glibc's qsort (a merge sort) is for strace's table.
            rows.sort(switch (sortBy) {
                case TIME_PERCENT, TIME_TOTAL -> Comparator.comparingLong(CallCounts::totalNanos).reversed();
                case TIME_MIN -> Comparator.comparingLong(CallCounts::minNanos).reversed();
                case TIME_MAX -> Comparator.comparingLong(CallCounts::maxNanos).reversed();
                case TIME_AVG -> Comparator.comparingLong(CallCounts::avgNanos).reversed();
                case CALLS -> Comparator.comparingLong(CallCounts::calls).reversed();
                case ERRORS -> Comparator.comparingLong(CallCounts::errors).reversed();
                case NAME -> Comparator.comparing(CallCounts::name);
            });
        }

        int[] widths = new int[Column.values().length];
        widths[Column.TIME_PERCENT.ordinal()] = "100.00".length();
        widths[Column.TIME_TOTAL.ordinal()] = Math.max(11, fixed(floatCum, 6).length());
        widths[Column.TIME_MIN.ordinal()] = Math.max(8, (minMax / 1_000_000_000L + ".000000").length());
        widths[Column.TIME_MAX.ordinal()] = Math.max(7, (max / 1_000_000_000L + ".000000").length());
        widths[Column.TIME_AVG.ordinal()] = Math.max(11, Long.toString(micros(seconds(avgMax))).length());
        widths[Column.CALLS.ordinal()] = Math.max(9, Long.toString(calls).length());
        widths[Column.ERRORS.ordinal()] = Math.max(9, Long.toString(errors).length());
        widths[Column.NAME.ordinal()] = Math.max(16, nameMax + 1);

        StringBuilder out = new StringBuilder(128 * (rows.size() + 4));
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            cell(out, i, c.title(), widths[c.ordinal()], c == Column.NAME, i == cols.size() - 1);
        }
        out.append('\n');
        dashes(out, cols, widths);
        for (CallCounts r : rows) {
            double time = seconds(r.totalNanos());
            double percent = 100.0 * time;
            if (percent != 0.0) {
                percent /= floatCum;
            }
            row(out, cols, widths, percent, time, seconds(r.minNanos()), seconds(r.maxNanos()),
                    micros(seconds(r.avgNanos())), r.calls(), r.errors(), r.name());
        }
        dashes(out, cols, widths);
        row(out, cols, widths, 100.0, floatCum, seconds(min), seconds(max),
                micros(floatCum / calls), calls, errors, "total");
        return out.toString();
    }

    private static void row(StringBuilder out, List<Column> cols, int[] widths, double percent, double time,
                            double min, double max, long avgMicros, long calls, long errors, String name) {
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            String value = switch (c) {
                case TIME_PERCENT -> fixed(percent, 2);
                case TIME_TOTAL -> fixed(time, 6);
                case TIME_MIN -> fixed(min, 6);
                case TIME_MAX -> fixed(max, 6);
                case TIME_AVG -> Long.toString(avgMicros);
                case CALLS -> Long.toString(calls);
                // strace prints errors with a precision of 0, which prints 0 as nothing.
                case ERRORS -> errors == 0 ? "" : Long.toString(errors);
                case NAME -> name;
            };
            cell(out, i, value, widths[c.ordinal()], c == Column.NAME, i == cols.size() - 1);
        }
        out.append('\n');
    }

    private static void cell(StringBuilder out, int index, String value, int width, boolean left, boolean last) {
        if (index > 0) {
            out.append(' ');
        }
        if (left) {
            out.append(value);
            if (!last) {
                out.repeat(' ', Math.max(0, width - value.length()));
            }
        } else {
            out.repeat(' ', Math.max(0, width - value.length())).append(value);
        }
    }

    private static void dashes(StringBuilder out, List<Column> cols, int[] widths) {
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.repeat('-', widths[cols.get(i).ordinal()]);
        }
        out.append('\n');
    }

    /** A time as strace's ts_float makes it a double: whole seconds plus the nanoseconds over 1e9. */
    private static double seconds(long nanos) {
        return nanos / 1_000_000_000L + (nanos % 1_000_000_000L) / 1e9;
    }

    /** Seconds as microseconds, truncated as C's conversion to an integer truncates. */
    private static long micros(double seconds) {
        return (long) (seconds * 1e6);
    }

    /** printf's {@code %.Nf}: the double's exact value rounded half-even, as glibc rounds it. */
    private static String fixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
