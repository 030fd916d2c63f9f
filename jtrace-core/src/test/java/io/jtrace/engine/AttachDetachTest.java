package io.jtrace.engine;

import io.jtrace.bindings.Errnos;
import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Kill;
import io.jtrace.testsupport.Orphans;
import io.jtrace.testsupport.Proc;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attach to a process of two threads, watch it, let it go: afterwards it runs on untraced, or stays
 * stopped if it was stopped before, as if it had never been traced.
 */
class AttachDetachTest {
    private static final long NR_GETPPID = 110;

    @Test
    void aRunningProcessRunsOnUntracedAfterDetach() throws Exception {
        int pid = startMarkerLoop();
        try (TraceSession s = TraceSession.start(false)) {
            Set<Integer> tids = attach(s, pid);
            for (int tid : tids) {
                s.recorder.await(e -> e instanceof TraceEvent.SyscallExit x && x.tid() == tid && x.nr() == NR_GETPPID,
                        Duration.ofSeconds(10), "a getppid of thread " + tid);
            }

            detachAllAndCheck(s, pid, tids);
            long switches = contextSwitches(pid);
            Thread.sleep(200);
            char state = Proc.state(pid);
            assertTrue(state == 'S' || state == 'R', "state after detach: " + state);
            assertTrue(contextSwitches(pid) > switches, "the process should go on sleeping and waking");
        } finally {
            Orphans.kill(pid);
        }
    }

    /** Detaches everything; each thread's last event is its Detached, and nothing traces the process. */
    private static void detachAllAndCheck(TraceSession s, int pid, Set<Integer> tids) throws Exception {
        s.tracer.detachAll();
        s.awaitIdle(Duration.ofSeconds(10));
        s.assertNoFailure();
        for (int tid : tids) {
            assertEquals(new TraceEvent.Detached(tid, pid), s.recorder.eventsOf(tid).getLast());
        }
        assertEquals("0", Proc.status(pid, "TracerPid"));
    }

    @Test
    void aStoppedProcessStaysStoppedAfterDetach() throws Exception {
        int pid = startMarkerLoop();
        try (TraceSession s = TraceSession.start(false)) {
            Kill.send(pid, Kill.SIGSTOP);
            assertEquals('T', Proc.awaitState(pid, c -> c == 'T', Duration.ofSeconds(5)));
            Set<Integer> tids = attach(s, pid);
            for (int tid : tids) {
                s.recorder.await(e -> e instanceof TraceEvent.GroupStop g && g.tid() == tid && g.signal() == Kill.SIGSTOP,
                        Duration.ofSeconds(10), "the group-stop of thread " + tid);
            }
            Thread.sleep(100);
            assertTrue(s.recorder.events().stream().noneMatch(
                    e -> e instanceof TraceEvent.SyscallEntry || e instanceof TraceEvent.SyscallExit),
                    "a stopped process ran: " + s.recorder.events());

            detachAllAndCheck(s, pid, tids);
            Thread.sleep(200);
            assertEquals('T', Proc.state(pid), "the process must still be stopped");

            Kill.send(pid, Kill.SIGCONT);
            char state = Proc.awaitState(pid, c -> c == 'S' || c == 'R', Duration.ofSeconds(5));
            assertTrue(state == 'S' || state == 'R', "state after SIGCONT: " + state);
        } finally {
            Orphans.kill(pid);
        }
    }

    @Test
    void aChildOfThisJvmIsRefused() throws Exception {
        Process child = new ProcessBuilder(Fixtures.path("marker_loop").toString()).start();
        try (TraceSession s = TraceSession.start(false)) {
            TraceException e = assertThrows(TraceException.class, () -> s.tracer.attach((int) child.pid()));
            assertEquals(Errnos.EPERM, e.errno());
            assertTrue(child.isAlive());
            assertEquals("0", Proc.status(child.pid(), "TracerPid"));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /** Starts marker_loop, not as a child of this JVM, and waits for its second thread. */
    private static int startMarkerLoop() throws Exception {
        int pid = (int) Orphans.start(Fixtures.path("marker_loop"));
        try {
            Proc.awaitThreads(pid, 2, Duration.ofSeconds(5));
        } catch (AssertionError | InterruptedException e) {
            Orphans.kill(pid);
            throw e;
        }
        return pid;
    }

    /** Attaches to both threads of marker_loop; returns their tids. */
    private static Set<Integer> attach(TraceSession s, int pid) throws Exception {
        List<Integer> seized = s.tracer.attach(pid);
        assertEquals(2, seized.size(), "tids seized: " + seized);
        assertTrue(seized.contains(pid));
        for (int tid : seized) {
            s.recorder.await(e -> e instanceof TraceEvent.Attached a && a.tid() == tid, Duration.ofSeconds(10),
                    "the attach of thread " + tid);
            assertEquals(new TraceEvent.Attached(tid, pid, TraceEvent.Origin.ATTACHED), s.recorder.eventsOf(tid).getFirst());
        }
        return new TreeSet<>(seized);
    }

    private static long contextSwitches(int pid) {
        String v = Proc.status(pid, "voluntary_ctxt_switches");
        return v == null ? -1 : Long.parseLong(v);
    }
}
