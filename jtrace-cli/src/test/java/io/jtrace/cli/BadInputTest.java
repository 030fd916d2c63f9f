package io.jtrace.cli;

import io.jtrace.testsupport.Requirements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets strace 6.1's message (after its name, which is the name jtrace was invoked as),
 * its exit status, and nothing started.
 */
class BadInputTest {
    @BeforeEach
    void requirements() {
        Requirements.require(Files.isExecutable(Runs.STRACE), "/usr/bin/strace");
    }

    private static void assertSameFailure(String... args) {
        Runs.Result strace = Runs.strace(List.of(args));
        Runs.Result jtrace = Runs.jtrace(List.of(args));
        assertEquals(strace.stderr(), jtrace.stderr(), "messages for " + List.of(args));
        assertEquals(strace.exit(), jtrace.exit(), "exit status for " + List.of(args));
        assertTrue(jtrace.exit() != 0);
        assertFalse(jtrace.stderr().contains("Exception"), "no stack trace");
    }

    @Test
    void commandThatDoesNotExist() {
        assertSameFailure("no-such-command-anywhere");
        assertSameFailure("./no/such/file");
    }

    /** A command or -ff file name longer than PATH_MAX leaves room for: strace's ENAMETOOLONG messages. */
    @Test
    void namesTooLong() {
        assertSameFailure(" ".repeat(4096));
        assertSameFailure("-ff", "-o", " ".repeat(4084), "true");
        assertSameFailure("-ff", "--output=" + " ".repeat(4084), "true");
    }

    @Test
    void outputFileThatCannotBeWritten() {
        assertSameFailure("-o", "/nonexistent/dir/trace", "true");
        assertSameFailure("-o", "/", "true");
    }

    @Test
    void processesThatCannotBeAttached() {
        Requirements.ptrace();
        assertSameFailure("-p", "999999999");
        assertSameFailure("-p", "4194304,4194303");
    }

    @Test
    void unknownOptionsAndValues() {
        assertSameFailure("-j", "true");
        assertSameFailure("-s");
        assertSameFailure("-s", "x", "true");
        assertSameFailure("-e", "trace=nosuchcall", "true");
        assertSameFailure("-y", "--decode-fds=socket", "true");
        assertSameFailure("--decode-fds=bogus", "true");
        assertSameFailure("-X", "bogus", "true");
        assertSameFailure();
    }

    @Test
    void messagesBeginWithTheNameJtraceWasInvokedAs() {
        for (String argv0 : List.of("./jtrace", "/usr/local/bin/jtrace", "strace")) {
            Runs.Result r = Runs.run(Runs.jtraceCommand(argv0, List.of("no-such-command-anywhere")));
            assertEquals(argv0 + ": Can't stat 'no-such-command-anywhere': No such file or directory\n", r.stderr());
            assertEquals(1, r.exit());
        }
        Runs.Result r = Runs.run(Runs.jtraceCommand("./jtrace", List.of("-j")));
        assertEquals("./jtrace: invalid option -- 'j'\nTry './jtrace -h' for more information.\n", r.stderr());
    }

    /**
     * -o '|CMD' whose command cannot run: sh's own message, then strace's report of the lines lost
     * (strace reports each failed flush of its stdio buffer, jtrace each lost line: the messages
     * are the same, their count is not), and the program runs to its end.
     */
    @org.junit.jupiter.api.Test
    void aPipeCommandThatFailsIsReportedAsStraceReportsIt() {
        Runs.requireTracers();
        java.util.List<String> args = java.util.List.of("-o", "|no-such-command-here", "sh", "-c", "exit 4");
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        org.junit.jupiter.api.Assertions.assertEquals(strace.exit(), jtrace.exit(), jtrace.stderr());
        org.junit.jupiter.api.Assertions.assertEquals(new java.util.TreeSet<>(strace.stderr().lines().toList()),
                new java.util.TreeSet<>(jtrace.stderr().lines().toList()));
    }
}
