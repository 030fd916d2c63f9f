package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * fcntl, ioctl, I/O vectors and file system information, decoded as strace 6.1 decodes them: each
 * fixture makes the calls with ordinary, boundary and invalid arguments, and the traces of
 * /usr/bin/strace and jtrace must be identical once addresses and pids are masked.
 */
class IoctlFcntlDecodingTest {
    /** The process group and session a terminal reports are the fixture's pid, which differs per run. */
    private static final Pattern TERMINAL_PID = Pattern.compile("(TIOC[GS]PGRP|TIOCGSID), \\[\\d+\\]");

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    /** Runs both tracers on {@code fixture}, each in the same directory emptied before it starts. */
    private void assertSameTrace(String calls, String fixture, String... options) {
        Path work = dir.resolve("work");
        List<String> args = Stream.concat(Stream.of(options),
                Stream.of("-e", calls, Fixtures.path(fixture).toString(), work.toString())).toList();
        emptyDirectory(work);
        Runs.Result strace = Runs.strace(args);
        emptyDirectory(work);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(mask(strace.stderr()), mask(jtrace.stderr()), "trace of " + args);
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    private static String mask(String trace) {
        return TERMINAL_PID.matcher(Runs.mask(trace)).replaceAll("$1, [PID]");
    }

    private static void emptyDirectory(Path work) {
        try {
            if (Files.exists(work)) {
                try (Stream<Path> all = Files.walk(work)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fcntlCommandsLocksAndResults() {
        assertSameTrace("trace=fcntl", "fcntl_commands");
    }

    @Test
    void terminalIoctlsOnAPseudoTerminal() {
        assertSameTrace("trace=ioctl", "ioctl_terminal");
    }
}
