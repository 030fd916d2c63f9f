package io.jtrace.engine;

import io.jtrace.syscalls.SyscallSet;
import io.jtrace.syscalls.SyscallTable;
import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A launch that stops only at some calls ({@link LaunchSpec#stoppingAt}): the untraced calls run
 * and answer right, the traced ones are reported exactly as a trace of every call reports them,
 * in the launched process, its threads and its forked and exec'ed children.
 */
class SeccompLaunchTest {
    private static final SyscallTable TABLE = SyscallTable.x86_64();
    private static final long OPENAT = TABLE.number("openat"), EXECVE = TABLE.number("execve"),
            EXECVEAT = TABLE.number("execveat");

    private record Run(List<TraceEvent> events, int pid) {}

    private static Run trace(SyscallSet stopAt, String expectedSeccompMode) throws Exception {
        LaunchSpec spec = LaunchSpec.inheriting(Fixtures.path("filtered_calls").toString(),
                List.of("filtered_calls", "20000", expectedSeccompMode)).stoppingAt(stopAt);
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launch(spec);
            s.awaitIdle(ofSeconds(30));
            s.assertNoFailure();
            assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast(),
                    "the program's own checks: " + s.recorder.eventsOf(pid));
            return new Run(s.recorder.events(), pid);
        }
    }

    /** Per thread, in order: the entries and exits of {@code calls}, as "name(arg0) = rval", tids renumbered. */
    private static Map<Integer, List<String>> callsByThread(Run run, Set<Long> calls) {
        Map<Integer, Integer> renumbered = new TreeMap<>();
        Map<Integer, List<String>> byThread = new TreeMap<>();
        for (TraceEvent e : run.events()) {
            String line = switch (e) {
                case TraceEvent.SyscallEntry en when calls.contains(en.nr()) -> TABLE.lookup(en.nr()).orElseThrow().name() + " entry";
                case TraceEvent.SyscallExit x when calls.contains(x.nr()) -> TABLE.lookup(x.nr()).orElseThrow().name() + " = " + (x.isError() ? "error" : x.rval() >= 0 ? "ok" : "?");
                case TraceEvent.Exec x -> "exec " + x.filename();
                case TraceEvent.Exited x -> "exited " + x.code();
                default -> null;
            };
            if (line != null) {
                int id = renumbered.computeIfAbsent(e.tid(), k -> renumbered.size());
                byThread.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
            }
        }
        return byThread;
    }

    @Test
    void untracedCallsRunWithoutStopsAndTracedOnesAreReportedAsWithoutTheFilter() throws Exception {
        Run filtered = trace(SyscallSet.of(OPENAT), "2");
        Run everything = trace(null, "0");
        Set<Long> stopped = filtered.events().stream()
                .filter(e -> e instanceof TraceEvent.SyscallEntry)
                .map(e -> ((TraceEvent.SyscallEntry) e).nr()).collect(Collectors.toSet());
        assertEquals(Set.of(OPENAT, EXECVE), stopped, "the calls the filtered trace stopped at");
        long getpids = everything.events().stream().filter(e -> e instanceof TraceEvent.SyscallEntry en
                && en.nr() == TABLE.number("getpid")).count();
        assertTrue(getpids >= 20000, "the full trace saw the getpid loop: " + getpids);
        Set<Long> both = Set.of(OPENAT, EXECVE, EXECVEAT);
        assertEquals(callsByThread(everything, both), callsByThread(filtered, both));
        // The thread's open, the child's own and its exec's: three processes or threads opened.
        assertTrue(callsByThread(filtered, both).size() >= 3, () -> "" + callsByThread(filtered, both));
    }

    @Test
    void aFilterNeedsATracerThatFollowsForks() throws Exception {
        LaunchSpec spec = LaunchSpec.inheriting(Fixtures.path("filtered_calls").toString(),
                List.of("filtered_calls", "1")).stoppingAt(SyscallSet.of(OPENAT));
        try (TraceSession s = TraceSession.start(false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.launch(spec));
            assertTrue(e.getMessage().contains("followForks"), e.getMessage());
        }
    }

    @Test
    void aFilteredProcessLetGoIsKilledRatherThanLeftToFailItsCalls() throws Exception {
        LaunchSpec spec = LaunchSpec.inheriting(Fixtures.path("filtered_calls").toString(),
                List.of("filtered_calls", "2000000000")).stoppingAt(SyscallSet.of(OPENAT));
        try (TraceSession s = TraceSession.start(true)) {
            int pid = s.launch(spec);
            s.tracer.detachAll();
            s.awaitIdle(ofSeconds(10));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (isRunning(pid) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(!isRunning(pid), () -> "process " + pid + " still runs, untraced, with the filter: "
                    + s.recorder.eventsOf(pid));
            assertEquals(new TraceEvent.Killed(pid, pid, 9, false), s.recorder.eventsOf(pid).getLast());
        }
    }

    /** Alive and not a zombie (the JVM, its parent, does not reap it). */
    private static boolean isRunning(int pid) throws Exception {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
        if (!java.nio.file.Files.exists(stat)) {
            return false;
        }
        String s = java.nio.file.Files.readString(stat);
        char state = s.charAt(s.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }
}
