package io.jtrace.engine;

/**
 * Tracing ended early: a {@link TraceListener} threw (the cause), or the tracer thread itself
 * failed. By the time this is thrown every tracee has been let go: after a listener's exception
 * each was detached as by {@link Tracer#detachAll()}, and runs on untraced; when the tracer thread
 * failed, the kernel detached them as it ended (killing those launched, which it was told to kill
 * if their tracer went away).
 */
public final class TraceFailure extends RuntimeException {
    /** A failure described by {@code message}, caused by {@code cause}. */
    public TraceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
