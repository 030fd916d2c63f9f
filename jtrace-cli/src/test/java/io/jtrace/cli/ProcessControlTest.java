package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Requirements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the tracee and the user see around the trace: attaching and detaching with -p, signals
 * that end jtrace, job control, following a pipeline and its exit status.
 */
@Timeout(60)
class ProcessControlTest {
    @BeforeEach
    void requirements() {
        Requirements.ptrace();
    }

    private static String procStatus(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + key + " in /proc/" + pid + "/status");
    }

    private static void signal(long pid, String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    }

    private static String awaitText(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String s = Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
            if (s.contains(text)) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no \"" + text + "\" in " + file + ":\n" + Files.readString(file));
    }

    private static Process startJtrace(List<String> args, Path stderr) throws IOException {
        return new ProcessBuilder(Runs.jtraceCommand("jtrace", args)).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
    }

    /** -p, then SIGINT: jtrace detaches, says so, and dies of SIGINT; the process runs on untraced. */
    @Test
    void attachThenInterruptLeavesTheProcessRunning() throws Exception {
        Process target = new ProcessBuilder(Fixtures.path("sleeper").toString()).start();
        Path err = Files.createTempFile("jtrace", ".err");
        try {
            Process jtrace = startJtrace(List.of("-p", Long.toString(target.pid())), err);
            awaitText(err, "getppid()");
            String tracer = procStatus(target.pid(), "TracerPid");
            assertTrue(Files.exists(Path.of("/proc/" + jtrace.pid() + "/task/" + tracer)),
                    "traced by a thread of jtrace, not " + tracer);
            signal(jtrace.pid(), "INT");
            assertTrue(jtrace.waitFor(20, TimeUnit.SECONDS));
            assertEquals(128 + 2, jtrace.exitValue(), "jtrace ends by the signal, as strace does");
            String trace = Files.readString(err);
            assertTrue(trace.startsWith("jtrace: Process " + target.pid() + " attached\n"), trace);
            assertTrue(trace.contains("jtrace: Process " + target.pid() + " detached\n"), trace);
            assertEquals("0", procStatus(target.pid(), "TracerPid"));
            Thread.sleep(100);
            assertTrue(procStatus(target.pid(), "State").startsWith("S") || procStatus(target.pid(), "State").startsWith("R"),
                    "still running: " + procStatus(target.pid(), "State"));
            assertTrue(target.isAlive());
        } finally {
            target.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
        }
    }

    /** A process stopped by SIGSTOP stays stopped through attach and detach. */
    @Test
    void aStoppedProcessStaysStopped() throws Exception {
        Process target = new ProcessBuilder(Fixtures.path("sleeper").toString()).start();
        Path err = Files.createTempFile("jtrace", ".err");
        try {
            signal(target.pid(), "STOP");
            awaitState(target.pid(), "T");
            Process jtrace = startJtrace(List.of("-p", Long.toString(target.pid())), err);
            awaitText(err, "attached");
            Thread.sleep(200);
            signal(jtrace.pid(), "TERM");
            assertTrue(jtrace.waitFor(20, TimeUnit.SECONDS));
            assertEquals(128 + 15, jtrace.exitValue());
            assertEquals("0", procStatus(target.pid(), "TracerPid"));
            assertTrue(procStatus(target.pid(), "State").startsWith("T"), procStatus(target.pid(), "State"));
            signal(target.pid(), "CONT");
            awaitState(target.pid(), "S");
        } finally {
            target.destroyForcibly().waitFor();
            Files.deleteIfExists(err);
        }
    }

    private static void awaitState(long pid, String state) throws Exception {
        for (int i = 0; i < 500 && !procStatus(pid, "State").startsWith(state); i++) {
            Thread.sleep(10);
        }
        assertTrue(procStatus(pid, "State").startsWith(state), "state " + procStatus(pid, "State"));
    }

    /** A traced shell that stops itself stays stopped until another process sends SIGCONT. */
    @Test
    void jobControlStopIsRespected() throws Exception {
        Path err = Files.createTempFile("jtrace", ".err");
        try {
            Process jtrace = new ProcessBuilder(Runs.jtraceCommand("jtrace",
                    List.of("-e", "trace=write", "sh", "-c", "kill -STOP $$; echo resumed")))
                    .redirectInput(new File("/dev/null")).redirectError(err.toFile()).start();
            awaitText(err, "--- stopped by SIGSTOP ---");
            long shell = jtrace.children().findFirst().orElseThrow().pid();
            Thread.sleep(300);
            assertTrue(procStatus(shell, "State").matches("[tT].*"), "stopped: " + procStatus(shell, "State"));
            assertTrue(jtrace.isAlive());
            assertTrue(!Files.readString(err).contains("write("), "nothing ran while stopped");
            signal(shell, "CONT");
            assertTrue(jtrace.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, jtrace.exitValue());
            assertEquals("resumed\n", new String(jtrace.getInputStream().readAllBytes()));
            String trace = Files.readString(err);
            assertTrue(trace.matches("(?s)--- SIGSTOP \\{si_signo=SIGSTOP, si_code=SI_USER, si_pid=\\d+, si_uid=\\d+\\} ---\n"
                    + "--- stopped by SIGSTOP ---\n"
                    + "--- SIGCONT \\{si_signo=SIGCONT, si_code=SI_USER, si_pid=\\d+, si_uid=\\d+\\} ---\n"
                    + "write\\(1, \"resumed\\\\n\", 8\\) += 8\n"
                    + "\\+\\+\\+ exited with 0 \\+\\+\\+\n"), trace);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** -f follows every process of a pipeline; jtrace exits with the command's status. */
    @Test
    void followsAPipelineAndPassesItsExitStatusOn() throws Exception {
        Runs.Result r = Runs.run(Runs.jtraceCommand("jtrace",
                List.of("-f", "-e", "trace=execve,exit_group", "sh", "-c", "ls / | wc -l; exit 7")));
        assertEquals(7, r.exit(), r.stderr());
        for (String prog : List.of("/usr/bin/sh", "/usr/bin/ls", "/usr/bin/wc")) {
            assertTrue(r.stderr().contains("execve(\"" + prog + "\""), prog + " in\n" + r.stderr());
        }
        assertEquals(3, r.stderr().lines().filter(l -> l.matches("(\\[pid +\\d+\\] )?\\+\\+\\+ exited with \\d+ \\+\\+\\+")).count(),
                r.stderr());
        // As strace's, the message goes out at once, possibly in the middle of a trace line.
        assertEquals(2, java.util.regex.Pattern.compile("jtrace: Process \\d+ attached\n").matcher(r.stderr())
                .results().count(), r.stderr());
        assertEquals(2, r.stderr().lines().filter(l -> l.matches("\\[pid +\\d+\\] \\+\\+\\+ exited with 0 \\+\\+\\+")).count(),
                "the children's exits carry their [pid N] prefix:\n" + r.stderr());
        assertTrue(r.stderr().endsWith("+++ exited with 7 +++\n"), r.stderr());
    }
}
