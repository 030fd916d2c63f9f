package io.jtrace.engine;

/** Receives every event of a {@link Tracer}, on the tracer's own thread, one at a time. */
@FunctionalInterface
public interface TraceListener {
    /**
     * Called for each event. {@code tracee} controls the stopped thread until this method returns;
     * for events of threads that are gone it reports itself as not stopped.
     */
    void onEvent(TraceEvent event, Tracee tracee);

    /**
     * Called when no tracee has anything to report and the tracer is about to block, if
     * {@link #wantsIdle()} said so: the moment to flush output that must not wait.
     */
    default void onIdle() {}

    /**
     * Whether {@link #onIdle()} should be called before the tracer next blocks. Finding out costs a
     * non-blocking wait4 per stop, so it is asked for only when there is something to do.
     */
    default boolean wantsIdle() {
        return false;
    }
}
