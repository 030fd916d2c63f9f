package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;


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
        Runs.assertSameTrace(args, IoctlFcntlDecodingTest::mask, () -> Runs.emptyDirectory(work));
    }

    private static String mask(String trace) {
        return TERMINAL_PID.matcher(Runs.mask(trace)).replaceAll("$1, [PID]");
    }

    @Test
    void fcntlCommandsLocksAndResults() {
        assertSameTrace("trace=fcntl", "fcntl_commands");
    }

    @Test
    void terminalIoctlsOnAPseudoTerminal() {
        assertSameTrace("trace=ioctl", "ioctl_terminal");
    }

    /** -v adds the line discipline, the control characters and termios2's speeds. */
    @Test
    void terminalIoctlsVerbose() {
        assertSameTrace("trace=ioctl", "ioctl_terminal", "-v");
    }
}
