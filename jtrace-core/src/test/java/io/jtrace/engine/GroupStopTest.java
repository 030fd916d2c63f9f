package io.jtrace.engine;

import io.jtrace.testsupport.Kill;
import io.jtrace.testsupport.Proc;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Job control under trace: a process that stops itself must stay stopped (the engine resumes a
 * group-stop with PTRACE_LISTEN, not a restart) until someone sends SIGCONT, then run on.
 */
class GroupStopTest {
    private static final long NR_WRITE = 1;

    @Test
    void aStoppedProcessStaysStoppedUntilSigcont() throws Exception {
        try (TraceSession s = TraceSession.start(false)) {
            int pid = s.launch(LaunchSpec.inheriting("/bin/sh", List.of("sh", "-c", "kill -STOP $$; echo resumed")));
            TraceEvent stop = s.recorder.await(e -> e instanceof TraceEvent.GroupStop, Duration.ofSeconds(10),
                    "a group-stop");
            assertEquals(new TraceEvent.GroupStop(pid, pid, Kill.SIGSTOP), stop);
            assertTrue(s.recorder.eventsOf(pid).stream().anyMatch(
                            e -> e instanceof TraceEvent.SignalDelivery d && d.signal() == Kill.SIGSTOP),
                    "the SIGSTOP's delivery comes before the stop");

            Thread.sleep(300);
            char state = Proc.state(pid);
            assertTrue(state == 't' || state == 'T', "state of the stopped process: " + state);
            List<TraceEvent> events = s.recorder.eventsOf(pid);
            assertEquals(stop, events.getLast(), "nothing may happen while the process is stopped");

            Kill.send(pid, Kill.SIGCONT);
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();
            List<TraceEvent> after = s.recorder.eventsOf(pid);
            after = after.subList(after.indexOf(stop) + 1, after.size());
            assertTrue(after.stream().anyMatch(e -> e instanceof TraceEvent.SyscallEntry w && w.nr() == NR_WRITE
                    && w.args()[0] == 1), "echo's write after SIGCONT: " + after);
            assertEquals(new TraceEvent.Exited(pid, pid, 0), after.getLast());
        }
    }
}
