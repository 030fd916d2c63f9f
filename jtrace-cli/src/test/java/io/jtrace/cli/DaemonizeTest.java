package io.jtrace.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -D, -DD, -DDD: the program runs in the process jtrace's caller started (its parent is the
 * caller, its exit status the caller's to reap) while the tracer runs apart and writes the trace
 * when it can, as strace's does.
 */
class DaemonizeTest {
    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-D", "-DD", "-DDD", "--daemonize=session"})
    void theProgramIsTheCallersChildAndTheTraceStillComes(String option, @TempDir Path dir) throws Exception {
        List<String> args = List.of(option, "-e", "trace=execve,exit_group", "sh", "-c", "echo $PPID; exit 3");
        Path straceOut = dir.resolve("strace"), jtraceOut = dir.resolve("jtrace");
        Runs.Result strace = Runs.strace(withOutput(straceOut, args));
        Runs.Result jtrace = Runs.jtrace(withOutput(jtraceOut, args));
        String self = Long.toString(ProcessHandle.current().pid());
        assertEquals(3, strace.exit(), strace.stderr());
        assertEquals(self, strace.stdout().strip(), "strace: the program's parent is the caller");
        assertEquals(3, jtrace.exit(), jtrace.stderr());
        assertEquals(self, jtrace.stdout().strip(), "jtrace: the program's parent is the caller");
        Runs.assertSameLines(Runs.mask(await(straceOut)), Runs.mask(await(jtraceOut)), "trace of " + args);
    }

    private static List<String> withOutput(Path out, List<String> args) {
        List<String> all = new ArrayList<>(List.of("-o", out.toString()));
        all.addAll(args);
        return all;
    }

    /** The tracer writes on after the program has ended: the trace, once it has the program's end. */
    private static String await(Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                String s = Files.readString(out);
                if (s.contains("+++ exited with") || s.contains("+++ killed by")) {
                    return s;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no end of trace in " + out + ": "
                + (Files.exists(out) ? Files.readString(out) : "(no file)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-program-here", "/etc/hostname"})
    void aProgramThatCannotRunEndsTheCallersChildAsStracesDoes(String program) {
        Runs.Result strace = Runs.strace(List.of("-D", program));
        Runs.Result jtrace = Runs.jtrace(List.of("-D", program));
        assertEquals(strace.exit(), jtrace.exit(), jtrace.stderr());
        assertTrue(jtrace.stderr().contains(program), jtrace.stderr());
    }
}
