package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * sendmsg, recvmsg, sendmmsg and recvmmsg decoded as strace 6.1 decodes them: net_msg sends and
 * receives over unix socket pairs and loopback UDP with names, vectors, control messages and bad
 * arguments, and both tracers must print the same lines once addresses, ports, the pid in the
 * credentials and the time recvmmsg had left are masked.
 */
class MsgDecodingTest {
    private static final String MSG_CALLS = "trace=sendmsg,recvmsg,sendmmsg,recvmmsg";

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void messagesNamesVectorsAndControlData() {
        assertSameTrace();
    }

    @Test
    void shortStringLimitShortensDataVectorsAndDescriptorArrays() {
        assertSameTrace("-s", "1");
    }

    @Test
    void verboseArraysAreNotShortened() {
        assertSameTrace("-v", "-s", "1");
    }

    /** -e verbose= leaving calls out: their message headers and vectors are shown as addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"verbose=none", "verbose=!recvmmsg,sendmsg", "verbose=recvmsg"})
    void callsNotVerboseShowAddresses(String qualifier) {
        assertSameTrace("-e", qualifier);
    }

    private void assertSameTrace(String... options) {
        int port = freePorts();
        Runs.Result strace = Runs.strace(args(port, options));
        Runs.Result jtrace = Runs.jtrace(args(port, options));
        Runs.assertSameLines(mask(strace.stderr(), port), mask(jtrace.stderr(), port), "trace of net_msg");
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    private List<String> args(int port, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("-e", MSG_CALLS, Fixtures.path("net_msg").toString(), dir.toString(),
                String.valueOf(port)));
        return args;
    }

    /** The first of two consecutive UDP ports free on loopback. */
    private static int freePorts() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(30000, 40000);
            if (free(base) && free(base + 1)) {
                return base;
            }
        }
        throw new AssertionError("no free ports on loopback");
    }

    private static boolean free(int port) {
        try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return udp.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private static String mask(String trace, int port) {
        return Runs.mask(trace)
                .replace("htons(" + port + ")", "htons(PORT)")
                .replace("htons(" + (port + 1) + ")", "htons(PORT+1)")
                .replaceAll("\\{pid=\\d+, uid=", "{pid=PID, uid=")
                .replaceAll("\\(left \\{tv_sec=0, tv_nsec=\\d+}\\)", "(left {tv_sec=0, tv_nsec=NSEC})");
    }
}
