package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seccomp filter jtrace installs by default (with -f and a -e trace= set, on a launched
 * command): the trace is the trace strace prints without a filter and the one jtrace prints with
 * {@code --no-seccomp-bpf}, with threads, forks and exec; a tracee carrying the filter dies with
 * jtrace.
 */
class SeccompTest {
    /** A process tree: a getpid loop, a thread and a child that open /dev/null, the child exec'ing /bin/true. */
    private static final Path CORE_FIXTURES = Path.of("../jtrace-core/src/test/c");

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    private static String fixture() {
        return Fixtures.path(CORE_FIXTURES, "filtered_calls").toString();
    }

    /**
     * Sets whose lines cannot interleave between the fixture's processes and threads, so that every
     * run prints them alike: not the thread's clone3, which its first stop races with, nor what the
     * process does after it, which races with the report of its end.
     */
    @ParameterizedTest(name = "-e trace={0}")
    @ValueSource(strings = {"openat", "%file", "%memory,execve", "read,openat,close,prctl",
            "!%process,%signal,getpid,futex,set_robust_list,rseq,set_tid_address,getrandom,clone3,madvise,munmap"})
    void theFilteredTraceIsStracesAndTheUnfilteredOne(String set) {
        // The program checks PR_GET_SECCOMP against its last argument: 2, a filter, and 0, none.
        Runs.Result filtered = Runs.jtrace(List.of("-f", "-e", "trace=" + set, fixture(), "3000", "2"));
        Runs.Result unfiltered = Runs.jtrace(List.of("--no-seccomp-bpf", "-f", "-e", "trace=" + set, fixture(), "3000", "0"));
        Runs.Result strace = Runs.strace(List.of("-f", "-e", "trace=" + set, fixture(), "3000", "0"));
        assertEquals(0, filtered.exit(), filtered.stderr());
        assertEquals(0, unfiltered.exit(), unfiltered.stderr());
        assertEquals(0, strace.exit(), strace.stderr());
        String expected = Runs.mask(filtered.stderr());
        Runs.assertSameLines(expected, asIfFiltered(unfiltered.stderr()), "jtrace with the filter and without");
        Runs.assertSameLines(expected, asIfFiltered(strace.stderr()), "jtrace with the filter and strace without");
    }

    /** With the options that act on the calls traced: the same whether the kernel filtered or not. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-Z", "-z", "-e status=unfinished,failed", "-P /dev/null", "-e signal=none", "-c -S name"})
    void optionsOnTracedCallsSeeTheSameCalls(String options) {
        List<String> filteredArgs = new java.util.ArrayList<>(List.of(options.split(" ")));
        filteredArgs.addAll(List.of("-f", "-e", "trace=openat,close,read,prctl", fixture(), "3000", "2"));
        List<String> unfilteredArgs = new java.util.ArrayList<>(List.of("--no-seccomp-bpf"));
        unfilteredArgs.addAll(filteredArgs.subList(0, filteredArgs.size() - 1));
        unfilteredArgs.add("0");
        Runs.Result filtered = Runs.jtrace(filteredArgs);
        Runs.Result unfiltered = Runs.jtrace(unfilteredArgs);
        assertEquals(0, filtered.exit(), filtered.stderr());
        assertEquals(0, unfiltered.exit(), unfiltered.stderr());
        Runs.assertSameLines(withoutTimes(Runs.mask(filtered.stderr())), withoutTimes(asIfFiltered(unfiltered.stderr())),
                "jtrace " + options + " with the filter and without");
    }

    /** A -c table's rows with their calls, errors and names only: the times differ from run to run. */
    private static String withoutTimes(String trace) {
        return trace.replaceAll("(?m)^ *[0-9.]+ +[0-9.]+ +[0-9]+ +([0-9]+)( +[0-9]+)? +(\\S+)$", "$1$2 $3");
    }

    /** The one difference the filter makes to the program: its argument saying so and PR_GET_SECCOMP's answer. */
    private static String asIfFiltered(String trace) {
        return Runs.mask(trace).replace(", \"0\"]", ", \"2\"]")
                .replaceAll("(?m)^((?:\\[pid PID\\] )?prctl\\(PR_GET_SECCOMP\\) +)= 0$", "$1= 2");
    }

    @Test
    void everyTraceeCarryingTheFilterDiesWithJtrace(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path out = dir.resolve("trace");
        List<String> cmd = Runs.jtraceCommand("jtrace", List.of("-f", "-e", "trace=openat", "-o", out.toString(),
                fixture(), "4000000000"));
        Process jtrace = new ProcessBuilder(cmd).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int pid = -1;
        Pattern libc = Pattern.compile("(?m)^(\\d+) +openat\\(.*libc\\.so");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pid < 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            if (Files.exists(out)) {
                Matcher m = libc.matcher(Files.readString(out));
                if (m.find()) {
                    pid = Integer.parseInt(m.group(1));
                }
            }
        }
        assertTrue(pid > 0, "the tracee's first lines never came");
        assertTrue(Files.readString(Path.of("/proc/" + pid + "/status")).contains("Seccomp:\t2"),
                "the tracee carries a filter");
        jtrace.destroyForcibly();
        assertTrue(jtrace.waitFor(10, TimeUnit.SECONDS));
        boolean gone = false;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!gone && System.nanoTime() < deadline) {
            gone = !Files.exists(Path.of("/proc/" + pid + "/status"))
                    || Files.readString(Path.of("/proc/" + pid + "/status")).contains("State:\tZ");
            Thread.sleep(20);
        }
        assertTrue(gone, "the tracee runs on without its tracer");
    }

    @Test
    void onByDefaultOnlyWhereEveryProcessItReachesIsFollowed() throws UsageException {
        OptionParser p = new OptionParser(1);
        assertTrue(p.parse(new String[] {"-f", "-e", "trace=openat", "true"}).seccomp());
        assertTrue(p.parse(new String[] {"--seccomp-bpf", "-f", "-e", "trace=openat", "true"}).seccomp());
        assertFalse(p.parse(new String[] {"--no-seccomp-bpf", "-f", "-e", "trace=openat", "true"}).seccomp());
        assertFalse(p.parse(new String[] {"-e", "trace=openat", "true"}).seccomp(), "without -f");
        assertFalse(p.parse(new String[] {"-f", "true"}).seccomp(), "every call traced");
        assertFalse(p.parse(new String[] {"-f", "-e", "trace=openat", "-p", "2"}).seccomp(), "-p");
        // Warnings only when it was asked for.
        assertEquals(List.of(), p.parse(new String[] {"-e", "trace=openat", "true"}).warnings());
        assertEquals(List.of("--seccomp-bpf cannot be used without -f/--follow-forks, disabling"),
                p.parse(new String[] {"--seccomp-bpf", "-e", "trace=openat", "true"}).warnings());
    }
}
