package io.jtrace.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** What /proc says about a process. */
public final class Proc {
    private Proc() {}

    /** The state letter of /proc/PID/stat (R, S, D, T, t, Z...), or '?' when the process is gone. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return '?';
        }
    }

    /** The value of a /proc/PID/status line such as {@code TracerPid}, or null. */
    public static String status(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return line.substring(key.length() + 1).trim();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Polls the state of {@code pid} until it matches; returns the last state seen. */
    public static char awaitState(long pid, Predicate<Character> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        char state = state(pid);
        while (!match.test(state) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            state = state(pid);
        }
        return state;
    }

    /** Waits until process {@code pid} has {@code count} threads. */
    public static void awaitThreads(long pid, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String threads = status(pid, "Threads");
        while (!String.valueOf(count).equals(threads) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            threads = status(pid, "Threads");
        }
        if (!String.valueOf(count).equals(threads)) {
            throw new AssertionError("process " + pid + " has " + threads + " threads, not " + count);
        }
    }
}
