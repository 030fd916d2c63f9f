package io.jtrace.testsupport;

import io.jtrace.engine.TraceEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/** Checks on the life of each thread in a recorded trace. */
public final class Lifecycles {
    private Lifecycles() {}

    /** The events of each thread, by tid, in the order the threads first appear. */
    public static Map<Integer, List<TraceEvent>> byTid(List<TraceEvent> events) {
        return events.stream().collect(Collectors.groupingBy(TraceEvent::tid, LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * Every thread's first event is {@link TraceEvent.Attached} and its last is its one terminal
     * event (Exited, Killed or Detached), except the threads in {@code vanished}, which must have
     * no terminal event at all (a thread whose tid an exec took over).
     */
    public static void assertEveryThreadAttachedAndEndedOnce(List<TraceEvent> events, Set<Integer> vanished) {
        for (Map.Entry<Integer, List<TraceEvent>> e : byTid(events).entrySet()) {
            int tid = e.getKey();
            List<TraceEvent> life = e.getValue();
            assertInstanceOf(TraceEvent.Attached.class, life.getFirst(), "first event of thread " + tid);
            long terminal = life.stream().filter(Recorder::isTerminal).count();
            if (vanished.contains(tid)) {
                assertEquals(0, terminal, "terminal events of vanished thread " + tid + ": " + life);
            } else {
                assertEquals(1, terminal, "terminal events of thread " + tid + ": " + life);
                if (!Recorder.isTerminal(life.getLast())) {
                    fail("thread " + tid + " has events after its end: " + life);
                }
            }
        }
    }
}
