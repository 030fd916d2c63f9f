package io.jtrace.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Once its program runs, the tracer holds neither its standard input nor its standard output, as
 * strace lets them go: a traced program in a pipe that closes its end closes the pipe, and the
 * other side sees it while the program still runs (strace's redirect test).
 */
class StandardStreamsTest {
    /**
     * The traced shell closes its stdin and stdout at once, then sleeps; the producer before it
     * must get SIGPIPE, and the reader after it the end of input, during that sleep.
     */
    private static final String SCRIPT = """
            dir=$1; shift
            (yes 2>/dev/null; touch "$dir/in-closed") | "$@" -qq -e trace=none -e signal=none \\
                sh -c 'exec <&- >&-; sleep 2; [ -f "$0/in-closed" ] && touch "$0/in-seen"' "$dir"
            "$@" -qq -e trace=none -e signal=none \\
                sh -c 'exec <&- >&-; sleep 2; [ -f "$0/out-closed" ] && touch "$0/out-seen"' "$dir" \\
                | (cat >/dev/null; touch "$dir/out-closed")
            [ -f "$dir/in-seen" ] && echo input released
            [ -f "$dir/out-seen" ] && echo output released
            true
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void theProgramsPipesAreItsOwnToClose() throws Exception {
        String strace = released(List.of(Runs.STRACE.toString()), "strace");
        String jtrace = released(Runs.jtraceCommand(Runs.STRACE.toString(), List.of()), "jtrace");
        assertEquals("input released\noutput released\n", strace, "strace lets both go");
        assertEquals(strace, jtrace);
    }

    private String released(List<String> tracer, String name) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", SCRIPT, "test", work.toString()));
        cmd.addAll(tracer);
        return Runs.run(cmd).stdout();
    }
}
