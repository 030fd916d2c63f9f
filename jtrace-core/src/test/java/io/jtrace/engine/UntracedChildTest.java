package io.jtrace.engine;

import io.jtrace.testsupport.Kill;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracer waits only for its own tracees: a child the JVM starts for someone else, while the
 * tracer is busy, keeps its exit status for the JDK, which reaps it.
 */
class UntracedChildTest {
    @Test
    void anUntracedChildsStatusReachesProcessWaitFor() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launchFixture("marker_loop");
            s.recorder.await(e -> e instanceof TraceEvent.Exec, Duration.ofSeconds(10), "the tracee's exec");

            Process untraced = new ProcessBuilder("/bin/sh", "-c", "sleep 0.3; exit 7").start();
            assertTrue(untraced.waitFor(10, TimeUnit.SECONDS), "the untraced child did not end");
            assertEquals(7, untraced.exitValue());

            assertTrue(s.recorder.events().stream().allMatch(e -> e.pid() == pid),
                    "only the tracee's events: " + s.recorder.events(TraceEvent.Attached.class));
            Kill.send(pid, Kill.SIGKILL);
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();
            assertEquals(new TraceEvent.Killed(pid, pid, Kill.SIGKILL, false), s.recorder.eventsOf(pid).getLast());
            assertTrue(s.recorder.events(TraceEvent.SyscallEntry.class).size() > 10, "the tracee ran traced meanwhile");
        }
    }
}
