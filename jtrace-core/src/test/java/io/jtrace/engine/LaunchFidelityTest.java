package io.jtrace.engine;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A launched program gets exactly what its LaunchSpec says: argv and environment byte for byte,
 * the working directory, and only the inherited descriptors, however many the JVM holds open
 * without close-on-exec. A program that cannot be executed shows the failed execve and exits 1.
 */
class LaunchFidelityTest {
    private static final long NR_EXECVE = 59;
    private static final int EACCES = 13, ENOENT = 2;

    @Test
    void argvEnvironmentCwdAndDescriptorsAreExact(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        Path cwd = Files.createDirectory(dir.resolve("cwd")).toRealPath();
        List<byte[]> argv = List.of(bytes("launch_report"), bytes(report.toString()), bytes("plain"),
                bytes("with space"), bytes(""), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, bytes("ünïcode"));
        List<byte[]> env = List.of(bytes("A=1"), bytes("EMPTY="), new byte[] {'B', 'I', 'N', '=', (byte) 0xff, (byte) 0x80},
                bytes("PATH=/usr/bin:/bin"));
        Path held = Files.writeString(dir.resolve("held open"), "x");
        List<FileInputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(new FileInputStream(held.toFile()));
            }
            assertTrue(heldWithoutCloseOnExec(held) >= 3, "the JVM should hold the test file open, inheritable");

            LaunchSpec spec = new LaunchSpec(bytes(Fixtures.path("launch_report").toString()), argv, env,
                    bytes(cwd.toString()), new int[] {0, 1, 2}, 0, 0);
            try (TraceSession s = TraceSession.start(false)) {
                int pid = s.launch(spec);
                s.awaitIdle(Duration.ofSeconds(10));
                s.assertNoFailure();
                assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
            }
        } finally {
            for (FileInputStream in : open) {
                in.close();
            }
        }

        List<String> expected = new ArrayList<>();
        argv.forEach(a -> expected.add("argv " + hex(a)));
        env.forEach(e -> expected.add("env " + hex(e)));
        expected.add("cwd " + hex(bytes(cwd.toString())));
        expected.addAll(List.of("fd 0", "fd 1", "fd 2"));
        List<String> lines = Files.readAllLines(report);
        List<String> fds = lines.stream().filter(l -> l.startsWith("fd ")).sorted().toList();
        List<String> rest = lines.stream().filter(l -> !l.startsWith("fd ")).toList();
        assertEquals(expected, concat(rest, fds));
    }

    /**
     * The program's standard input is the one it inherits, however far the trampoline got before
     * the tracer took it over (the trampoline reads a pipe meanwhile): checked over enough launches
     * that some are taken over before, some after its read began.
     */
    @Test
    void standardInputIsTheInheritedOneWheneverTheTrampolineIsTakenOver(@TempDir Path dir) throws Exception {
        String expected = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
        for (int i = 0; i < 25; i++) {
            Path report = dir.resolve("stdin" + i);
            LaunchSpec spec = new LaunchSpec(bytes("/bin/sh"), List.of(bytes("sh"), bytes("-c"),
                    bytes("readlink /proc/$$/fd/0 > '" + report + "'")), List.of(bytes("PATH=/usr/bin:/bin")),
                    null, new int[] {0, 1, 2}, 0, 0);
            try (TraceSession s = TraceSession.start(false)) {
                int pid = s.launch(spec);
                s.awaitIdle(Duration.ofSeconds(10));
                s.assertNoFailure();
                assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
            }
            assertEquals(expected, Files.readString(report).strip(), "standard input of launch " + i);
        }
    }

    /**
     * Descriptors the JVM opens, inheritable, while a launch is under way do not reach the program:
     * another thread keeps opening and closing one as programs are launched.
     */
    @Test
    void descriptorsOpenedDuringTheLaunchAreNotInherited(@TempDir Path dir) throws Exception {
        Path held = Files.writeString(dir.resolve("opened meanwhile"), "x");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread opener = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try (FileInputStream in = new FileInputStream(held.toFile())) {
                    Thread.onSpinWait();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        try {
            for (int i = 0; i < 50; i++) {
                Path report = dir.resolve("report" + i);
                LaunchSpec spec = new LaunchSpec(bytes(Fixtures.path("launch_report").toString()),
                        List.of(bytes("launch_report"), bytes(report.toString())), List.of(), null,
                        new int[] {0, 1, 2}, 0, 0);
                try (TraceSession s = TraceSession.start(false)) {
                    int pid = s.launch(spec);
                    s.awaitIdle(Duration.ofSeconds(10));
                    s.assertNoFailure();
                    assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
                }
                assertEquals(List.of("fd 0", "fd 1", "fd 2"),
                        Files.readAllLines(report).stream().filter(l -> l.startsWith("fd ")).sorted().toList(),
                        "descriptors of launch " + i);
            }
        } finally {
            stop.set(true);
            opener.join();
        }
    }

    @Test
    void aProgramThatCannotBeExecutedShowsTheFailedExecveAndExits1(@TempDir Path dir) throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("script"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        assertFailedExec(notExecutable, EACCES);
        assertFailedExec(dir.resolve("missing"), ENOENT);
    }

    private static void assertFailedExec(Path program, int errno) throws Exception {
        try (TraceSession s = TraceSession.start(false)) {
            // Unchecked, as strace starts it: Tracer.launch would refuse the file before it runs.
            int pid = s.tracer.launchUnchecked(LaunchSpec.inheriting(program.toString(), List.of("prog")));
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();
            List<TraceEvent> life = s.recorder.eventsOf(pid);
            assertEquals(new TraceEvent.Attached(pid, pid, TraceEvent.Origin.LAUNCHED), life.get(0));
            TraceEvent.SyscallEntry entry = assertInstanceOf(TraceEvent.SyscallEntry.class, life.get(1));
            assertEquals(NR_EXECVE, entry.nr());
            TraceEvent.SyscallExit exit = assertInstanceOf(TraceEvent.SyscallExit.class, life.get(2));
            assertEquals(NR_EXECVE, exit.nr());
            assertTrue(exit.isError(), "execve of " + program + " should fail: " + exit);
            assertEquals(-errno, exit.rval());
            assertTrue(life.stream().noneMatch(e -> e instanceof TraceEvent.Exec), "no exec: " + life);
            assertEquals(new TraceEvent.Exited(pid, pid, 1), life.getLast());
        }
    }

    /** How many descriptors of this process refer to {@code file} and lack close-on-exec. */
    private static int heldWithoutCloseOnExec(Path file) throws IOException {
        int n = 0;
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (!Files.readSymbolicLink(fd).equals(file.toRealPath())) {
                        continue;
                    }
                    String flags = Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString())).stream()
                            .filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                    if ((Long.parseLong(flags.substring(6).trim(), 8) & 02000000) == 0) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed meanwhile: the listing's own descriptor, or another thread's
                }
            }
        }
        return n;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
