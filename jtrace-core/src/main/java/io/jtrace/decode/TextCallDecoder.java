package io.jtrace.decode;

/**
 * Prints a whole system call whose arguments depend on each other (ioctl, fcntl, futex, prctl...),
 * in place of the table's per-argument kinds.
 */
public interface TextCallDecoder {
    /** Appends what strace prints at entry, after {@code name(}, separators included. */
    void entry(StringBuilder out, Call call, DecodeContext ctx);

    /** Appends what strace prints at exit, then the closing parenthesis. */
    void exit(StringBuilder out, Call call, DecodeContext ctx);

    /**
     * Whether everything is printed at entry, so that a call that never returns just ends with
     * {@code ) = ?}; otherwise strace marks it {@code <unfinished ...>} first.
     */
    default boolean completeAtEntry() {
        return false;
    }

    /** Appends {@code = result} itself and returns true, or returns false for the generic form. */
    default boolean result(StringBuilder out, Call call, DecodeContext ctx) {
        return false;
    }
}
