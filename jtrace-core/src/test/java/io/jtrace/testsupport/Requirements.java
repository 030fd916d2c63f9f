package io.jtrace.testsupport;

import io.jtrace.bindings.Kernel;
import io.jtrace.bindings.Ptrace;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What a test needs from the machine. Where it is missing the test is skipped, except in CI
 * ({@code CI=true}), where a missing tool or a kernel that forbids ptrace is a failure: a green
 * build there must mean the engine was exercised.
 */
public final class Requirements {
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static String ptraceProblem;
    private static Boolean ccWorks;

    private Requirements() {}

    /** Skips the test (fails it in CI) unless {@code met}. */
    public static void require(boolean met, String what) {
        if (met) {
            return;
        }
        if (CI) {
            Assertions.fail("CI=true and this test needs " + what);
        }
        Assumptions.abort("needs " + what);
    }

    /** This process may trace its children with PTRACE_SEIZE. */
    public static synchronized void ptrace() {
        if (ptraceProblem == null) {
            ptraceProblem = probePtrace();
        }
        require(ptraceProblem.isEmpty(), ptraceProblem);
    }

    /** A C compiler is on the PATH as {@code cc}. */
    public static synchronized void cc() {
        if (ccWorks == null) {
            ccWorks = run("cc", "--version");
        }
        require(ccWorks, "a C compiler named cc");
    }

    /** Empty when PTRACE_SEIZE of a child works, else what is missing. */
    private static String probePtrace() {
        Process child;
        try {
            child = new ProcessBuilder("/bin/sh", "-c", "read _").start();
        } catch (IOException e) {
            return "/bin/sh, to probe ptrace (" + e.getMessage() + ")";
        }
        try (Kernel k = Kernel.open()) {
            // Seized without an interrupt, the child never stops, so the JDK's reaper cannot take a stop.
            long r = k.ptrace(Ptrace.SEIZE, (int) child.pid(), 0, 0);
            return r == 0 ? "" : "ptrace(PTRACE_SEIZE) of a child process, which failed with errno " + -r
                    + " (seccomp, yama or a container forbids it)";
        } finally {
            child.destroyForcibly();
            try {
                child.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
