package io.jtrace.engine;

import io.jtrace.testsupport.Fixtures;
import io.jtrace.testsupport.Proc;
import io.jtrace.testsupport.Requirements;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a library user sees when things go wrong: exceptions that say what failed, and tracees let go. */
class LibraryErrorsTest {
    @Test
    void aListenerThatThrowsEndsAwaitIdleWithItsExceptionAndTheTraceeRunsOnUntraced() throws Exception {
        Requirements.ptrace();
        RuntimeException bug = new IllegalStateException("listener bug");
        AtomicInteger pid = new AtomicInteger();
        AtomicInteger eventsAfter = new AtomicInteger();
        TraceListener listener = (event, tracee) -> {
            if (event instanceof TraceEvent.SyscallExit && pid.get() != 0 && eventsAfter.getAndIncrement() == 5) {
                throw bug;
            }
        };
        try (Tracer tracer = Tracer.start(new Tracer.Options(false), listener)) {
            pid.set(tracer.launch(LaunchSpec.inheriting(Fixtures.path("marker_loop").toString(), List.of("marker_loop"))));
            TraceFailure f = assertThrows(TraceFailure.class, tracer::awaitIdle);
            assertSame(bug, f.getCause());
            assertSame(bug, tracer.failure());
            // Detached, not killed: it runs on, as it would have without jtrace.
            assertEquals("0", Proc.status(pid.get(), "TracerPid"));
            char state = Proc.state(pid.get());
            assertTrue(state == 'S' || state == 'R', "state " + state);
        } finally {
            if (pid.get() != 0) {
                new ProcessBuilder("kill", "-KILL", Integer.toString(pid.get())).start().waitFor();
            }
        }
    }

    @Test
    void anAttachThatFailsNamesTheCallAndThePid() throws Exception {
        try (Tracer tracer = Tracer.start(new Tracer.Options(false), (event, tracee) -> { })) {
            TraceException e = assertThrows(TraceException.class, () -> tracer.attach(999999));
            assertEquals("attach: ptrace(PTRACE_SEIZE, 999999): No such process", e.getMessage());
            assertEquals(3, e.errno());
        }
    }

    @Test
    void aProgramThatCannotRunIsRefusedInStracesWords(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("not-a-program"), "data\n");
        try (Tracer tracer = Tracer.start(new Tracer.Options(false), (event, tracee) -> { })) {
            TraceException missing = assertThrows(TraceException.class,
                    () -> tracer.launch(LaunchSpec.inheriting("/nonexistent/program", List.of("program"))));
            assertEquals("Can't stat '/nonexistent/program': No such file or directory", missing.getMessage());
            TraceException denied = assertThrows(TraceException.class,
                    () -> tracer.launch(LaunchSpec.inheriting(plain.toString(), List.of("not-a-program"))));
            assertEquals("exec: Permission denied", denied.getMessage());
            TraceException notFound = assertThrows(TraceException.class, () -> LaunchSpec.command("no-such-command-here"));
            assertEquals("Can't stat 'no-such-command-here': No such file or directory", notFound.getMessage());
            tracer.awaitIdle();
        }
    }

    @Test
    void eventsCompareAndPrintTheirContents() {
        var a = new TraceEvent.SyscallEntry(1, 1, io.jtrace.syscalls.AuditArch.X86_64, 0, new long[] {3, 0x10, 8, 0, 0, 0}, 0, 0, 0);
        var b = new TraceEvent.SyscallEntry(1, 1, io.jtrace.syscalls.AuditArch.X86_64, 0, new long[] {3, 0x10, 8, 0, 0, 0}, 0, 0, 0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.toString().contains("args=[0x3, 0x10, 0x8, 0x0, 0x0, 0x0]"), a.toString());
        assertEquals(io.jtrace.syscalls.AuditArch.UNKNOWN, io.jtrace.syscalls.AuditArch.of(0x1234));
    }
}
