package io.jtrace.cli;

import io.jtrace.testsupport.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code -yy}: sockets with their protocol and addresses, devices with their numbers, pidfds with
 * their process, printed as strace 6.1 prints them. Fixture fds_yy makes each kind of descriptor over
 * loopback and shows it to the tracer with fstat and close.
 */
class DecodeFdsTest {
    private static final String CALLS = "trace=newfstatat,close";

    @TempDir
    Path dir;

    @BeforeEach
    void requirements() {
        Runs.requireTracers();
    }

    @Test
    void socketsWithAddressesDevicesPipesAndPidfds() {
        assertSameTrace(List.of("-yy"), "named");
    }

    @Test
    void decodeFdsAllIsYy() {
        assertSameTrace(List.of("--decode-fds=all"), "named");
    }

    @Test
    void socketsNotBoundYetByTheirProtocol() {
        assertSameTrace(List.of("-yy"), "unnamed");
    }

    @Test
    void socketsOnlySockDiagDescribesBoundTcpAndUnixPeers() {
        assertSameTrace(List.of("-yy"), "peers");
    }

    /** Each kind of --decode-fds on its own: the others print bare numbers, as strace's do. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--decode-fds=socket", "--decode-fds=dev",
            "--decode-fds=pidfd", "--decode-fds=path,dev", "--decode-fds=none"})
    void singleKinds(String option) {
        assertSameTrace(List.of(option), "named");
    }

    /**
     * Calls whose decoders print a descriptor themselves, and F_DUPFD's and mq_open's results, with
     * {@code <path>} or socket details; paths marked deleted as strace marks them, and path bytes as
     * they are.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"-y", "-yy"})
    void descriptorsInDecodedCallsAndDeletedFiles(String option) {
        List<String> args = List.of(option, "-e", "trace=fcntl,close_range,mq_open,ioctl,getsockname,getpeername,accept4,setsockopt,"
                + "getsockopt,recvfrom,poll,ppoll,select,pselect6,close,memfd_create,openat,unlink",
                Fixtures.path("fds_y_calls").toString(), dir.toString());
        Runs.Result strace = Runs.strace(args);
        Runs.emptyDirectory(dir);
        Runs.Result jtrace = Runs.jtrace(args);
        // What is left of a timeout, and the listening port, differ from run to run.
        java.util.function.UnaryOperator<String> m = t -> mask(t).replaceAll("left \\{[^}]*\\}", "left {...}")
                .replaceAll("htons\\(\\d+\\)", "htons(PORT)")
                // mq_open's own arguments are not what this test is about: its result is.
                .replaceAll("(?m)^mq_open\\(.*\\) +=", "mq_open(...) =");
        Runs.assertSameLines(m.apply(strace.stderr()), m.apply(jtrace.stderr()), "trace of fds_y_calls " + option);
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    private void assertSameTrace(List<String> decodeFds, String sockets) {
        List<String> args = new java.util.ArrayList<>(decodeFds);
        args.addAll(List.of("-e", CALLS, Fixtures.path("fds_yy").toString(), dir.toString(), sockets));
        Runs.Result strace = Runs.strace(args);
        Runs.Result jtrace = Runs.jtrace(args);
        Runs.assertSameLines(mask(strace.stderr()), mask(jtrace.stderr()), "trace of fds_yy " + sockets);
        assertEquals(strace.exit(), jtrace.exit(), "exit status");
    }

    /**
     * Masks what differs from run to run and nothing else: inode numbers (of sockets and pipes),
     * ephemeral ports (every port here is one: the fixture binds port 0), the netlink port id (the
     * tracee's pid) and the pidfd's pid.
     */
    private static String mask(String trace) {
        String s = Runs.mask(trace);
        s = s.replaceAll("(\\d+\\.\\d+\\.\\d+\\.\\d+|\\]):\\d+", "$1:PORT");
        s = s.replaceAll("(:\\[|->)\\d+(?=[],-])", "$1INODE");
        s = s.replaceAll("(NETLINK:\\[\\w+:)\\d+", "$1PID");
        return s.replaceAll("<pid:\\d+>", "<pid:PID>");
    }
}
