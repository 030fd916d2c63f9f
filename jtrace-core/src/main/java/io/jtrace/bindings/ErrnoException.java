package io.jtrace.bindings;

/**
 * A system call failed. Carries the call's name and the errno; the stack trace is left out because
 * these are expected outcomes (a tracee died, a pid does not exist), not programming errors.
 */
public final class ErrnoException extends RuntimeException {
    private final String call;
    private final int errno;

    public ErrnoException(String call, int errno) {
        super(null, null, false, false);
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }

    /** glibc's text for the errno, as strerror(3) gives it. */
    public String reason() {
        return LibC.strerror(errno);
    }

    @Override
    public String getMessage() {
        return call + ": " + reason();
    }

    /** Throws when {@code result} is a negated errno, otherwise returns it. */
    public static long check(String call, long result) {
        if (result < 0 && result >= -4095) {
            throw new ErrnoException(call, (int) -result);
        }
        return result;
    }
}
