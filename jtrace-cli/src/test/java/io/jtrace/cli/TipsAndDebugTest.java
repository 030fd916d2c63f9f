package io.jtrace.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --tips and -d, whose text is jtrace's own (strace's tips are its authors' prose, its debug
 * output its internals): where they go and when, checked against the trace strace prints.
 */
class TipsAndDebugTest {
    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void aTipComesAfterTheTraceFramed() {
        Runs.Result r = Runs.jtrace(List.of("--tips=id:0,full", "-e", "trace=exit_group", "/bin/true"));
        assertEquals(0, r.exit(), r.stderr());
        List<String> lines = r.stderr().lines().toList();
        assertEquals("exit_group(0)                           = ?", lines.get(0));
        assertEquals("+++ exited with 0 +++", lines.get(1));
        assertTrue(lines.get(2).matches("  \\+-+\\+"), lines.get(2));
        assertTrue(lines.get(3).startsWith("  | -e trace=%file"), lines.get(3));
        assertEquals(lines.get(2), lines.getLast(), "framed");
        Runs.Result none = Runs.jtrace(List.of("--tips=none", "-e", "trace=exit_group", "/bin/true"));
        assertEquals(2, none.stderr().lines().count(), none.stderr());
    }

    @Test
    void debugWritesEachEventBesideTheTrace() {
        Runs.Result strace = Runs.strace(List.of("-e", "trace=exit_group", "/bin/true"));
        Runs.Result r = Runs.jtrace(List.of("-d", "-e", "trace=exit_group", "/bin/true"));
        assertEquals(0, r.exit(), r.stderr());
        String prefix = Runs.STRACE + ": [";
        // First, as strace's first -d line: the ptrace options, as strace's are for this trace.
        String options = Runs.strace(List.of("-d", "-e", "trace=exit_group", "/bin/true")).stderr().lines()
                .filter(l -> l.contains("ptrace_setoptions")).findFirst().orElseThrow();
        assertEquals(options, r.stderr().lines().findFirst().orElseThrow());
        String rest = r.stderr().substring(r.stderr().indexOf('\n') + 1);
        // Written as each event comes, a debug line may come in the middle of a trace line.
        List<String> trace = rest.replaceAll(java.util.regex.Pattern.quote(prefix) + "[^\\n]*\\]\\n", "")
                .lines().map(l -> l.replaceAll(" +", " ")).toList();
        // Alignment aside (the debug text took columns of the line it split).
        assertEquals(strace.stderr().lines().map(l -> l.replaceAll(" +", " ")).toList(), trace,
                "the trace is the trace without -d");
        assertTrue(r.stderr().contains(prefix + "Exec[") && r.stderr().contains(prefix + "Exited["), r.stderr());
    }
}
