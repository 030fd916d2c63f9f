package io.jtrace.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the trace goes and what is said around it, as strace 6.1 does it: the pid prefix of
 * {@code -f -o FILE} from the first line, the quiet default of {@code -o FILE PROG}, deaths by
 * signal under {@code -qq}, the order of the trace and the program's own output when they share a
 * pipe, write errors, {@code -o |CMD}, and the options strace only warns about. Each case runs
 * /usr/bin/strace and jtrace on the same command line and compares what the user sees.
 */
class OutputFidelityTest {
    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    /** What a command printed (stdout and stderr as the caller sees them) and its exit status. */
    private record Seen(int exit, String stdout, String stderr) {}

    /** Runs {@code args} under strace, then jtrace (named /usr/bin/strace), each through {@code shell}. */
    private static void assertSame(List<String> args, String shell, Function<String, String> mask) {
        Seen strace = seen(shell, withTracer(List.of(Runs.STRACE.toString()), args));
        Seen jtrace = seen(shell, withTracer(Runs.jtraceCommand(Runs.STRACE.toString(), List.of()), args));
        Runs.assertSameLines(mask.apply(strace.stdout()), mask.apply(jtrace.stdout()), "stdout of " + args);
        Runs.assertSameLines(mask.apply(strace.stderr()), mask.apply(jtrace.stderr()), "stderr of " + args);
        assertEquals(strace.exit(), jtrace.exit(), "exit status of " + args);
    }

    private static List<String> withTracer(List<String> tracer, List<String> args) {
        List<String> all = new ArrayList<>(tracer);
        all.addAll(args);
        return all;
    }

    /** {@code shell} is a bash command in which "$@" is the tracer's command line. */
    private static Seen seen(String shell, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", shell, "bash"));
        cmd.addAll(command);
        Runs.Result r = Runs.run(cmd);
        return new Seen(r.exit(), r.stdout(), r.stderr());
    }

    private static String plain(String s) {
        return Runs.mask(s);
    }

    @Test
    void followForksIntoAFilePrefixesEveryLineFromTheFirst(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s"), j = dir.resolve("j");
        Seen strace = seen("\"$@\"", List.of(Runs.STRACE.toString(), "-f", "-o", s.toString(),
                "-e", "trace=execve,exit_group", "sh", "-c", "/bin/true"));
        Seen jtrace = seen("\"$@\"", withTracer(Runs.jtraceCommand(Runs.STRACE.toString(), List.of()),
                List.of("-f", "-o", j.toString(), "-e", "trace=execve,exit_group", "sh", "-c", "/bin/true")));
        String expected = Runs.mask(Files.readString(s));
        assertTrue(expected.startsWith("PID execve(\"/usr/bin/sh\""), expected);
        Runs.assertSameLines(expected, Runs.mask(Files.readString(j)), "-f -o FILE");
        // strace is quiet about the children it follows when tracing a command into a file.
        assertEquals("", strace.stderr());
        assertEquals(strace.stderr(), jtrace.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-q", "-qq", "-qqq"})
    void aDeathBySignalIsPrintedWhateverTheQuietLevel(String quiet) {
        assertSame(List.of(quiet, "-e", "trace=kill", "sh", "-c", "kill -TERM $$"), "\"$@\"",
                s -> Runs.mask(s).replaceAll("kill\\(\\d+,", "kill(PID,"));
    }

    /** 2>&1 into one pipe: each trace line is written before the program runs on, as strace writes it. */
    @ParameterizedTest
    @ValueSource(strings = {"-e trace=write", "-e trace=write,exit_group -f"})
    void traceAndProgramOutputSharingAPipeComeInTheirOrder(String options) {
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        args.addAll(List.of("sh", "-c", "echo A; echo B >&2; echo C"));
        assertSame(args, "\"$@\" 2>&1 | cat", OutputFidelityTest::plain);
        List<String> toStdout = new ArrayList<>(List.of("-o", "/dev/stdout"));
        toStdout.addAll(args);
        assertSame(toStdout, "\"$@\" | cat", OutputFidelityTest::plain);
    }

    @Test
    void anUnwritableOutputFileIsReportedForEachLineAndTheProgramRunsOn() {
        Seen s = seen("\"$@\"", List.of(Runs.STRACE.toString(), "-o", "/dev/full", "sh", "-c", "exit 3"));
        assertTrue(s.stderr().startsWith(Runs.STRACE + ": /dev/full: No space left on device\n"), s.stderr());
        assertSame(List.of("-o", "/dev/full", "sh", "-c", "echo hi; exit 3"), "\"$@\" 2>&1", OutputFidelityTest::plain);
    }

    @Test
    void outputPipedIntoACommand(@TempDir Path dir) throws Exception {
        for (String pipe : List.of("|", "!")) {
            Path s = dir.resolve("s"), j = dir.resolve("j");
            List<String> rest = List.of("-e", "trace=execve,exit_group", "sh", "-c", "exit 4");
            Seen strace = seen("\"$@\"", withTracer(List.of(Runs.STRACE.toString(), "-o", pipe + "cat > " + s), rest));
            Seen jtrace = seen("\"$@\"", withTracer(Runs.jtraceCommand(Runs.STRACE.toString(),
                    List.of("-o", pipe + "cat > " + j)), rest));
            assertEquals(4, strace.exit());
            assertEquals(strace.exit(), jtrace.exit());
            String expected = Runs.mask(Files.readString(s));
            assertTrue(expected.contains("+++ exited with 4 +++"), expected);
            Runs.assertSameLines(expected, Runs.mask(Files.readString(j)), "-o " + pipe + "CMD");
            assertTrue(Files.notExists(dir.resolve(pipe + "cat > " + j)), "no file named after the command");
        }
        assertSame(List.of("-ff", "-o", "|cat", "true"), "\"$@\"", OutputFidelityTest::plain);
    }

    @Test
    void appendModeAppends(@TempDir Path dir) throws Exception {
        Path s = Files.writeString(dir.resolve("s"), "before\n"), j = Files.writeString(dir.resolve("j"), "before\n");
        List<String> rest = List.of("-e", "trace=exit_group", "true");
        seen("\"$@\"", withTracer(List.of(Runs.STRACE.toString(), "-A", "-o", s.toString()), rest));
        seen("\"$@\"", withTracer(Runs.jtraceCommand(Runs.STRACE.toString(), List.of("-A", "-o", j.toString())), rest));
        assertTrue(Files.readString(s).startsWith("before\nexit_group(0)"), Files.readString(s));
        assertEquals(Files.readString(s), Files.readString(j, StandardCharsets.ISO_8859_1));
    }

    /** Options strace accepts with a warning, or refuses with its own words, when they cannot apply. */
    @ParameterizedTest
    @ValueSource(strings = {"-A", "-S time", "-S calls -S name", "--seccomp-bpf", "-f --seccomp-bpf",
            "-f --seccomp-bpf -e trace=exit_group", "-U name", "-U calls,calls", "-U bogus",
            "-S bogus", "-w", "-e decode-fds=path", "--decode-fds=path"})
    void optionsThatOnlyWarnOrNeedTheSummary(String options) {
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        args.addAll(List.of("-e", "trace=close,exit_group", "cat", "/etc/hostname"));
        assertSame(args, "\"$@\" 2>&1 >/dev/null", s -> Runs.mask(s)
                .replaceAll("(?m)^.*(Operation not permitted|attach: ptrace).*\n", ""));
    }
}
