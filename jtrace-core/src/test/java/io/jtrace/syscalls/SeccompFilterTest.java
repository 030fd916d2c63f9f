package io.jtrace.syscalls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BPF program traces exactly the set's x86_64 calls, and every other ABI's. */
class SeccompFilterTest {
    private static final SyscallTable TABLE = SyscallTable.x86_64();
    private static final int X86_64 = AuditArch.X86_64.value(), I386 = AuditArch.I386.value();
    /** Numbers past the table, x32's (bit 30), and the unsigned top, which contains() treats as the rest. */
    private static final long[] FAR = {1024, 4096, 0x4000_0000L, 0x4000_0101L, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL};

    @ParameterizedTest
    @ValueSource(strings = {"openat", "%file", "%process", "!getpid", "!%desc,getpid", "none", "0,1,2,3",
            "/^(open|close)", "%memory,%signal,%net", "?nosuchcall,read", "!read,write"})
    void tracesWhatTheSetContains(String expression) {
        SyscallSet set = SyscallSet.parse(expression, TABLE);
        SeccompFilter f = SeccompFilter.stoppingAt(set);
        for (int nr = 0; nr < 1024; nr++) {
            assertEquals(set.contains(nr), f.traces(X86_64, nr), expression + ": call " + nr);
        }
        for (long nr : FAR) {
            assertEquals(set.contains(nr), f.traces(X86_64, (int) nr), expression + ": call 0x" + Long.toHexString(nr));
        }
        assertTrue(f.traces(I386, 5), "another ABI's calls stop whatever the set");
        assertEquals(8 * f.length(), f.bytes().length);
    }

    @Test
    void theWorstSetStaysWithinTheKernelsLimits() {
        // Every other call: the most ranges a set can have.
        long[] odd = new long[300];
        for (int i = 0; i < odd.length; i++) {
            odd[i] = 2L * i + 1;
        }
        SyscallSet set = SyscallSet.of(odd);
        SeccompFilter f = SeccompFilter.stoppingAt(set);
        assertTrue(f.length() < 4096, "BPF_MAXINSNS: " + f.length());
        for (int nr = 0; nr < 700; nr++) {
            assertEquals(nr % 2 == 1 && nr < 600, f.traces(X86_64, nr), "call " + nr);
        }
    }

    @Test
    void withAddsCallsToPlainAndInvertedSets() {
        long execve = TABLE.number("execve");
        assertTrue(SyscallSet.parse("openat", TABLE).with(execve).contains(execve));
        assertTrue(SyscallSet.parse("!execve", TABLE).with(execve).contains(execve));
        assertFalse(SyscallSet.parse("!read", TABLE).with(execve).contains(TABLE.number("read")));
        assertTrue(SyscallSet.none().with(execve).contains(execve));
        assertFalse(SyscallSet.none().with(execve).contains(0));
    }

    @Test
    void theProgramIsLaidOutAsTheKernelReadsIt() {
        byte[] b = SeccompFilter.stoppingAt(SyscallSet.none()).bytes();
        // ld [4]: BPF_LD|BPF_W|BPF_ABS = 0x20, k = 4 (seccomp_data.arch)
        assertEquals(0x20, b[0]);
        assertEquals(4, b[4]);
        // ...and its last instruction: ret ALLOW (BPF_RET|BPF_K = 0x06, k = 0x7fff0000).
        assertEquals(0x06, b[b.length - 8]);
        assertEquals(0x7f, b[b.length - 1]);
        assertEquals((byte) 0xff, b[b.length - 2]);
    }
}
