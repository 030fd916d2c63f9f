package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Group id arrays: getgroups at exit, setgroups at entry, shortened by -s, whole with -v. */
class GroupsDecodingTest {
    @ParameterizedTest
    @ValueSource(strings = {"32", "1", "0"})
    void groupArrays(String limit) {
        assertSameTrace("-s", limit);
    }

    /** -v shows every id up to the first unreadable one, even of NGROUPS_MAX of them. */
    @Test
    void groupArraysUnabbreviated() {
        assertSameTrace("-v");
    }

    private static void assertSameTrace(String... options) {
        Runs.requireTracers();
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("-e", "trace=getgroups,setgroups", Fixtures.path("process_groups").toString()));
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(Runs.mask(strace.stderr()), Runs.mask(jtrace.stderr()), "groups with " + List.of(options));
        assertEquals(strace.exit(), jtrace.exit());
    }
}
