package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Group id arrays: getgroups at exit, setgroups at entry, shortened by -s. */
class GroupsDecodingTest {
    @ParameterizedTest
    @ValueSource(strings = {"32", "1", "0"})
    void groupArrays(String limit) {
        Runs.requireTracers();
        List<String> args = List.of("-s", limit, "-e", "trace=getgroups,setgroups",
                Fixtures.path("process_groups").toString());
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(Runs.mask(strace.stderr()), Runs.mask(jtrace.stderr()), "groups with -s " + limit);
        assertEquals(strace.exit(), jtrace.exit());
    }
}
