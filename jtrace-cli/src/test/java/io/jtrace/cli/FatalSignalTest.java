package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The signals that end strace, sent to the tracer at once (while jtrace's JVM is still starting)
 * and later: jtrace ends as strace does, dying of the signal itself, or, with -o FILE PROG, not
 * at all; the program it started ends as under strace.
 */
class FatalSignalTest {
    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @ParameterizedTest(name = "{0} after {1} ms, -o: {2}")
    @CsvSource({"2, 100, false", "2, 1500, false", "15, 100, false", "15, 1500, false", "1, 1500, false",
            "3, 1500, false", "13, 1500, false", "2, 100, true", "2, 1500, true", "15, 1500, true"})
    void endsAsStraceEnds(int signal, int afterMs, boolean toFile) {
        List<String> args = new ArrayList<>();
        if (toFile) {
            args.addAll(List.of("-o", "/dev/null"));
        }
        args.addAll(List.of("sleep", "2.5"));
        String strace = endOf(afterMs, signal, withTracer(List.of(Runs.STRACE.toString()), args));
        String jtrace = endOf(afterMs, signal, withTracer(Runs.jtraceCommand("jtrace", List.of()), args));
        assertEquals(toFile ? "exited 0" : "killed by " + signal, strace, "strace itself");
        assertEquals(strace, jtrace);
    }

    /** -I: 1 and 2 end the trace (only 2 hands the signal to the command), 3 and 4 ignore it. */
    @ParameterizedTest(name = "-I {0}, signal {1}")
    @CsvSource({"1, 2", "2, 15", "3, 2", "4, 15", "never, 1", "anywhere, 15"})
    void interruptibleLevels(String level, int signal) {
        List<String> args = List.of("-I", level, "-e", "trace=none", "sleep", "1.5");
        String strace = endOf(500, signal, withTracer(List.of(Runs.STRACE.toString()), args));
        String jtrace = endOf(500, signal, withTracer(Runs.jtraceCommand("jtrace", List.of()), args));
        assertEquals(strace, jtrace);
    }

    private static List<String> withTracer(List<String> tracer, List<String> args) {
        List<String> all = new ArrayList<>(tracer);
        all.addAll(args);
        return all;
    }

    private static String endOf(int afterMs, int signal, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of(Fixtures.path("signal_at").toString(),
                Integer.toString(afterMs), Integer.toString(signal)));
        cmd.addAll(command);
        Runs.Result r = Runs.run(cmd);
        assertEquals(0, r.exit(), r.stderr());
        return r.stdout().strip();
    }
}
