package io.jtrace.engine;

import io.jtrace.testsupport.Lifecycles;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vfork: the parent is suspended until the child execs or exits; both are followed to the end. */
class VforkTest {
    @Test
    void aVforkedChildThatExecs() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launchFixture("vfork_child", "exec");
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();
            int child = vforkedChild(s, pid);
            List<TraceEvent> life = s.recorder.eventsOf(child);
            assertTrue(life.contains(new TraceEvent.Exec(child, child, child, "/bin/true", List.of("true"))),
                    "the child's exec: " + life);
            assertEquals(new TraceEvent.Exited(child, child, 0), life.getLast());
            assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
            Lifecycles.assertEveryThreadAttachedAndEndedOnce(s.recorder.events(), Set.of());
        }
    }

    @Test
    void aVforkedChildThatExits() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launchFixture("vfork_child", "exit");
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();
            int child = vforkedChild(s, pid);
            List<TraceEvent> life = s.recorder.eventsOf(child);
            assertTrue(life.stream().noneMatch(e -> e instanceof TraceEvent.Exec), "the child did not exec: " + life);
            assertEquals(new TraceEvent.Exited(child, child, 7), life.getLast());
            assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
            Lifecycles.assertEveryThreadAttachedAndEndedOnce(s.recorder.events(), Set.of());
        }
    }

    private static int vforkedChild(TraceSession s, int parent) {
        List<TraceEvent.NewChild> children = s.recorder.events(TraceEvent.NewChild.class);
        assertEquals(1, children.size(), "children: " + children);
        TraceEvent.NewChild c = children.getFirst();
        assertEquals(TraceEvent.ChildKind.VFORK, c.kind());
        assertEquals(parent, c.tid());
        assertEquals(new TraceEvent.Attached(c.child(), c.child(), TraceEvent.Origin.FOLLOWED),
                s.recorder.eventsOf(c.child()).getFirst());
        return c.child();
    }
}
