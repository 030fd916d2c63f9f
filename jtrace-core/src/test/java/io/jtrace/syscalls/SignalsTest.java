package io.jtrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SignalsTest {

    private static final Path SIGNAL_H = Path.of("/usr/include/x86_64-linux-gnu/asm/signal.h");

    @Test
    void standardSignalsAgreeWithTheInstalledKernelHeader() throws IOException {
        Map<Integer, Set<String>> header = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^#define\\s+(SIG\\w+)\\s+(\\d+)\\s*$").matcher(Files.readString(SIGNAL_H));
        while (m.find()) {
            header.computeIfAbsent(Integer.parseInt(m.group(2)), n -> new HashSet<>()).add(m.group(1));
        }
        for (int signal = 1; signal < Signals.SIGRTMIN; signal++) {
            Set<String> names = header.get(signal);
            assertTrue(names != null && names.contains(Signals.name(signal)),
                    "signal " + signal + " is " + Signals.name(signal) + ", header says " + names);
        }
    }

    @Test
    void namesAsStracePrintsThem() {
        assertEquals("SIGHUP", Signals.name(1));
        assertEquals("SIGABRT", Signals.name(6));
        assertEquals("SIGIO", Signals.name(29));
        assertEquals("SIGSYS", Signals.name(31));
        assertEquals("SIGRTMIN", Signals.name(32));
        assertEquals("SIGRT_1", Signals.name(33));
        assertEquals("SIGRT_32", Signals.name(64));
        assertEquals("65", Signals.name(65));
        assertEquals("0", Signals.name(0));
        assertEquals("-1", Signals.name(-1));
    }

    @Test
    void parsesAsTheCommandLineDoes() {
        assertEquals(OptionalInt.of(1), Signals.parse("SIGHUP"));
        assertEquals(OptionalInt.of(1), Signals.parse("hup"));
        assertEquals(OptionalInt.of(1), Signals.parse("SIGhup"));
        assertEquals(OptionalInt.of(32), Signals.parse("rtmin"));
        assertEquals(OptionalInt.of(35), Signals.parse("rt_3"));
        assertEquals(OptionalInt.of(255), Signals.parse("255"));
        assertEquals(OptionalInt.of(8), Signals.parse("008"));
        assertEquals(OptionalInt.of(0), Signals.parse("0"));
        assertTrue(Signals.parse("256").isEmpty());
        assertTrue(Signals.parse("SIGRT_33").isEmpty());
        assertTrue(Signals.parse("SIGRTMAX").isEmpty());
        assertTrue(Signals.parse("").isEmpty());
        assertTrue(Signals.parse("SIG").isEmpty());
    }

    @Test
    void codeNames() {
        assertEquals(Optional.of("CLD_EXITED"), Signals.codeName(17, 1));
        assertEquals(Optional.of("CLD_KILLED"), Signals.codeName(17, 2));
        assertEquals(Optional.of("CLD_DUMPED"), Signals.codeName(17, 3));
        assertEquals(Optional.of("CLD_TRAPPED"), Signals.codeName(17, 4));
        assertEquals(Optional.of("CLD_STOPPED"), Signals.codeName(17, 5));
        assertEquals(Optional.of("CLD_CONTINUED"), Signals.codeName(17, 6));
        assertEquals(Optional.of("SI_USER"), Signals.codeName(17, 0));
        assertEquals(Optional.of("SI_KERNEL"), Signals.codeName(5, 0x80));
        assertEquals(Optional.of("SI_TKILL"), Signals.codeName(40, -6));
        assertEquals(Optional.of("SI_QUEUE"), Signals.codeName(1, -1));
        assertEquals(Optional.of("SI_ASYNCNL"), Signals.codeName(1, -60));
        assertEquals(Optional.of("SEGV_MAPERR"), Signals.codeName(11, 1));
        assertEquals(Optional.of("TRAP_BRKPT"), Signals.codeName(5, 1));
        assertEquals(Optional.of("SYS_SECCOMP"), Signals.codeName(31, 1));
        assertTrue(Signals.codeName(1, 1).isEmpty());
        assertTrue(Signals.codeName(17, 7).isEmpty());
        assertTrue(Signals.codeName(5, 0x85).isEmpty());
    }
}
