package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Linux AIO and io_uring, decoded as strace 6.1 decodes them: the fixture sets up a context and a
 * ring, submits control blocks of every opcode, waits for events, and registers files, buffers,
 * probes and limits, with NULL, unreadable and partly readable pointers among them; both tracers'
 * traces must be the same once addresses are masked, in every constant style and with arrays
 * abbreviated, printed whole, or left unread.
 */
class AsyncIoDecodingTest {
    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-v", "-s4", "-Xraw", "-Xverbose", "-e verbose=none"})
    void aioAndIoUring(String options) {
        List<String> args = new ArrayList<>(List.of("-y", "-e", "trace=/^io_"));
        if (!options.isEmpty()) {
            args.addAll(List.of(options.split(" ")));
        }
        args.add(Fixtures.path("async_io").toString());
        Runs.assertSameTrace(args, Runs::mask, () -> { });
    }
}
