package io.jtrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyscallTableTest {

    private static final Path UNISTD_64 = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    private static final int LAST_KNOWN_TO_STRACE_61 = 450;
    /** Linux 6.11 and 6.18 put these two in the gap after rseq, long after strace 6.1. */
    private static final Set<String> UPROBE_CALLS = Set.of("uretprobe", "uprobe");

    private final SyscallTable table = SyscallTable.x86_64();

    @Test
    void agreesWithTheInstalledKernelHeader() throws IOException {
        Map<Integer, String> header = parseUnistd(Files.readString(UNISTD_64));
        assertTrue(header.size() > 300, "parsed only " + header.size() + " syscalls from " + UNISTD_64);
        header.forEach((number, name) -> {
            SyscallDef def = table.lookup(number).orElseThrow(() -> new AssertionError("no syscall " + number));
            assertEquals(name, def.name(), "name of syscall " + number);
            assertEquals(List.of(number), table.numbersOf(name), "numbers of " + name);
        });
    }

    @Test
    void coversLinux618WithItsGaps() {
        for (int number = 0; number <= 469; number++) {
            boolean gap = number >= 337 && number <= 423;
            assertEquals(!gap, table.lookup(number).isPresent(), "syscall " + number);
        }
        assertTrue(table.lookup(470).isEmpty());
        assertTrue(table.lookup(-1).isEmpty());
        assertTrue(table.lookup(Long.MAX_VALUE).isEmpty());
        assertEquals(469, table.all().getLast().number());
        assertEquals("file_setattr", table.all().getLast().name());
        assertEquals("uretprobe", table.lookup(335).orElseThrow().name());
    }

    @Test
    void strace61KnowsTheCallsUpToSetMempolicyHomeNode() {
        for (SyscallDef def : table.all()) {
            boolean newer = def.number() > LAST_KNOWN_TO_STRACE_61 || UPROBE_CALLS.contains(def.name());
            assertEquals(!newer, def.knownToStrace61(), def.name());
        }
    }

    @Test
    void unknownCallsPrintAsNumberedSyscallsWithSixHexArguments() {
        SyscallDef cachestat = table.lookup(451).orElseThrow();
        assertEquals("cachestat", cachestat.name());
        assertEquals("syscall_0x1c3", cachestat.straceName());
        assertEquals(List.of(ArgKind.Plain.HEX, ArgKind.Plain.HEX, ArgKind.Plain.HEX,
                ArgKind.Plain.HEX, ArgKind.Plain.HEX, ArgKind.Plain.HEX), cachestat.args());
        assertEquals("syscall_0xffffffffffffffff", SyscallDef.unknownName(-1));
        assertEquals("read", table.lookup(0).orElseThrow().straceName());
    }

    @Test
    void signaturesOfCommonCalls() {
        assertEquals(List.of(ArgKind.Plain.FD, new ArgKind.OutBuf(2), ArgKind.Plain.ULONG), args("read"));
        assertEquals(List.of(ArgKind.Plain.FD, new ArgKind.InBuf(2), ArgKind.Plain.ULONG), args("write"));
        assertEquals(List.of(ArgKind.Plain.DIRFD, ArgKind.Plain.PATH, new ArgKind.In("open_flags"), ArgKind.Plain.OCT),
                args("openat"));
        assertEquals(List.of(ArgKind.Plain.PATH, ArgKind.Plain.PTR, ArgKind.Plain.PTR), args("execve"));
        assertEquals(List.of(ArgKind.Plain.PATH, new ArgKind.OutBuf(2), ArgKind.Plain.ULONG), args("readlink"));
        assertEquals(List.of(), args("getpid"));
        assertEquals(6, table.lookup(9).orElseThrow().nargs());
    }

    @Test
    void everyConstantTableTheSyscallsNameExists() {
        for (SyscallDef def : table.all()) {
            for (ArgKind kind : def.args()) {
                String xlat = switch (kind) {
                    case ArgKind.Flags(String t) -> t;
                    case ArgKind.Enum(String t) -> t;
                    default -> null;
                };
                if (xlat != null) {
                    assertTrue(!Xlat.get(xlat).entries().isEmpty(), def.name() + ": table " + xlat + " is empty");
                }
            }
        }
    }

    @Test
    void everyBufferLengthArgumentIsANumber() {
        for (SyscallDef def : table.all()) {
            for (ArgKind kind : def.args()) {
                int index = switch (kind) {
                    case ArgKind.InBuf(int lengthArg) -> lengthArg;
                    case ArgKind.OutBuf(int capacityArg) -> capacityArg;
                    case ArgKind.Plain _, ArgKind.Flags _, ArgKind.Enum _, ArgKind.In _, ArgKind.Out _ -> -1;
                };
                if (index >= 0) {
                    ArgKind length = def.args().get(index);
                    assertTrue(length == ArgKind.Plain.ULONG || length == ArgKind.Plain.INT
                                    || length == ArgKind.Plain.UINT,
                            def.name() + ": length argument " + index + " is " + length);
                }
            }
        }
    }

    @Test
    void namesAreLookedUp() {
        assertTrue(table.isName("openat"));
        assertTrue(table.isName("cachestat"));
        assertFalse(table.isName("syscall_0x1c3"));
        assertFalse(table.isName("OPENAT"));
        assertEquals(List.of(257), table.numbersOf("openat"));
        assertEquals(List.of(), table.numbersOf("nosuchcall"));
    }

    @Test
    void tablesAreLoadedOncePerArch() {
        assertSame(table, SyscallTable.forArch(AuditArch.X86_64).orElseThrow());
        assertTrue(SyscallTable.forArch(AuditArch.I386).isEmpty());
        assertTrue(SyscallTable.forArch(AuditArch.AARCH64).isEmpty());
        assertEquals(AuditArch.X86_64, table.arch());
    }

    @Test
    void auditArchValues() {
        assertEquals(AuditArch.X86_64, AuditArch.fromValue(0xc000003e).orElseThrow());
        assertEquals(AuditArch.I386, AuditArch.fromValue(0x40000003).orElseThrow());
        assertEquals(AuditArch.AARCH64, AuditArch.fromValue(0xc00000b7).orElseThrow());
        assertTrue(AuditArch.fromValue(0).isEmpty());
        assertEquals("x86_64.tsv", AuditArch.X86_64.tableResource().orElseThrow());
    }

    @Test
    void argKindsParse() {
        assertEquals(ArgKind.Plain.PATH, ArgKind.parse("path"));
        assertEquals(new ArgKind.InBuf(3), ArgKind.parse("inbuf:3"));
        assertEquals(new ArgKind.OutBuf(1), ArgKind.parse("outbuf:1"));
        assertThrows(IllegalArgumentException.class, () -> ArgKind.parse("octal"));
        assertThrows(IllegalArgumentException.class, () -> ArgKind.parse("inbuf:x"));
        assertThrows(IllegalArgumentException.class, () -> ArgKind.parse("midbuf:1"));
        assertThrows(IllegalArgumentException.class, () -> ArgKind.parse("inbuf:-1"));
    }

    @Test
    void aBufferMustNameOneOfTheArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new SyscallDef(1, "write", true, List.of(ArgKind.Plain.FD, new ArgKind.InBuf(2)),
                        List.of(ArgType.UINT, ArgType.PTR)));
    }

    @Test
    void everyKnownCallHasATypePerArgument() {
        for (SyscallDef def : table.all()) {
            assertEquals(def.nargs(), def.types().size(), def.name());
        }
    }

    @Test
    void callsStraceDoesNotKnowReadAllSixRegisters() {
        for (SyscallDef def : table.all()) {
            if (!def.knownToStrace61()) {
                assertEquals(java.util.Collections.nCopies(6, ArgType.ULONG), def.types(), def.name());
            }
        }
    }

    @Test
    void intArgumentsAreNarrowedToTheirLowHalf() {
        SyscallDef unlinkat = def("unlinkat");
        assertEquals(List.of(ArgType.INT, ArgType.PTR, ArgType.INT), unlinkat.types());
        long[] registers = {0xfacefeed_ffffff9cL, 0x7ffd_1234_5678L, 0xffffffff_ffff60ffL, 1, 2, 3};
        long[] narrowed = unlinkat.narrow(registers);
        assertEquals(0xffffff9cL, narrowed[0]);
        assertEquals(0x7ffd_1234_5678L, narrowed[1]);
        assertEquals(0xffff60ffL, narrowed[2]);
        assertEquals(1, narrowed[3], "arguments beyond nargs are left alone");
        assertEquals(0xfacefeed_ffffff9cL, registers[0], "the registers are not changed");
        assertEquals(0x0123L, def("umask").narrow(new long[] {0xfacefeed_ffff0123L, 0, 0, 0, 0, 0})[0]);
        assertEquals(-1L, def("mmap").narrow(new long[] {0, -1L, 0, 0, 0, 0})[1], "size_t keeps 64 bits");
        long[] clean = {3, 0x7ffd_1234_5678L, 0x200, 0, 0, 0};
        assertSame(clean, unlinkat.narrow(clean), "nothing to narrow: no copy");
    }

    @Test
    void aKindThatPrintsAnIntNeedsANarrowTypeAndAPointerAWideOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new SyscallDef(37, "alarm", true, List.of(ArgKind.Plain.UINT), List.of(ArgType.ULONG)));
        assertThrows(IllegalArgumentException.class,
                () -> new SyscallDef(87, "unlink", true, List.of(ArgKind.Plain.PATH), List.of(ArgType.INT)));
        assertThrows(IllegalArgumentException.class,
                () -> new SyscallDef(3, "close", true, List.of(ArgKind.Plain.FD), List.of()));
        new SyscallDef(28, "madvise", true,
                List.of(ArgKind.Plain.PTR, ArgKind.Plain.ULONG, new ArgKind.Enum("madvise_cmds")),
                List.of(ArgType.PTR, ArgType.ULONG, ArgType.INT));
        assertThrows(IllegalArgumentException.class, () -> ArgType.parse("short"));
        assertEquals(ArgType.U16, ArgType.parse("u16"));
    }

    private SyscallDef def(String name) {
        return table.lookup(table.numbersOf(name).getFirst()).orElseThrow();
    }

    private List<ArgKind> args(String name) {
        return table.lookup(table.numbersOf(name).getFirst()).orElseThrow().args();
    }

    private static Map<Integer, String> parseUnistd(String header) {
        Map<Integer, String> byNumber = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^#define __NR_(\\w+)\\s+(\\d+)\\s*$").matcher(header);
        while (m.find()) {
            byNumber.put(Integer.parseInt(m.group(2)), m.group(1));
        }
        return byNumber;
    }
}
