package io.jtrace.engine;

import io.jtrace.testsupport.Kill;
import io.jtrace.testsupport.Lifecycles;
import io.jtrace.testsupport.Proc;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Death by SIGKILL can come at any time: while the tracee sits in a ptrace-stop (every ptrace call
 * on it then fails with ESRCH), or while it blocks inside a system call. Either way it is a Killed
 * event, not an engine failure, and the tracer goes idle.
 */
class SigkillTest {
    private static final long NR_READ = 0, NR_GETPPID = 110;

    @Test
    void killedWhileStoppedAtASyscallEntry() throws Exception {
        try (TraceSession s = TraceSession.start(false)) {
            s.recorder.react((e, tracee) -> {
                if (e instanceof TraceEvent.SyscallEntry se && se.nr() == NR_GETPPID) {
                    Kill.send(se.pid(), Kill.SIGKILL);
                }
            });
            int pid = s.launchFixture("kill_at_stop");
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();

            List<TraceEvent> life = s.recorder.eventsOf(pid);
            assertEquals(new TraceEvent.Killed(pid, pid, Kill.SIGKILL, false), life.getLast());
            int marker = indexOfEntry(life, NR_GETPPID);
            assertFalse(life.subList(marker + 1, life.size()).stream()
                            .anyMatch(e -> e instanceof TraceEvent.SyscallEntry || e instanceof TraceEvent.SyscallExit),
                    "the process ran on after the kill: " + life.subList(marker, life.size()));
            Lifecycles.assertEveryThreadAttachedAndEndedOnce(s.recorder.events(), Set.of());
        }
    }

    @Test
    void killedWhileBlockedInARead() throws Exception {
        try (TraceSession s = TraceSession.start(false)) {
            int pid = s.launchFixture("kill_in_syscall");
            TraceEvent marker = s.recorder.await(e -> e instanceof TraceEvent.SyscallExit x && x.nr() == NR_GETPPID,
                    Duration.ofSeconds(10), "the marker getppid");
            s.recorder.awaitAfter(marker, e -> e instanceof TraceEvent.SyscallEntry x && x.nr() == NR_READ,
                    Duration.ofSeconds(10), "the blocking read");
            assertEquals('S', Proc.awaitState(pid, c -> c == 'S', Duration.ofSeconds(5)),
                    "the process should be asleep in read(2)");
            Kill.send(pid, Kill.SIGKILL);
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();

            List<TraceEvent> life = s.recorder.eventsOf(pid);
            assertEquals(new TraceEvent.Killed(pid, pid, Kill.SIGKILL, false), life.getLast());
            Lifecycles.assertEveryThreadAttachedAndEndedOnce(s.recorder.events(), Set.of());
        }
    }

    private static int indexOfEntry(List<TraceEvent> events, long nr) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof TraceEvent.SyscallEntry e && e.nr() == nr) {
                return i;
            }
        }
        throw new AssertionError("no entry of syscall " + nr + " in " + events);
    }
}
