package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Processes, signals, time and resources decoded as strace 6.1 decodes them: each fixture makes its
 * calls with ordinary, boundary and invalid arguments, and both tracers must print the same lines
 * once addresses, pids and what changes from run to run (clocks, usage, random bytes) are masked.
 */
class ProcessDecodingTest {
    private static final String SIGNAL_CALLS = "trace=rt_sigaction,rt_sigprocmask,rt_sigpending,sigaltstack,kill,tkill,tgkill";
    private static final String RESOURCE_CALLS = "trace=getrlimit,setrlimit,prlimit64,getrusage,uname,sysinfo,times,"
            + "getrandom,sched_getaffinity,sched_setaffinity,sched_yield,arch_prctl,set_tid_address";
    private static final String TIME_CALLS = "trace=nanosleep,clock_nanosleep,clock_gettime,clock_getres,clock_settime,"
            + "gettimeofday,settimeofday";
    private static final String CHILD_CALLS = "trace=wait4,clone,clone3,fork,vfork,kill";
    /** Without the children's SIGCHLD, whose si_utime and si_stime vary. */
    private static final String[] FEATURE_CALLS = {"-e", "signal=none", "-e", "trace=arch_prctl,clone,clone3,personality"};

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void signalHandlersMasksStacksAndKills() {
        assertSameTrace("process_signals", "-e", SIGNAL_CALLS);
    }

    @Test
    void limitsUsageSystemInformationAndAffinity() {
        assertSameTrace("process_resources", "-e", RESOURCE_CALLS);
    }

    @Test
    void verboseUsageAndUname() {
        assertSameTrace("process_resources", "-v", "-e", RESOURCE_CALLS);
    }

    @Test
    void randomBytesShortenedByStringLimit() {
        assertSameTrace("process_resources", "-s", "4", "-e", "trace=getrandom");
    }

    @Test
    void clocksAndSleepsIncludingAnInterruptedOne() {
        assertSameTrace("process_time", "-e", TIME_CALLS);
    }

    @Test
    void childrenCreatedAndWaitedFor() {
        assertSameTrace("process_children", "-e", CHILD_CALLS);
    }

    /**
     * arch_prctl's XSAVE options, clone3's set_tid, cgroup and trailing bytes (zero, nonzero and
     * unreadable), the pidfds clone and clone3 store, shown by -y, and personality's unknown domain.
     */
    @Test
    void archPrctlFeaturesCloneArgumentsAndPidfds() {
        assertSameTrace("process_features", with(FEATURE_CALLS, "-y"));
    }

    /** The XSAVE features keep their numbers under -X raw, and show their names only in comments otherwise. */
    @Test
    void archPrctlFeaturesCloneArgumentsAndPersonalityRawAndVerbose() {
        assertSameTrace("process_features", with(FEATURE_CALLS, "-X", "raw"));
        assertSameTrace("process_features", with(FEATURE_CALLS, "-X", "verbose"));
    }

    /** -s shortens set_tid and the trailing bytes, -v does not shorten the array, -e verbose=none reads nothing. */
    @Test
    void cloneArgumentsShortenedOrLeftUnread() {
        assertSameTrace("process_features", with(FEATURE_CALLS, "-s", "2"));
        assertSameTrace("process_features", with(FEATURE_CALLS, "-v", "-s", "2"));
        assertSameTrace("process_features", with(FEATURE_CALLS, "-e", "verbose=none"));
    }

    private static String[] with(String[] options, String... more) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void futexOperationsTimeoutsAndWakeOps() {
        assertSameTrace("process_futex", "-e", "trace=futex");
    }

    private static void assertSameTrace(String fixture, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(Fixtures.path(fixture).toString());
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(maskVarying(Runs.mask(strace.stderr())), maskVarying(Runs.mask(jtrace.stderr())),
                "trace of " + args);
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    /**
     * Masks what these fixtures see change between two runs: times and clocks, memory and process
     * counts, resource usage, random bytes, the tid set_tid_address returns, and the pids of the
     * tracee and its children where the calls take them as arguments (999999 is the fixtures' pid
     * that does not exist, kept as is).
     */
    private static String maskVarying(String trace) {
        return trace
                .replaceAll("\\b(tv_sec|uptime|freeram|sharedram|bufferram|procs|ru_[a-z]+|tms_[a-z]+)=\\d+", "$1=N")
                // clock ticks come with their seconds when not 0, which may differ too
                .replaceAll("\\b(tms_[a-z]+)=N /\\* [0-9.]+ s \\*/", "$1=N")
                // Only what a clock can hold: an invalid 2^64-1 stays, to show it printed unsigned.
                .replaceAll("\\b(tv_nsec|tv_usec)=\\d{1,9}(?!\\d)", "$1=N")
                .replaceAll("loads=\\[\\d+, \\d+, \\d+\\]", "loads=[N, N, N]")
                .replaceAll("(?m)^((?:times|set_tid_address)\\(.*= )\\d+$", "$1N")
                .replaceAll("getrandom\\(\"[^\"]*\"", "getrandom(\"RANDOM\"")
                .replaceAll("parent_tid=\\[\\d+\\]", "parent_tid=[PID]")
                .replaceAll("\\b(kill|tgkill|wait4)\\((?!999999\\b)\\d+(, (?!999999\\b)\\d+)?", "$1(PID");
    }
}
