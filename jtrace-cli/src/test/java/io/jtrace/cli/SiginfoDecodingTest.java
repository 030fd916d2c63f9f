package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Signal structures in tracee memory: waitid's siginfo_t, rt_sigqueueinfo's, and the sigevent and
 * itimerspec of POSIX timers.
 */
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
        Runs.requireTracers();
        List<String> args = List.of("-e", "trace=waitid,rt_sigqueueinfo,rt_tgsigqueueinfo",
                Fixtures.path("process_siginfo").toString());
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(mask(strace.stderr()), mask(jtrace.stderr()), "siginfo decoding");
        assertEquals(strace.exit(), jtrace.exit());
    }

    /** The time left on a running timer and the thread id differ between runs. */
    @Test
    void posixTimers() {
        Runs.requireTracers();
        List<String> args = List.of("-e", "trace=timer_create,timer_settime,timer_gettime,timer_getoverrun,timer_delete",
                Fixtures.path("process_timers").toString());
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(maskTimers(strace.stderr()), maskTimers(jtrace.stderr()), "timer decoding");
        assertEquals(strace.exit(), jtrace.exit());
    }

    private static String maskTimers(String trace) {
        return Runs.mask(trace)
                .replaceAll("(?m)^(timer_gettime\\(.*it_value=\\{tv_sec=)\\d+, tv_nsec=\\d+", "$1S, tv_nsec=N")
                .replaceAll("sigev_notify_thread_id=\\d+", "sigev_notify_thread_id=TID");
    }
}
