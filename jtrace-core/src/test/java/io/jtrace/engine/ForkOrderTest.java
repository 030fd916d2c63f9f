package io.jtrace.engine;

import io.jtrace.engine.TraceEvent.ChildKind;
import io.jtrace.testsupport.Kill;
import io.jtrace.testsupport.Lifecycles;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new child's first stop may reach the tracer before its parent's fork event, or after it; which
 * one is up to the kernel's scheduling. Over 100 quick forks both orders occur, and each must give
 * the same trace: the fork, the child attached, the child's exit with its own code.
 */
class ForkOrderTest {
    @Test
    void everyForkedChildIsAttachedAndExitsWithItsCode() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            int top = s.launchFixture("fork_storm");
            s.awaitIdle(Duration.ofSeconds(30));
            s.assertNoFailure();
            List<TraceEvent> events = s.recorder.events();

            List<Integer> topChildren = forkedBy(events, top);
            assertEquals(51, topChildren.size(), "forks of the launched process");
            int middle = topChildren.getFirst();
            List<Integer> middleChildren = forkedBy(events, middle);
            assertEquals(50, middleChildren.size(), "forks of the middle process");

            Map<Integer, List<TraceEvent>> lives = Lifecycles.byTid(events);
            assertExited(lives, top, 0);
            assertExited(lives, middle, 200);
            for (int i = 0; i < 50; i++) {
                assertExited(lives, topChildren.get(i + 1), i + 1);
                assertExited(lives, middleChildren.get(i), i + 51);
            }
            assertEquals(102, lives.size(), "threads traced: the launched process, the middle one, 100 children");
            Lifecycles.assertEveryThreadAttachedAndEndedOnce(events, Set.of());
            System.out.printf("ForkOrderTest: %d of 101 children stopped before their parent's fork event%n",
                    childFirstCount(events));
        }
    }

    /**
     * A child can be attached, run and exit before the tracer sees its parent's fork event. The fork
     * event must then not bring the child back as a tracee that will never stop: detaching
     * everything that is left must still make the tracer idle. Whether a child wins that race is
     * up to the scheduler; the scenario is tried up to three times until one does.
     */
    @Test
    void aChildThatEndedBeforeItsForkEventIsNotTracedAgain() throws Exception {
        int endedFirst = 0;
        for (int attempt = 0; attempt < 3 && endedFirst == 0; attempt++) {
            endedFirst = forkRaceThenDetach();
        }
        Assumptions.assumeTrue(endedFirst > 0,
                "no child ended before its fork event in three tries: the case was not exercised");
    }

    /** One run of fork_race; returns how many children ended before their fork event was seen. */
    private static int forkRaceThenDetach() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            AtomicInteger top = new AtomicInteger(-1);
            // A slow listener on the launched process's stops, which the kernel offers first: the
            // children run on while the middle process's fork events wait.
            s.recorder.react((e, t) -> {
                if (e.tid() == top.get() && (e instanceof TraceEvent.SyscallEntry || e instanceof TraceEvent.SyscallExit)) {
                    sleepMicros(200);
                }
            });
            top.set(s.launchFixture("fork_race"));
            try {
                TraceEvent middleFork = s.recorder.await(e -> e instanceof TraceEvent.NewChild n && n.tid() == top.get(),
                        Duration.ofSeconds(10), "fork of the middle process");
                int middle = ((TraceEvent.NewChild) middleFork).child();
                s.recorder.await(e -> e instanceof TraceEvent.Exited x && x.tid() == middle, Duration.ofSeconds(20),
                        "exit of the middle process");
                List<TraceEvent> events = s.recorder.events();
                List<Integer> children = forkedBy(events, middle);
                assertEquals(50, children.size(), "forks of the middle process");
                Map<Integer, List<TraceEvent>> lives = Lifecycles.byTid(events);
                assertExited(lives, middle, 0);
                int endedFirst = 0;
                for (int i = 0; i < 50; i++) {
                    int child = children.get(i);
                    assertExited(lives, child, i + 1);
                    if (events.indexOf(lives.get(child).getLast())
                            < events.indexOf(new TraceEvent.NewChild(middle, middle, ChildKind.FORK, child))) {
                        endedFirst++;
                    }
                }
                System.out.printf("ForkOrderTest: %d of 50 children ended before their parent's fork event%n", endedFirst);

                s.tracer.detachAll();
                s.awaitIdle(Duration.ofSeconds(5));
                s.assertNoFailure();
                assertEquals(new TraceEvent.Detached(top.get(), top.get()), s.recorder.eventsOf(top.get()).getLast());
                return endedFirst;
            } finally {
                if (top.get() > 0) {
                    Kill.send(top.get(), Kill.SIGKILL);
                }
            }
        }
    }

    private static void sleepMicros(long us) {
        try {
            Thread.sleep(Duration.ofNanos(us * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> forkedBy(List<TraceEvent> events, int parent) {
        return events.stream()
                .filter(e -> e instanceof TraceEvent.NewChild n && n.tid() == parent)
                .map(e -> (TraceEvent.NewChild) e)
                .peek(n -> assertEquals(ChildKind.FORK, n.kind(), n.toString()))
                .map(TraceEvent.NewChild::child)
                .toList();
    }

    private static void assertExited(Map<Integer, List<TraceEvent>> lives, int tid, int code) {
        List<TraceEvent> life = lives.get(tid);
        assertTrue(life != null && !life.isEmpty(), "no events for " + tid);
        assertTrue(life.getFirst() instanceof TraceEvent.Attached, "thread " + tid + " begins with " + life.getFirst());
        assertEquals(new TraceEvent.Exited(tid, tid, code), life.getLast(), "end of process " + tid);
    }

    private static int childFirstCount(List<TraceEvent> events) {
        int n = 0;
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.NewChild c) {
                int attachedAt = indexOfAttached(events, c.child());
                if (attachedAt >= 0 && attachedAt < events.indexOf(e)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int indexOfAttached(List<TraceEvent> events, int tid) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TraceEvent.Attached a && a.tid() == tid) {
                return i;
            }
        }
        return -1;
    }
}
