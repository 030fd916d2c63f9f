package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --pidns-translation} ({@code --decode-pids=pidns}) against strace 6.1: fixture
 * pidns_child forks a child into a pid namespace of its own, whose ids (pid, thread, group and
 * session, as results and arguments) are followed by the child's pid in the tracer's namespace.
 */
class PidNamespaceTest {
    private static final String CALLS = "trace=getpid,gettid,setsid,getpgrp,getsid,getpgid,setpgid,kill,"
            + "tkill,tgkill,getpriority";

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pidns-translation", "--decode-pids=pidns", "-e decode-pids=pidns",
            "--decode-pids=all", "-Y --decode-pids=comm,pidns -o /dev/stderr"})
    void idsOfAnotherNamespaceAreTranslated(String options) {
        List<String> args = new ArrayList<>(List.of("-qq", "-f", "-e", "signal=none"));
        args.addAll(Arrays.asList(options.split(" ")));
        args.addAll(List.of("-e", CALLS, Fixtures.path("pidns_child").toString()));
        Runs.assertSameTrace(args, PidNamespaceTest::maskPids, () -> { });
    }

    /** The id in the comment is the child's own, as its line prefix shows it; 1 in its namespace. */
    @Test
    void theCommentNamesTheChildsPid() {
        Runs.Result r = Runs.jtrace(List.of("-qq", "-f", "--pidns-translation", "-e", "signal=none",
                "-e", "trace=getpid,getpgrp,kill", Fixtures.path("pidns_child").toString()));
        Matcher m = Pattern.compile("\\[pid +(\\d+)\\] getpid\\(\\) += 1 /\\* (\\d+) in strace's PID NS \\*/\n")
                .matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        assertEquals(m.group(1), m.group(2));
        assertTrue(r.stderr().contains("getpgrp()                   = 1 /* " + m.group(1) + " in strace's PID NS */"),
                r.stderr());
        // A pid nothing in the namespace has, and a group id -1, stay bare.
        assertTrue(r.stderr().contains("kill(12345, 0) "), r.stderr());
        assertTrue(r.stderr().contains("kill(-1, 0) "), r.stderr());
    }

    /** Without the option nothing is added, as in strace. */
    @Test
    void withoutTheOptionIdsAreBare() {
        Runs.Result r = Runs.jtrace(List.of("-qq", "-f", "-e", "signal=none", "-e", "trace=getpid",
                Fixtures.path("pidns_child").toString()));
        assertTrue(r.stderr().matches("(?s)\\[pid +\\d+\\] getpid\\(\\) += 1\n"), r.stderr());
    }

    /**
     * jtrace as the init of a new pid namespace, as strace's own tests run it ({@code unshare -Urpf
     * strace ...}): the namespace's orphans are handed to it, and the fixture's own namespace init
     * cannot end until they are reaped. The trace ends as strace's does, with its {@code Exit of
     * unknown pid} for each orphan, and the fixture's namespace translated though /proc is the host's.
     */
    @Test
    void asTheInitOfANewNamespace() {
        List<String> args = List.of("-f", "--pidns-translation", "-e", "signal=none", "-e", "trace=getpid,getpgrp,exit_group",
                Fixtures.path("pidns_child").toString());
        List<String> strace = new ArrayList<>(List.of("unshare", "-Urpf", Runs.STRACE.toString()));
        strace.addAll(args);
        List<String> jtrace = new ArrayList<>(List.of("unshare", "-Urpf"));
        jtrace.addAll(Runs.jtraceCommand(Runs.STRACE.toString(), args));
        Runs.Result s = Runs.run(strace);
        Runs.Result j = Runs.run(jtrace);
        assertEquals(s.exit(), j.exit(), j.stderr());
        // Every pid masked: jtrace's launcher may take a pid of the new namespace that strace does not.
        assertEquals(sorted(s.stderr().replaceAll(" *\\d+", " N")), sorted(j.stderr().replaceAll(" *\\d+", " N")));
    }

    /** The lines in order, but for the unknown pids' exits, which come when the kernel hands them over. */
    private static List<String> sorted(String trace) {
        List<String> lines = new ArrayList<>(trace.lines().filter(l -> !l.contains("Exit of unknown pid")).toList());
        lines.add("unknown exits: " + trace.lines().filter(l -> l.contains("Exit of unknown pid")).count());
        return lines;
    }

    /** Addresses and every number of four digits or more (pids outside the namespace). */
    private static String maskPids(String trace) {
        return trace.replaceAll("0x[0-9a-f]{6,}", "0xADDR").replaceAll("\\d{4,}", "N");
    }
}
