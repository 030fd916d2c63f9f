package io.jtrace.cli;

/**
 * The times strace 6.1 puts on a line: {@code -t}/{@code --absolute-timestamps} before it,
 * {@code -r}/{@code --relative-timestamps} after that, {@code -T}/{@code --syscall-times} after a
 * call's result. Each precision is the number of digits after the second: 0 ({@code s}),
 * 3 ({@code ms}), 6 ({@code us}) or 9 ({@code ns}).
 *
 * @param absolute          whether and how the time of day is printed
 * @param absoluteDigits    its digits after the second
 * @param relativeDigits    the digits after the second of the time since the previous line, or -1
 *                          when {@code -r} is off
 * @param syscallTimeDigits the digits after the second of a call's duration, or -1 when {@code -T}
 *                          is off
 */
public record Timing(Absolute absolute, int absoluteDigits, int relativeDigits, int syscallTimeDigits) {
    /** No times at all, strace's default. */
    public static final Timing NONE = new Timing(Absolute.NONE, 0, -1, -1);

    /** What {@code --absolute-timestamps=format:FORMAT} selects. */
    public enum Absolute {
        /** {@code none}: no time of day. */
        NONE,
        /** {@code time}: the local time, {@code HH:MM:SS} ({@code -t}, {@code -tt}). */
        TIME,
        /** {@code unix}: seconds since the epoch ({@code -ttt}). */
        UNIX
    }

    /** Whether {@code -r} is on. */
    public boolean relative() {
        return relativeDigits >= 0;
    }

    /** Whether {@code -T} is on. */
    public boolean syscallTimes() {
        return syscallTimeDigits >= 0;
    }
}
