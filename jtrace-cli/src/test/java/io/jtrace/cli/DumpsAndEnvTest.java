package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -e read=}/{@code -e write=} (hex dumps), {@code -E} (the command's environment) and
 * {@code -Y} (pids with their process's name), against strace 6.1. Fixture dumps_pids makes the
 * calls: "io" every shape of read and write strace dumps, "pids" the calls with pids in them,
 * "env" prints its environment.
 */
class DumpsAndEnvTest {
    private static final String IO_CALLS = "trace=read,write,writev,readv,sendto,recvfrom,sendmsg,recvmsg,"
            + "sendmmsg,recvmmsg,pwrite64";
    private static final String PID_CALLS = "trace=clone,getppid,kill,tgkill,getpid,gettid,getpgid,getsid,"
            + "sched_getscheduler,prlimit64,fcntl,waitid,pidfd_open";

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    /**
     * Buffers, vectors (an empty buffer ends one; reads dump what they returned), messages, failed
     * calls (writes dumped anyway), a buffer running into an unmapped page (strace's short-read
     * warning, where strace prints it), and buffers over 64 KiB and over 1 MiB (a wider offset).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-e read=3,5,6 -e write=4,5,6,7", "--read=all --write=!0,1,2",
            "-e reads=!3 -e w=none -e writes=5", "-z -e read=all -e write=all"})
    void hexDumpsAfterReadsAndWrites(String sets) {
        List<String> args = new ArrayList<>(Arrays.asList(sets.split(" ")));
        args.addAll(List.of("-e", IO_CALLS, Fixtures.path("dumps_pids").toString(), "io"));
        Runs.assertSameTrace(args, Runs::mask, () -> { });
    }

    /** What a dump of a read looks like, so that a test comparing two empty traces cannot pass. */
    @Test
    void dumpLayout() {
        Runs.Result r = Runs.jtrace(List.of("-e", "read=3", "-e", "trace=read", Fixtures.path("dumps_pids").toString(), "io"));
        assertTrue(r.stderr().contains("read(3, \"x\", 1)                         = 1\n"
                + " | 00000  78                                                x                |\n"), r.stderr());
    }

    /**
     * -E VAR=VAL replaces the first entry of VAR or adds one, -E VAR removes every entry of VAR,
     * in order; PROG is still found with jtrace's own PATH.
     */
    @Test
    void environmentChangesInOrder() {
        List<String> args = List.of("-v", "-e", "trace=execve", "-E", "JTRACE_TEST_A=1", "-E", "HOME",
                "--env=JTRACE_TEST_B=two=2", "-E", "JTRACE_TEST_A=again", "--env=PATH=/nowhere", "-E", "JTRACE_MISSING",
                "-EJTRACE_TEST_C=", "dumps_pids", "env");
        String dir = Fixtures.path("dumps_pids").getParent().toString();
        List<String> withPath = new ArrayList<>(List.of("env", "PATH=" + dir + ":" + System.getenv("PATH")));
        List<String> strace = new ArrayList<>(withPath);
        strace.add(Runs.STRACE.toString());
        strace.addAll(args);
        Runs.Result expected = Runs.run(strace);
        List<String> jtrace = new ArrayList<>(withPath);
        jtrace.addAll(Runs.jtraceCommand(Runs.STRACE.toString(), args));
        Runs.Result actual = Runs.run(jtrace);
        assertEquals(expected.stdout(), actual.stdout(), "the program's environment");
        assertTrue(actual.stdout().contains("JTRACE_TEST_A=again\n") && actual.stdout().contains("PATH=/nowhere\n")
                && Arrays.stream(actual.stdout().split("\n")).noneMatch(l -> l.startsWith("HOME=")), actual.stdout());
        Runs.assertSameLines(Runs.mask(expected.stderr()), Runs.mask(actual.stderr()), "trace with -E");
        assertEquals(expected.exit(), actual.exit(), "exit status");
    }

    /**
     * Pids named after their process in arguments, results and siginfo, and in line prefixes,
     * the child's as it renames itself; pids of processes gone, and group ids, bare.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-Y", "--decode-pids=comm", "-Y -o /dev/stderr", "-Y -x", "-Y -yy"})
    void pidsWithTheirNames(String options) {
        // -qq: when the tracer learns that a child died, and so whether the parent's last lines
        // have a pid prefix, is a matter of scheduling.
        List<String> args = new ArrayList<>(List.of("-qq", "-f", "-e", "signal=none"));
        args.addAll(Arrays.asList(options.split(" ")));
        args.addAll(List.of("-e", PID_CALLS, Fixtures.path("dumps_pids").toString(), "pids"));
        Runs.assertSameTrace(args, DumpsAndEnvTest::maskPids, () -> { });
    }

    /** The child's name in its prefix and the parent's in getppid's result: what -Y is about. */
    @Test
    void namesArePrinted() {
        Runs.Result r = Runs.jtrace(List.of("-q", "-f", "-Y", "-e", "signal=none", "-e", "trace=getppid",
                Fixtures.path("dumps_pids").toString(), "pids"));
        assertTrue(r.stderr().matches("(?s).*\\[pid +\\d+<kid\\\\74\\\\33\\\\76>\\] getppid\\(\\) += \\d+<dumps_pids>\n.*"),
                r.stderr());
    }

    /** Addresses and every number of four digits or more (pids, session and group ids). */
    private static String maskPids(String trace) {
        return trace.replaceAll("0x[0-9a-f]{6,}", "0xADDR").replaceAll("\\d{4,}", "N");
    }
}
