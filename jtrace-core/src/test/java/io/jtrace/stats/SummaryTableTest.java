package io.jtrace.stats;

import io.jtrace.decode.SyscallEvent;
import io.jtrace.engine.TraceEvent;
import io.jtrace.syscalls.AuditArch;
import io.jtrace.syscalls.SyscallSet;
import io.jtrace.syscalls.SyscallTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table's layout (strace 6.1's call_summary_pers: widths, alignment, blank error counts,
 * percentages, the total row, sorting with ties in number order) on figures chosen by hand, and
 * what {@link CallCounter} counts from engine events and decoded calls.
 */
class SummaryTableTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000_000_000;

    private static final List<CallCounts> THREE = List.of(
            new CallCounts(0, "read", 3, 0, 3 * MS / 2, MS / 5, MS),
            new CallCounts(1, "write", 3, 0, 0, 0, 0),
            new CallCounts(2, "open", 1, 1, MS / 2, MS / 2, MS / 2));

    private static final String DASHES = "------ ----------- ----------- --------- --------- ----------------\n";

    @Test
    void defaultColumnsSortedByTime() {
        assertEquals("% time     seconds  usecs/call     calls    errors syscall\n"
                + DASHES
                + " 75.00    0.001500         500         3           read\n"
                + " 25.00    0.000500         500         1         1 open\n"
                + "  0.00    0.000000           0         3           write\n"
                + DASHES
                + "100.00    0.002000         285         7         1 total\n",
                SummaryTable.render(THREE, Column.DEFAULTS, Column.TIME_PERCENT));
    }

    @Test
    void tiesKeepTheNumberOrder() {
        assertEquals(List.of("read", "write", "open"), names(SummaryTable.render(THREE, Column.DEFAULTS, Column.CALLS)));
        assertEquals(List.of("open", "read", "write"), names(SummaryTable.render(THREE, Column.DEFAULTS, Column.NAME)));
        assertEquals(List.of("read", "write", "open"), names(SummaryTable.render(THREE, Column.DEFAULTS, null)));
        assertEquals(List.of("open", "read", "write"), names(SummaryTable.render(THREE, Column.DEFAULTS, Column.ERRORS)));
        assertEquals(List.of("read", "open", "write"), names(SummaryTable.render(THREE, Column.DEFAULTS, Column.TIME_MAX)));
        assertEquals(List.of("open", "read", "write"), names(SummaryTable.render(THREE, Column.DEFAULTS, Column.TIME_MIN)));
        assertEquals(List.of("read", "open", "write"), names(SummaryTable.render(THREE, Column.DEFAULTS, Column.TIME_AVG)));
    }

    private static List<String> names(String table) {
        List<String> lines = List.of(table.split("\n"));
        return lines.subList(2, lines.size() - 2).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    @Test
    void columnsGrowWithTheirWidestValue() {
        List<CallCounts> counts = List.of(
                new CallCounts(35, "nanosleep", 2, 0, 135 * S, 12 * S, 123 * S),
                new CallCounts(400, "a_very_long_call_name_x", 1_234_567_890L, 7, 0, 0, 0));
        assertEquals(" shortest    longest      calls syscall\n"
                + "--------- ---------- ---------- ------------------------\n"
                + "12.000000 123.000000          2 nanosleep\n"
                + " 0.000000   0.000000 1234567890 a_very_long_call_name_x\n"
                + "--------- ---------- ---------- ------------------------\n"
                + " 0.000000 123.000000 1234567892 total\n",
                SummaryTable.render(counts, List.of(Column.TIME_MIN, Column.TIME_MAX, Column.CALLS), Column.TIME_MAX));
        assertEquals("% time     seconds  usecs/call\n", SummaryTable.render(counts,
                List.of(Column.TIME_PERCENT, Column.TIME_TOTAL, Column.TIME_AVG, Column.NAME), null)
                .lines().findFirst().orElseThrow().replace("syscall", "").stripTrailing() + "\n");
        // 135 s over 2 calls: 67.5 s, 67500000 microseconds, a column of 11 still; the calls
        // column is as wide as the total's 1234567892.
        assertTrue(SummaryTable.render(counts, Column.DEFAULTS, Column.TIME_TOTAL)
                .contains("100.00  135.000000    67500000          2           nanosleep\n"));
    }

    @Test
    void aNameColumnBeforeOthersIsPadded() {
        assertEquals("syscall              calls    errors\n"
                + "---------------- --------- ---------\n"
                + "open                     1         1\n"
                + "read                     3          \n"
                + "write                    3          \n"
                + "---------------- --------- ---------\n"
                + "total                    7         1\n",
                SummaryTable.render(THREE, List.of(Column.NAME, Column.CALLS, Column.ERRORS), Column.NAME));
    }

    @Test
    void theNameColumnIsAlwaysThereAndNothingCountedIsNoTable() {
        assertTrue(SummaryTable.render(THREE, List.of(Column.ERRORS), null).startsWith("   errors syscall\n"));
        assertEquals("", SummaryTable.render(List.of(), Column.DEFAULTS, null));
        assertEquals("", SummaryTable.render(List.of(new CallCounts(0, "read", 0, 0, 0, 0, 0)), Column.DEFAULTS, null));
        assertThrows(IllegalArgumentException.class,
                () -> SummaryTable.render(THREE, List.of(Column.CALLS, Column.CALLS), null));
    }

    @Test
    void allTimesZeroGiveZeroPercentNotNaN() {
        String table = SummaryTable.render(List.of(new CallCounts(39, "getpid", 4, 0, 0, 0, 0)), Column.DEFAULTS,
                Column.TIME_PERCENT);
        assertTrue(table.contains("\n  0.00    0.000000           0         4           getpid\n"), table);
        assertTrue(table.endsWith("\n100.00    0.000000           0         4           total\n"), table);
    }

    // ---- the counter

    private static TraceEvent.SyscallEntry entry(int tid, AuditArch arch, long nr, long systemNanos) {
        return new TraceEvent.SyscallEntry(tid, tid, arch, nr, new long[6], 0, 0, systemNanos);
    }

    private static TraceEvent.SyscallExit exit(int tid, long nr, boolean failed, long systemNanos) {
        return new TraceEvent.SyscallExit(tid, tid, AuditArch.X86_64, nr, new long[6], failed ? -2 : 0, failed,
                systemNanos);
    }

    @Test
    void countsFromEntryToExitByTheSystemClock() {
        CallCounter c = new CallCounter(CallCounter.Clock.SYSTEM, 1000, null);
        c.entry(entry(7, AuditArch.X86_64, 0, 5000), 0);
        c.exit(exit(7, 0, false, 9000), 999_999_999);            // 4000 ns, less the overhead: 3000
        c.entry(entry(7, AuditArch.X86_64, 0, 9000), 0);
        c.exit(exit(7, 0, true, 9500), 0);                       // 500 ns: below the overhead, 0
        c.exit(exit(7, 0, false, 99_000), 0);                    // no entry: not counted
        c.entry(entry(8, AuditArch.I386, 0, 0), 0);              // not an x86_64 call
        c.exit(exit(8, 0, false, 50_000), 0);
        c.entry(entry(9, AuditArch.X86_64, 451, 0), 0);          // cachestat, which strace 6.1 does not know
        c.exit(exit(9, 451, false, 50_000), 0);
        assertEquals(List.of(new CallCounts(0, "read", 2, 1, 3000, 0, 3000)), c.counts());
    }

    @Test
    void wallClockSelectionAndThreadsThatEnd() {
        SyscallTable table = SyscallTable.x86_64();
        CallCounter c = new CallCounter(CallCounter.Clock.WALL, 0, SyscallSet.parse("execve,getpid", table));
        c.entry(entry(1, AuditArch.X86_64, 1, 0), 100);          // write: not selected
        c.exit(exit(1, 1, false, 0), 200);
        c.onEvent(entry(2, AuditArch.X86_64, 59, 0), null);      // execve in a thread, which takes the leader's tid
        c.onEvent(new TraceEvent.Exec(3, 3, 2, "/bin/true", List.of("true")), null);
        c.onEvent(exit(3, 59, false, 0), null);
        c.entry(entry(4, AuditArch.X86_64, 39, 0), 1000);
        c.onEvent(new TraceEvent.Exited(4, 4, 0), null);         // never returned
        c.exit(exit(4, 39, false, 0), 5000);
        List<CallCounts> counts = c.counts();
        assertEquals(1, counts.size(), counts::toString);
        assertEquals("execve", counts.getFirst().name());
        assertEquals(1, counts.getFirst().calls());
    }

    @Test
    void decodedCallsByEitherClock() {
        SyscallEvent call = new SyscallEvent(1, 1, "getpid", 39, List.of(), null, 0, false, null, 1000, 0, 0);
        SyscallEvent done = new SyscallEvent(1, 1, "getpid", 39, List.of(),
                new io.jtrace.decode.Value.Int(1, io.jtrace.decode.ValueWriter.Base.DEC), -1, true, "EPERM",
                1000, 8000, 3000);
        CallCounter system = new CallCounter();
        CallCounter wall = new CallCounter(CallCounter.Clock.WALL, 0, null);
        for (CallCounter c : List.of(system, wall)) {
            c.add(call);
            c.add(done);
        }
        assertEquals(List.of(new CallCounts(39, "getpid", 1, 1, 3000, 3000, 3000)), system.counts());
        assertEquals(List.of(new CallCounts(39, "getpid", 1, 1, 7000, 7000, 7000)), wall.counts());
        // 2500.5 rounds up, as strace's ts_div rounds.
        assertEquals(2501, new CallCounts(1, "x", 2, 0, 5001, 0, 0).avgNanos());
        assertEquals(2500, new CallCounts(1, "x", 2, 0, 5000, 0, 0).avgNanos());
    }
}
