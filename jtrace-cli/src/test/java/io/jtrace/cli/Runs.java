package io.jtrace.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the jtrace command (its main class, in a JVM of its own, as the launcher script does) and
 * /usr/bin/strace on the same arguments, and masks what legitimately differs between two runs.
 */
final class Runs {
    static final Path STRACE = Path.of("/usr/bin/strace");

    record Result(int exit, String stdout, String stderr) {}

    private Runs() {}

    /** The launcher's part that starts the JVM, as {@code ./jtrace} runs it (paths from the module directory). */
    static final Path EXEC_SCRIPT = Path.of("src/main/sh/exec-jtrace.sh").toAbsolutePath();

    /**
     * The jtrace command line: the launcher's exec of the JVM, with the test JVM's java and class
     * path, and {@code argv0} as its name, so that tests see what users see (signals blocked from
     * the start, the caller's descriptors and signal state handed on).
     */
    static List<String> jtraceCommand(String argv0, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add("-c");
        cmd.add(". \"$0\" && exec_jtrace \"$@\"");
        cmd.add(EXEC_SCRIPT.toString());
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(argv0);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs jtrace under strace's own name, so that its messages ({@code /usr/bin/strace: exec: ...})
     * compare equal to strace's byte for byte.
     */
    static Result jtrace(List<String> args) {
        return run(jtraceCommand(STRACE.toString(), args));
    }

    /**
     * Runs /usr/bin/strace and jtrace with {@code args}, each after {@code before} (which resets
     * what the program works on), and asserts the same exit status and the same trace on stderr
     * once {@code mask} has hidden what may differ between two runs.
     */
    static void assertSameTrace(List<String> args, java.util.function.UnaryOperator<String> mask, Runnable before) {
        before.run();
        Result strace = strace(args);
        before.run();
        Result jtrace = jtrace(args);
        assertSameLines(mask.apply(strace.stderr()), mask.apply(jtrace.stderr()), "trace of " + args);
        org.junit.jupiter.api.Assertions.assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    /** Empties directory {@code work} (creating it when missing), read-only entries included. */
    static void emptyDirectory(Path work) {
        try {
            if (Files.exists(work)) {
                try (var all = Files.walk(work)) {
                    for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        p.toFile().setWritable(true);
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts two traces are equal line by line, naming the first line that differs. */
    static void assertSameLines(String expected, String actual, String what) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                throw new org.opentest4j.AssertionFailedError(what + ": line " + (i + 1) + " differs\n strace: " + el
                        + "\n jtrace: " + al, expected, actual);
            }
        }
    }

    /** What every differential test needs: ptrace, and /usr/bin/strace to compare with. */
    static void requireTracers() {
        io.jtrace.testsupport.Requirements.ptrace();
        io.jtrace.testsupport.Requirements.require(java.nio.file.Files.isExecutable(STRACE), STRACE.toString());
    }

    static Result strace(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(STRACE.toString());
        cmd.addAll(args);
        return run(cmd);
    }

    static Result run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("jtrace-test", ".out");
            Path err = Files.createTempFile("jtrace-test", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                        Files.readString(err, StandardCharsets.ISO_8859_1));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{6,}");
    private static final Pattern PID_PREFIX = Pattern.compile("(?m)^\\[pid +\\d+\\] |^\\d+ +");
    private static final Pattern PID_FIELD = Pattern.compile("(si_pid=|pid |Process )\\d+");

    /**
     * Masks addresses (six hex digits or more: small constants stay), pids in prefixes, siginfo and
     * messages, the value a pid-returning call returned, and a SIGCHLD's CPU times, so that two
     * runs compare equal.
     */
    static String mask(String trace) {
        String s = ADDRESS.matcher(trace).replaceAll("0xADDR");
        // The files each run's output is captured in: their names differ from run to run.
        s = s.replaceAll("/jtrace-test\\d+\\.(out|err)", "/jtrace-test.$1");
        s = PID_PREFIX.matcher(s).replaceAll(m -> m.group().startsWith("[") ? "[pid PID] " : "PID ");
        s = PID_FIELD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "PID");
        s = s.replaceAll("(?m)^((?:\\[pid PID\\] |PID )?(?:getpid|getppid|gettid|fork|vfork|clone|clone3|wait4)\\(.*= )\\d+$",
                "$1PID");
        // A child's CPU times in its SIGCHLD: clock ticks, which land where they will, and with
        // them their comment, which a tick of 0 has not (ConstantStyleTest checks its form).
        s = s.replaceAll("(si_utime|si_stime)=\\d+( /\\* [0-9.]* s \\*/)?", "$1=N");
        // Where a pid was masked, the padding before "= " depended on how many digits it had.
        s = s.replaceAll("(?m)^(.*\\bPID\\b.*?) +(= [^=]*)$", "$1 $2");
        return s;
    }

    /** Lines of {@code trace} after masking. */
    static List<String> maskedLines(String trace) {
        return List.of(mask(trace).split("\n", -1));
    }
}
