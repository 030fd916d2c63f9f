package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Clock tuning (adjtimex, clock_adjtime: struct timex and the clock state named after the result)
 * decoded as strace 6.1 decodes it, in every -X style and with structures left unread, against
 * /usr/bin/strace.
 */
class KeysAndClockTuningDecodingTest {
    private static final String TIMEX_CALLS = "trace=adjtimex,clock_adjtime";

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

    private static void assertSameTrace(String fixture, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(Fixtures.path(fixture).toString());
        Runs.assertSameTrace(args, t -> maskVarying(Runs.mask(t)), () -> {});
    }

    /** The clock's reading and the error estimates that grow with it differ between two runs. */
    private static String maskVarying(String trace) {
        return trace.replaceAll("\\b(tv_sec|tv_usec|maxerror|esterror|offset|freq)=-?\\d+", "$1=N");
    }
}
