package io.jtrace.engine;

/**
 * Tracing could not start: a launch or attach failed. The message is a sentence for a user;
 * {@link #errno()} is the system error behind it, or 0.
 */
public final class TraceException extends Exception {
    /** The system error behind the failure, or 0. */
    private final int errno;

    /**
     * A failure described by {@code message}, caused by the system error {@code errno} (0 for none).
     */
    public TraceException(String message, int errno) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The system error behind the failure ({@code ENOENT} for a program not found), or 0. */
    public int errno() {
        return errno;
    }
}
