package io.jtrace.engine;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of launches in a row from one JVM, each checked for exactly what its LaunchSpec gives:
 * the inherited descriptors and nothing else (while the JVM holds others open without
 * close-on-exec), each with its flags and offset, every signal ignored or default as asked, and the
 * mask. The launcher's trampoline is interrupted wherever it happens to be in its start-up, so only
 * many runs cover the places it can be.
 */
class RepeatedLaunchTest {
    private static final int RUNS = Integer.getInteger("jtrace.launchRuns", 300);
    private static final int[] IGNORED = {1, 3, 12, 13, 17, 25}, BLOCKED = {10, 15, 17, 28};

    @Test
    void everyLaunchGetsExactlyItsSpec(@TempDir Path dir) throws Exception {
        Path extra = Files.writeString(dir.resolve("extra"), "0123456789");
        Path report = dir.resolve("report");
        List<AutoCloseable> held = new ArrayList<>();
        try (RandomAccessFile inherited = new RandomAccessFile(extra.toFile(), "rw")) {
            inherited.seek(4);
            // Descriptors of the JVM's own, open without close-on-exec, that must not leak.
            for (int i = 0; i < 4; i++) {
                held.add(new FileInputStream(extra.toFile()));
            }
            int extraFd = descriptorAt(extra, 4);
            LaunchSpec spec = new LaunchSpec(bytes(Fixtures.path("tracee_view").toString()),
                    List.of(bytes("tracee_view"), bytes(report.toString())), List.of(bytes("A=1")), null,
                    new int[] {2, extraFd}, bits(IGNORED), bits(BLOCKED));
            String first = null;
            try (TraceSession s = TraceSession.start(false)) {
                for (int run = 1; run <= RUNS; run++) {
                    int pid = s.launch(spec);
                    s.awaitIdle(Duration.ofSeconds(10));
                    s.assertNoFailure();
                    assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast(), "run " + run);
                    String view = Files.readString(report);
                    if (first == null) {
                        first = view;
                    }
                    assertEquals(first, view, "run " + run + " differs from the first");
                }
            }
            List<String> fds = first.lines().filter(l -> l.startsWith("fd ")).toList();
            assertEquals(2, fds.size(), first);
            assertTrue(fds.get(0).startsWith("fd 2 cloexec=0 "), first);
            assertEquals("fd " + extraFd + " cloexec=0 flags=0100002 pos=4 " + extra.toRealPath(), fds.get(1));
            assertTrue(first.contains("stdin 0 bytes, hash 0 (read failed)\n"), "fd 0 was not inherited:\n" + first);
            for (int sig = 1; sig <= 64; sig++) {
                if (sig == 32 || sig == 33) {
                    continue; // glibc's own, which sigaction refuses
                }
                int n = sig;
                String expected = IntStream.of(IGNORED).anyMatch(i -> i == n) ? "ignored" : "default";
                assertTrue(first.contains("signal " + sig + " " + expected + "\n"), sig + " " + expected + " in\n" + first);
            }
            assertTrue(first.contains("blocked " + IntStream.of(BLOCKED).mapToObj(Integer::toString)
                    .collect(Collectors.joining(" ")) + "\n"), first);
        } finally {
            for (AutoCloseable c : held) {
                c.close();
            }
        }
    }

    /** The descriptor of this process that has {@code file} open at offset {@code pos}. */
    private static int descriptorAt(Path file, long pos) throws Exception {
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file.toRealPath())
                            && Files.readString(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))
                            .startsWith("pos:\t" + pos + "\n")) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (java.io.IOException e) {
                    // closed meanwhile
                }
            }
        }
        throw new AssertionError("no descriptor for " + file + " at " + pos);
    }

    private static long bits(int... signals) {
        long m = 0;
        for (int s : signals) {
            m |= 1L << (s - 1);
        }
        return m;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
