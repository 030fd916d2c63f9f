package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Requirements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tracee comes first: a program run under jtrace, started the way users start it (the
 * launcher's exec of the JVM, from a shell), sees exactly what it sees untraced: the same
 * descriptors with the same flags and offsets, all of its standard input, the same ignored
 * signals and the same mask. Each launch is compared with an untraced run of the same program by
 * the same shell, many times in a row, because the faults this catches (a descriptor of the
 * launcher's own, stdin read away) show only in some runs.
 */
@Timeout(600)
class TraceeFidelityTest {
    /** Launches compared; each starts a JVM, about 0.3 s here. */
    private static final int RUNS = Integer.getInteger("jtrace.fidelityRuns", 150);

    @BeforeEach
    void requirements() {
        Requirements.ptrace();
    }

    @Test
    void aTracedProgramSeesWhatItSeesUntraced(@TempDir Path dir) throws Exception {
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        Path stdin = Files.write(dir.resolve("stdin"), data);
        Path readable = Files.writeString(dir.resolve("readable"), "0123456789");
        Path appended = Files.writeString(dir.resolve("appended"), "x");
        Path both = Files.writeString(dir.resolve("both"), "y");
        String view = Fixtures.path(Path.of("../jtrace-core/src/test/c"), "tracee_view").toString();
        List<String> jtrace = Runs.jtraceCommand("jtrace", List.of("-o", "/dev/null", view));
        // The shell a user types in: ignored and blocked signals, descriptors beyond the three
        // standard ones with offsets and flags of their own, stdin from a file.
        String script = """
                trap '' HUP INT QUIT PIPE XFSZ USR2 TTOU CHLD
                exec 5<"$1" 6>>"$2" 8<>"$3"
                read -r -n 3 -u 5 _
                shift 3
                n=$1; shift
                for ((i = 1; i <= n; i++)); do
                  "$1" <"$STDIN" >out.txt 2>&1; mv out.txt untraced.txt
                  "${@:2}" <"$STDIN" >out.txt 2>&1; mv out.txt traced.txt
                  if ! cmp -s untraced.txt traced.txt; then
                    echo "launch $i differs:"; diff untraced.txt traced.txt; exit 1
                  fi
                done
                cat untraced.txt
                """;
        List<String> cmd = new ArrayList<>(List.of("env", "--block-signal=USR1,TERM,WINCH", "bash", "-c", script, "harness",
                readable.toString(), appended.toString(), both.toString(), Integer.toString(RUNS), view));
        cmd.addAll(jtrace);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("STDIN", stdin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);

        // What was compared is what the shell set up, so that the comparison could have failed.
        assertTrue(out.contains("fd 1 cloexec=0 flags=0100001 pos=0 " + dir.toRealPath().resolve("out.txt")), out);
        assertTrue(out.contains("fd 5 cloexec=0 flags=0100000 pos=3 " + readable.toRealPath()), out);
        assertTrue(out.contains("fd 6 cloexec=0 flags=0102001 pos=0 " + appended.toRealPath()), out);
        assertTrue(out.contains("fd 8 cloexec=0 flags=0100002 pos=0 " + both.toRealPath()), out);
        assertEquals(List.of(0, 1, 2, 5, 6, 8), out.lines().filter(l -> l.startsWith("fd "))
                .map(l -> Integer.parseInt(l.split(" ")[1])).toList(), out);
        assertTrue(out.contains("stdin 100000 bytes"), out);
        for (int sig : new int[] {1, 2, 3, 12, 13, 17, 22, 25}) {
            assertTrue(out.contains("signal " + sig + " ignored\n"), sig + " ignored in\n" + out);
        }
        assertTrue(out.contains("signal 15 default\n") && out.contains("signal 10 default\n"), out);
        assertTrue(out.contains("blocked 10 15 28\n"), out);
    }

    /**
     * Standard descriptors closed by the caller stay closed in the program, and open ones stay
     * open, in every combination (strace's redirect-fds test): with stderr closed, bash keeps the
     * script it runs open as fd 2, which must not be taken for the caller's.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"<&-", ">&-", "2>&-", "<&- >&-", "<&- 2>&-", ">&- 2>&-",
            "<&- >&- 2>&-"})
    void closedStandardDescriptorsStayClosed(String closed, @TempDir Path dir) throws Exception {
        String view = Fixtures.path(Path.of("../jtrace-core/src/test/c"), "tracee_view").toString();
        List<String> jtrace = Runs.jtraceCommand("jtrace", List.of("-o", dir.resolve("log").toString(), view,
                dir.resolve("traced").toString()));
        String script = "\"$1\" \"$2\" " + closed + "; shift 2; \"$@\" " + closed;
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "harness", view, dir.resolve("untraced").toString()));
        cmd.addAll(jtrace);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(new java.io.File("/dev/null")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> untraced = fdLines(dir.resolve("untraced"));
        assertEquals(untraced, fdLines(dir.resolve("traced")), "descriptors with " + closed);
        for (int fd = 0; fd <= 2; fd++) {
            String redirect = fd == 0 ? "<&-" : fd == 1 ? ">&-" : "2>&-";
            boolean isClosed = (" " + closed + " ").contains(" " + redirect + " ");
            int n = fd;
            assertEquals(!isClosed, untraced.stream().anyMatch(l -> l.startsWith("fd " + n + " ")), untraced.toString());
        }
    }

    private static List<String> fdLines(Path report) throws java.io.IOException {
        return Files.readAllLines(report).stream().filter(l -> l.startsWith("fd ")).toList();
    }
}
