package io.jtrace.engine;

import io.jtrace.testsupport.Lifecycles;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exit_group in a process of 33 threads: the kernel kills the 32 that sleep in pause(), each may or
 * may not stop at PTRACE_EVENT_EXIT, and the leader's death is reported only after all of theirs.
 */
class ExitGroupTest {
    @Test
    void everyThreadEndsAndTheLeaderExitsWithTheCode() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launchFixture("exit_group_threads");
            s.awaitIdle(Duration.ofSeconds(20));
            s.assertNoFailure();
            List<TraceEvent> events = s.recorder.events();

            List<TraceEvent.NewChild> threads = s.recorder.events(TraceEvent.NewChild.class);
            assertEquals(32, threads.size(), "threads created");
            Map<Integer, List<TraceEvent>> lives = Lifecycles.byTid(events);
            assertEquals(33, lives.size(), "threads traced");
            for (TraceEvent.NewChild t : threads) {
                assertEquals(TraceEvent.ChildKind.CLONE, t.kind());
                List<TraceEvent> life = lives.get(t.child());
                assertTrue(life != null, "no events of thread " + t.child());
                assertEquals(new TraceEvent.Attached(t.child(), pid, TraceEvent.Origin.FOLLOWED), life.getFirst());
                // The kernel ends them with the group's exit code, not as killed by its internal SIGKILL.
                assertEquals(new TraceEvent.Exited(t.child(), pid, 3), life.getLast(), "end of thread " + t.child());
            }
            assertEquals(new TraceEvent.Exited(pid, pid, 3), events.getLast(), "the leader's death comes last");
            Lifecycles.assertEveryThreadAttachedAndEndedOnce(events, Set.of());
        }
    }
}
