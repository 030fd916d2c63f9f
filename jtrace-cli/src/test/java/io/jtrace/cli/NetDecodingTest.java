package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sockets, waiting on descriptors and the special descriptors, decoded as strace 6.1 decodes them:
 * each fixture makes its calls over loopback with ordinary, boundary and invalid arguments, and both
 * tracers must print the same lines once addresses are masked.
 */
class NetDecodingTest {
    private static final String SOCKET_CALLS = "trace=socket,socketpair,bind,connect,accept,accept4,getsockname,"
            + "getpeername,listen,shutdown,sendto,recvfrom,setsockopt,getsockopt";
    private static final String POLL_CALLS = "trace=poll,ppoll,select,pselect6,epoll_create,epoll_create1,epoll_ctl,"
            + "epoll_wait,epoll_pwait,epoll_pwait2";
    private static final String DESCRIPTOR_CALLS = "trace=eventfd,eventfd2,timerfd_create,timerfd_settime,"
            + "timerfd_gettime,signalfd,signalfd4,inotify_init,inotify_init1,inotify_add_watch,inotify_rm_watch,"
            + "memfd_create,pidfd_open";
    /** How many consecutive ports net_sockets binds, over TCP and UDP. */
    private static final int PORTS = 4;

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void socketsAddressesDataAndOptions() {
        // Each tracer gets ports of its own, as the first run leaves its connections in TIME_WAIT;
        // the port numbers, and nothing else, are then masked.
        int stracePort = freePorts(-1);
        int jtracePort = freePorts(stracePort);
        Runs.Result strace = Runs.strace(args(SOCKET_CALLS, "net_sockets", "strace", String.valueOf(stracePort)));
        Runs.Result jtrace = Runs.jtrace(args(SOCKET_CALLS, "net_sockets", "jtrace", String.valueOf(jtracePort)));
        Runs.assertSameLines(maskPorts(Runs.mask(strace.stderr()), stracePort),
                maskPorts(Runs.mask(jtrace.stderr()), jtracePort), "trace of net_sockets");
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    @Test
    void pollSelectAndEpoll() {
        assertSameTrace(List.of("-e", POLL_CALLS, Fixtures.path("net_poll").toString()));
    }

    @Test
    void eventTimerSignalInotifyMemoryAndPidDescriptors() {
        assertSameTrace(args(DESCRIPTOR_CALLS, "net_descriptors", "descriptors"));
    }

    /** -e verbose= leaving calls out: no ready descriptors after poll's result, select's sets as addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"verbose=none", "verbose=!poll"})
    void pollAndSelectNotVerbose(String qualifier) {
        assertSameTrace(List.of("-e", qualifier, "-e", POLL_CALLS, Fixtures.path("net_poll").toString()));
    }

    @Test
    void shortStringLimitShortensDataAndArrays() {
        assertSameTrace(List.of("-s", "1", "-e", POLL_CALLS, Fixtures.path("net_poll").toString()));
    }

    private List<String> args(String calls, String fixture, String directory, String... more) {
        Path work = dir.resolve(directory);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("-e", calls, Fixtures.path(fixture).toString(), work.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static void assertSameTrace(List<String> args) {
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(Runs.mask(strace.stderr()), Runs.mask(jtrace.stderr()), "trace of " + args);
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    /** The first of {@link #PORTS} consecutive ports free over TCP and UDP, away from {@code avoid}'s. */
    private static int freePorts(int avoid) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (avoid >= 0 && Math.abs(base - avoid) < PORTS) {
                continue;
            }
            if (Stream.iterate(base, p -> p + 1).limit(PORTS).allMatch(NetDecodingTest::free)) {
                return base;
            }
        }
        throw new AssertionError("no free ports on loopback");
    }

    private static boolean free(int port) {
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort() == port && udp.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code htons(PORT+k)} for the fixture's ports, and their bytes as -X raw and verbose show them. */
    private static String maskPorts(String trace, int base) {
        for (int k = 0; k < PORTS; k++) {
            int port = base + k;
            trace = trace.replace("htons(" + port + ")", "htons(PORT+" + k + ")")
                    .replace(String.format("\"\\x%02x\\x%02x\"", port >> 8, port & 0xff), "\"PORT+" + k + "\"");
        }
        return trace;
    }

    /**
     * Ports, IPv4 and IPv6 addresses and flow labels: bytes under -X raw, both under -X verbose;
     * with -e verbose= leaving calls out, the addresses of their structures and option values.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-Xraw", "-Xverbose", "-everbose=none", "--verbose=!getsockopt,accept4"})
    void socketAddressesInEachConstantStyle(String style) {
        int stracePort = freePorts(-1);
        int jtracePort = freePorts(stracePort);
        List<String> straceArgs = new ArrayList<>(List.of(style));
        straceArgs.addAll(args(SOCKET_CALLS, "net_sockets", "strace", String.valueOf(stracePort)));
        List<String> jtraceArgs = new ArrayList<>(List.of(style));
        jtraceArgs.addAll(args(SOCKET_CALLS, "net_sockets", "jtrace", String.valueOf(jtracePort)));
        Runs.Result strace = Runs.strace(straceArgs);
        Runs.Result jtrace = Runs.jtrace(jtraceArgs);
        Runs.assertSameLines(maskPorts(Runs.mask(strace.stderr()), stracePort),
                maskPorts(Runs.mask(jtrace.stderr()), jtracePort), "trace of net_sockets " + style);
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }
}
