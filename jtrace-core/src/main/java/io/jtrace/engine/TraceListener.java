package io.jtrace.engine;

/** Receives every event of a {@link Tracer}, on the tracer's own thread, one at a time. */
@FunctionalInterface
public interface TraceListener {
    /**
     * Called for each event. {@code tracee} controls the stopped thread until this method returns;
     * for events of threads that are gone it reports itself as not stopped.
     */
    void onEvent(TraceEvent event, Tracee tracee);

    /** Called when no tracee has anything to report and the tracer is about to block. */
    default void onIdle() {}
}
