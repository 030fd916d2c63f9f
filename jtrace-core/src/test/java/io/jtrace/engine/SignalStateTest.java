package io.jtrace.engine;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Kill;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signal dispositions and masks: a launched program starts with exactly the ignored set and mask
 * its LaunchSpec gives, whatever the JVM did to its own; ignored signals still stop the tracee for
 * the tracer; blocked ones are never delivered.
 */
class SignalStateTest {
    private static final long SIGTERM_BIT = 1L << (Kill.SIGTERM - 1), SIGUSR1_BIT = 1L << (Kill.SIGUSR1 - 1);

    /** SIGTERM is one the JVM handles itself: posix_spawn alone would give the program its default action. */
    @Test
    void theLaunchSpecsIgnoredSetAndMaskAndNothingElse(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("status");
        LaunchSpec spec = new LaunchSpec(bytes(Fixtures.path("sig_state").toString()),
                List.of(bytes("sig_state"), bytes(report.toString())), LaunchSpec.environment(), null,
                new int[] {0, 1, 2}, SIGTERM_BIT, SIGUSR1_BIT);
        try (TraceSession s = TraceSession.start(false)) {
            int pid = s.launch(spec);
            s.awaitIdle(ofSeconds(10));
            s.assertNoFailure();
            assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
        }
        List<String> lines = Files.readAllLines(report);
        assertEquals(List.of("SigBlk:\t" + String.format("%016x", SIGUSR1_BIT),
                "SigIgn:\t" + String.format("%016x", SIGTERM_BIT)), lines);
    }

    @Test
    void anIgnoredSignalIsStillReportedAndHarmless() throws Exception {
        try (TraceSession s = TraceSession.start(false)) {
            int pid = s.launchFixture("sig_ignored");
            s.awaitIdle(ofSeconds(10));
            s.assertNoFailure();
            List<TraceEvent> life = s.recorder.eventsOf(pid);
            assertTrue(life.stream().anyMatch(e -> e instanceof TraceEvent.SignalDelivery d
                    && d.signal() == Kill.SIGTERM && d.info() != null && d.info().signo() == Kill.SIGTERM),
                    "SIGTERM's delivery stop: " + life);
            assertEquals(new TraceEvent.Exited(pid, pid, 0), life.getLast());
        }
    }

    @Test
    void aBlockedSignalIsNeverDelivered() throws Exception {
        try (TraceSession s = TraceSession.start(false)) {
            int pid = s.launchFixture("sig_blocked");
            s.awaitIdle(ofSeconds(10));
            s.assertNoFailure();
            List<TraceEvent> life = s.recorder.eventsOf(pid);
            assertTrue(life.stream().noneMatch(e -> e instanceof TraceEvent.SignalDelivery d && d.signal() == Kill.SIGUSR1),
                    "SIGUSR1 was delivered: " + life);
            assertEquals(new TraceEvent.Exited(pid, pid, 0), life.getLast());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
