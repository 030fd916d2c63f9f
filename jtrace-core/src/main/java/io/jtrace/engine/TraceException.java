package io.jtrace.engine;

/**
 * Tracing could not start: a launch or attach failed. The message is a sentence for a user;
 * {@link #errno()} is the system error behind it, or 0.
 */
public final class TraceException extends Exception {
    private final int errno;

    public TraceException(String message, int errno) {
        super(message, null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
