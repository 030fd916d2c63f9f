package io.jtrace.bindings;

import io.jtrace.engine.TraceEvent;
import io.jtrace.testsupport.TraceSession;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Kernel.readMemory on a string that ends right before an unmapped page: a read running past the
 * end returns exactly the mapped bytes, and a read that starts in the hole fails, as strace's
 * page-by-page umovestr does.
 */
class ReadMemoryTest {
    private static final long NR_GETPPID = 110;
    private static final byte[] TEXT = "the end of the mapped page\0".getBytes(StandardCharsets.US_ASCII);
    private static final int PAGE = 4096;

    @Test
    void aReadStopsExactlyAtTheUnmappedPage() throws Exception {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        try (TraceSession s = TraceSession.start(false)) {
            s.recorder.react((e, tracee) -> {
                if (e instanceof TraceEvent.SyscallEntry se && se.nr() == NR_GETPPID) {
                    long address = se.args()[0];
                    seen.put("length argument", se.args()[1]);
                    try (Kernel k = Kernel.open()) {
                        byte[] buf = new byte[2 * Kernel.IO_CHUNK];
                        seen.put("past the end", k.readMemory(se.pid(), address, buf, 0, 8192));
                        seen.put("bytes", Arrays.copyOf(buf, TEXT.length));
                        seen.put("whole chunk from the page start",
                                k.readMemory(se.pid(), address + TEXT.length - PAGE, buf, 0, buf.length));
                        seen.put("straddling", k.readMemory(se.pid(), address + TEXT.length - 10, buf, 0, 100));
                        seen.put("in the hole", k.readMemory(se.pid(), address + TEXT.length, buf, 0, 1));
                    }
                    seen.put("through Tracee", tracee.read(address, new byte[100], 0, 100));
                }
            });
            int pid = s.launchFixture("string_at_page_end");
            s.awaitIdle(Duration.ofSeconds(10));
            s.assertNoFailure();
            assertEquals(new TraceEvent.Exited(pid, pid, 0), s.recorder.eventsOf(pid).getLast());
        }
        assertNotNull(seen.get("past the end"), "the marker syscall was not seen");
        assertEquals((long) TEXT.length, seen.get("length argument"));
        assertEquals((long) TEXT.length, seen.get("past the end"));
        assertArrayEquals(TEXT, (byte[]) seen.get("bytes"));
        assertEquals((long) PAGE, seen.get("whole chunk from the page start"));
        assertEquals(10L, seen.get("straddling"));
        assertEquals((long) -Errnos.EFAULT, seen.get("in the hole"));
        assertEquals((long) TEXT.length, seen.get("through Tracee"));
    }
}
