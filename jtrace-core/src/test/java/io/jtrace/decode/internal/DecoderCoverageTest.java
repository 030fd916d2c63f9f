package io.jtrace.decode.internal;

import io.jtrace.decode.internal.Decoders;
import io.jtrace.decode.internal.XlatFormat;

import io.jtrace.syscalls.ArgKind;
import io.jtrace.syscalls.SyscallDef;
import io.jtrace.syscalls.SyscallTable;
import io.jtrace.syscalls.Xlat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every decoder the syscall table names exists, and the constant printers follow strace's rules. */
class DecoderCoverageTest {
    @Test
    void everyNamedDecoderExists() {
        for (SyscallDef def : SyscallTable.x86_64().all()) {
            for (ArgKind kind : def.args()) {
                switch (kind) {
                    case ArgKind.In(String d) -> assertNotNull(Decoders.arg(d), def.name() + ": no decoder " + d);
                    case ArgKind.Out(String d) -> assertNotNull(Decoders.arg(d), def.name() + ": no decoder " + d);
                    default -> { }
                }
            }
        }
    }

    private static String flags(String table, long v) {
        StringBuilder out = new StringBuilder();
        XlatFormat.flags(out, Xlat.get(table), v);
        return out.toString();
    }

    @Test
    void flagsAreNamedInTableOrderWithUnknownBitsInHex() {
        assertEquals("PROT_NONE", flags("mmap_prot", 0));
        assertEquals("PROT_READ|PROT_WRITE", flags("mmap_prot", 3));
        assertEquals("PROT_READ|0x10", flags("mmap_prot", 0x11));
        assertEquals("0x10 /* PROT_??? */", flags("mmap_prot", 0x10));
    }
}
