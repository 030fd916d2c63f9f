package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

/**
 * Decodes a whole system call whose arguments depend on each other (ioctl, fcntl, futex, prctl...),
 * in place of the table's per-argument kinds. It writes arguments only: the call's name and
 * parentheses are the renderer's.
 */
public interface CallDecoder {
    /** Writes the arguments strace prints at entry, and {@link ValueWriter#separator} when more follow. */
    void entry(ValueWriter out, Call call, DecodeContext ctx);

    /** Writes the arguments strace prints at exit. */
    void exit(ValueWriter out, Call call, DecodeContext ctx);

    /**
     * Whether everything is written at entry, so that a call that never returns just ends with
     * {@code ) = ?}; otherwise strace marks it {@code <unfinished ...>} first.
     */
    default boolean completeAtEntry() {
        return false;
    }

    /** Writes the result itself (without {@code = }) and returns true, or returns false for the generic form. */
    default boolean result(ValueWriter out, Call call, DecodeContext ctx) {
        return false;
    }
}
