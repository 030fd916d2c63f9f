package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Key management (add_key, request_key, keyctl and its commands) and clock tuning (adjtimex,
 * clock_adjtime: struct timex and the clock state named after the result) decoded as strace 6.1
 * decodes them, in every -X style, with -v, -x, a short -s and structures left unread, against
 * /usr/bin/strace.
 */
class KeysAndClockTuningDecodingTest {
    private static final String TIMEX_CALLS = "trace=adjtimex,clock_adjtime";
    private static final String KEY_CALLS = "trace=add_key,request_key,keyctl";

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void timexReadBackAndRefused() {
        assertSameTrace("time_adjtimex", "-e", TIMEX_CALLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose", "-Xabbrev"})
    void timexInEveryStyle(String style) {
        assertSameTrace("time_adjtimex", style, "-e", TIMEX_CALLS);
    }

    @Test
    void timexLeftUnreadKeepsTheBareResult() {
        assertSameTrace("time_adjtimex", "-e", "verbose=none", "-e", TIMEX_CALLS);
    }

    @Test
    void keysAddedRequestedAndEveryKeyctlCommand() {
        assertSameTrace("keys", "-e", KEY_CALLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose", "-v", "-x", "-xx"})
    void keysInEveryStyle(String option) {
        assertSameTrace("keys", option, "-e", KEY_CALLS);
    }

    @Test
    void keysWithShortStringsAndStructuresLeftUnread() {
        assertSameTrace("keys", "-s", "4", "-e", KEY_CALLS);
        assertSameTrace("keys", "-e", "verbose=none", "-e", KEY_CALLS);
    }

    private static void assertSameTrace(String fixture, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(Fixtures.path(fixture).toString());
        Runs.assertSameTrace(args, t -> maskVarying(Runs.mask(t)), () -> {});
    }

    /**
     * What differs between two runs: the clock's reading and the error estimates that grow with it,
     * and the serial numbers the kernel gives new keys (the fixture's other numbers are shorter,
     * or the same in both traces), whose digits also move the column results are aligned to.
     */
    private static String maskVarying(String trace) {
        return trace.replaceAll("\\b(tv_sec|tv_usec|maxerror|esterror|offset|freq)=-?\\d+", "$1=N")
                .replaceAll("\\b\\d{7,}\\b", "SERIAL")
                .replaceAll("\\) +=", ") =");
    }
}
