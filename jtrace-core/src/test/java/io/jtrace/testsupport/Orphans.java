package io.jtrace.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts programs that are not children of this JVM (a shell starts them in the background and
 * exits), as the processes a user attaches to are: the JDK waits for its own children and would
 * take their ptrace stops.
 */
public final class Orphans {
    private Orphans() {}

    /** Starts {@code program} with no arguments and stdio on /dev/null; returns its pid. */
    public static long start(Path program) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "\"$0\" </dev/null >/dev/null 2>&1 & echo $!", program.toString())
                .redirectErrorStream(true).start();
        String pid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream()))) {
            pid = out.readLine();
        }
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the starting shell did not exit");
        assertEquals(0, shell.exitValue(), "the starting shell failed");
        return Long.parseLong(pid.trim());
    }

    /** Kills {@code pid} if it is still there. */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
