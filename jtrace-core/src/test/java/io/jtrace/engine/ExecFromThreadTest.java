package io.jtrace.engine;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Lifecycles;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * execve from a thread that is not the leader. The kernel stops the old leader at its exit
 * (PTRACE_EVENT_EXIT) but never reports its death; the exec'ing thread takes the leader's tid, and
 * its execve returns, and the process later exits, under that tid.
 */
class ExecFromThreadTest {
    private static final long NR_EXECVE = 59;

    /** An Exec event with the program left out, to compare the order of events. */
    private static TraceEvent exec(int tid, int pid, int formerTid) {
        return new TraceEvent.Exec(tid, pid, formerTid, "", List.of());
    }

    private static TraceEvent withoutProgram(TraceEvent e) {
        return e instanceof TraceEvent.Exec x ? exec(x.tid(), x.pid(), x.formerTid()) : e;
    }

    @Test
    void theExecingThreadTakesOverTheLeadersTid() throws Exception {
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launchFixture("exec_thread");
            s.awaitIdle(Duration.ofSeconds(20));
            s.assertNoFailure();
            List<TraceEvent> events = s.recorder.events();

            List<TraceEvent.NewChild> clones = s.recorder.events(TraceEvent.NewChild.class);
            assertEquals(1, clones.size(), "threads created: " + clones);
            assertEquals(TraceEvent.ChildKind.CLONE, clones.getFirst().kind());
            int thread = clones.getFirst().child();

            List<TraceEvent.Exec> execs = s.recorder.events(TraceEvent.Exec.class);
            assertEquals(2, execs.size(), "execs: " + execs);
            assertEquals(Fixtures.path("exec_thread").toString(), execs.get(0).filename());
            assertEquals(List.of("exec_thread"), execs.get(0).argv());
            // The thread's own execve: the name it passed, and the new image's arguments.
            assertEquals("/proc/self/exe", execs.get(1).filename());
            assertEquals("after", execs.get(1).argv().getLast());
            List<TraceEvent> leader = s.recorder.eventsOf(pid).stream()
                    .filter(e -> !(e instanceof TraceEvent.SyscallEntry || e instanceof TraceEvent.SyscallExit))
                    .map(ExecFromThreadTest::withoutProgram)
                    .toList();
            assertEquals(List.of(
                    new TraceEvent.Attached(pid, pid, TraceEvent.Origin.LAUNCHED),
                    exec(pid, pid, pid),
                    new TraceEvent.NewChild(pid, pid, TraceEvent.ChildKind.CLONE, thread),
                    new TraceEvent.Exiting(pid, pid, 0), // the old leader, killed by the exec
                    exec(pid, pid, thread),
                    new TraceEvent.Exiting(pid, pid, 0),
                    new TraceEvent.Exited(pid, pid, 0)), leader, "non-syscall events of tid " + pid);

            // The thread's execve entry is its last event under its own tid; the call returns under the pid.
            List<TraceEvent> threadLife = s.recorder.eventsOf(thread);
            assertEquals(new TraceEvent.Attached(thread, pid, TraceEvent.Origin.FOLLOWED), threadLife.getFirst());
            TraceEvent.SyscallEntry execEntry = assertInstanceOf(TraceEvent.SyscallEntry.class, threadLife.getLast());
            assertEquals(NR_EXECVE, execEntry.nr());
            int exec = events.indexOf(execs.get(1));
            TraceEvent.SyscallExit execExit = assertInstanceOf(TraceEvent.SyscallExit.class,
                    events.subList(exec + 1, events.size()).stream().filter(e -> e.tid() == pid).findFirst().orElseThrow());
            assertEquals(NR_EXECVE, execExit.nr(), "the execve returns in the tid it took over");
            assertEquals(0, execExit.rval());

            Lifecycles.assertEveryThreadAttachedAndEndedOnce(events, Set.of(thread));
        }
    }
}
