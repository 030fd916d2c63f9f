package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * strace's call summary ({@code -c}, {@code -C} and the options of its table) against
 * /usr/bin/strace's. The layout must be identical; the time columns, which differ from run to run,
 * are masked, all but their width; calls, errors and names are compared exactly, so rows are
 * sorted by something other than time, or times are made all zero by an overhead of a second.
 */
class SummaryTest {
    private static final Set<String> TIME_TITLES = Set.of("% time", "seconds", "shortest", "longest", "usecs/call");

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    private static String fixture() {
        return Fixtures.path("summary_calls").toString();
    }

    private static List<String> args(String... a) {
        return List.of(a);
    }

    /** Both tracers' stderr, masked, must be the same; so must the program's output and the exit status. */
    private static void assertSameSummary(List<String> args) {
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(maskTimes(maskTid(strace.stderr())), maskTimes(maskTid(jtrace.stderr())),
                "summary of " + args);
        assertEquals(strace.stdout(), jtrace.stdout(), "the program's own output");
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    /** {@link Runs#mask}, and the tid set_tid_address returns in the traces of -C. */
    private static String maskTid(String trace) {
        return Runs.mask(trace).replaceAll("(?m)^(set_tid_address\\(.*= )\\d+$", "$1PID");
    }

    /**
     * Replaces every character of the time columns of each summary table in {@code text} by '#',
     * the columns found from the table's heading and line of dashes, whose widths stay compared.
     */
    static String maskTimes(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int i = 0; i + 1 < lines.size(); i++) {
            String dashes = lines.get(i + 1);
            if (!dashes.matches("-+( -+)*")) {
                continue;
            }
            String heading = lines.get(i);
            List<int[]> timeColumns = new ArrayList<>();
            int start = 0;
            for (String run : dashes.split(" ")) {
                int end = start + run.length();
                String title = heading.substring(Math.min(start, heading.length()), Math.min(end, heading.length())).trim();
                if (TIME_TITLES.contains(title)) {
                    timeColumns.add(new int[] {start, end});
                }
                start = end + 1;
            }
            for (int j = i + 2; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                if (lines.get(j).equals(dashes)) {
                    continue;
                }
                char[] row = lines.get(j).toCharArray();
                for (int[] c : timeColumns) {
                    for (int k = c[0]; k < Math.min(c[1], row.length); k++) {
                        row[k] = '#';
                    }
                }
                lines.set(j, new String(row));
                if (lines.get(j).endsWith(" total") || lines.get(j).contains(" total ")) {
                    break;
                }
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void maskHidesTimesOnly() {
        String table = """
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 62.50    0.000005           5         1           execve
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000005           5         1           total
                """;
        String masked = maskTimes(table);
        assertTrue(masked.contains("\n###### ########### ###########         1           execve\n"), masked);
        assertFalse(maskTimes(table).equals(maskTimes(table.replace("execve", "brk   "))));
        assertFalse(maskTimes(table).equals(maskTimes(table.replace("  1  ", " 11  "))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls", "name", "errors", "none", "nothing"})
    void summaryOnlySortedByCountsOrNames(String sortBy) {
        assertSameSummary(args("-c", "-S", sortBy, fixture()));
    }

    @Test
    void summaryOnlyByTimeWhenTimesAreAllZero() {
        // An overhead of a second takes every call's time to 0: strace's default sort then keeps
        // the number order, and every column is exact.
        assertSameSummary(args("-c", "-O1s", fixture()));
        assertSameSummary(args("-c", "-w", "--summary-syscall-overhead=1000ms", fixture()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls,errors,name", "name,calls,errors,time-min,time-max,time,time-total,avg-time",
            "errors,calls", "syscall,count", "max_time,shortest,calls", "avg-time,errors,calls,name"})
    void columnsInAnyOrder(String columns) {
        assertSameSummary(args("-c", "-U", columns, "-S", "calls", fixture()));
    }

    @Test
    void wallClock() {
        assertSameSummary(args("-c", "-w", "-S", "calls", fixture()));
        assertSameSummary(args("-c", "-w", "-O", "5us", "-S", "name", fixture()));
    }

    @Test
    void summaryAfterTheTrace() {
        assertSameSummary(args("-C", "-S", "calls", fixture()));
        assertSameSummary(args("--summary", "-S", "name", "-e", "trace=chdir,close,write", fixture()));
    }

    @Test
    void onlyTheSelectedCallsAreCounted() {
        assertSameSummary(args("-c", "-S", "calls", "-e", "trace=chdir,close,getpid", fixture()));
        assertSameSummary(args("-c", "-S", "calls", "-e", "trace=!%memory", fixture()));
        // Nothing counted: no table at all.
        assertSameSummary(args("-c", "-e", "trace=none", fixture()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-z", "-Z", "-e status=failed", "-e status=!successful"})
    void statusFiltersDoNotChangeWhatIsCounted(String filter) {
        List<String> args = new ArrayList<>(List.of("-c", "-S", "calls"));
        args.addAll(List.of(filter.split(" ")));
        args.add(fixture());
        assertSameSummary(args);
        args.set(0, "-C");
        assertSameSummary(args);
    }

    @Test
    void aProgramThatCannotBeExecutedCountsItsExecve() {
        assertSameSummary(args("-c", "/etc/passwd"));
    }

    @Test
    void followForksAddsUpEveryProcessAndThread() {
        assertSameSummary(args("-f", "-c", "-S", "calls", "-e", "trace=chdir,getppid,clone,clone3",
                fixture(), "fork"));
        assertSameSummary(args("-f", "-c", "-O1s", "-U", "name,calls,errors,time", "-e",
                "trace=chdir,getppid,getpid,clone,clone3", fixture(), "fork"));
    }

    @Test
    void summaryGoesToTheOutputFile(@TempDir Path dir) throws IOException {
        Path straceOut = dir.resolve("strace.out");
        Path jtraceOut = dir.resolve("jtrace.out");
        Runs.Result strace = Runs.strace(args("-c", "-S", "calls", "-o", straceOut.toString(), fixture()));
        Runs.Result jtrace = Runs.jtrace(args("-c", "-S", "calls", "-o", jtraceOut.toString(), fixture()));
        assertEquals(strace.stderr(), jtrace.stderr(), "stderr");
        String expected = Files.readString(straceOut);
        assertTrue(expected.contains(" total\n"), expected);
        Runs.assertSameLines(maskTimes(expected), maskTimes(Files.readString(jtraceOut)), "-o file");
        assertEquals(strace.exit(), jtrace.exit(), "exit status");

        strace = Runs.strace(args("-C", "-S", "name", "-o", straceOut.toString(), "-e", "trace=chdir", fixture()));
        jtrace = Runs.jtrace(args("-C", "-S", "name", "-o", jtraceOut.toString(), "-e", "trace=chdir", fixture()));
        assertEquals(strace.stderr(), jtrace.stderr(), "stderr");
        Runs.assertSameLines(maskTimes(Files.readString(straceOut)), maskTimes(Files.readString(jtraceOut)),
                "-C -o file");
    }
}
