package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Requirements;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** siginfo_t structures in tracee memory: waitid's result, rt_sigqueueinfo's argument. */
class SiginfoDecodingTest {
    /** The pids the calls take vary between runs; the siginfo fields are masked by Runs.mask. */
    private static String mask(String trace) {
        return Runs.mask(trace)
                .replaceAll("(?m)^(waitid\\(P_PID, )\\d+", "$1PID")
                .replaceAll("(?m)^(rt_sigqueueinfo\\()\\d+", "$1PID")
                .replaceAll("(?m)^(rt_tgsigqueueinfo\\()\\d+, \\d+", "$1PID, PID");
    }

    @Test
    void waitidAndSigqueueinfo() {
        Requirements.ptrace();
        Requirements.require(Files.isExecutable(Runs.STRACE), "/usr/bin/strace");
        List<String> args = List.of("-e", "trace=waitid,rt_sigqueueinfo,rt_tgsigqueueinfo",
                Fixtures.path("process_siginfo").toString());
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(mask(strace.stderr()), mask(jtrace.stderr()), "siginfo decoding");
        assertEquals(strace.exit(), jtrace.exit());
    }
}
