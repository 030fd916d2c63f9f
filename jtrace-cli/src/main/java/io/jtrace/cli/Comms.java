package io.jtrace.cli;

import io.jtrace.decode.Comm;
import io.jtrace.decode.HexStyle;
import io.jtrace.syscalls.SyscallDef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * -Y's names in line prefixes ({@code [pid  1234<bash>]}): as strace, each traced thread's name is
 * read when it starts being traced and again after each successful call that changes it (execve,
 * execveat, prctl(PR_SET_NAME)), traced or not; the prefix shows the name as last read.
 */
final class Comms {
    private static final int PR_SET_NAME = 15;
    private final Map<Integer, byte[]> names = new HashMap<>();
    private final byte[] own;
    private final HexStyle hex;

    /** @param own the name of the program jtrace starts until its execve: jtrace's, as strace's child has strace's */
    Comms(byte[] own, HexStyle hex) {
        this.own = own;
        this.hex = hex;
    }

    /**
     * The name jtrace shows as its own, which the processes it starts have until they exec and
     * their parent's getppid() names: the last part of the name it was called by, at most 15
     * bytes, as the kernel names a process after its executable. It is set as jtrace's own
     * (/proc/self/comm), so that what tracees read of their tracer's process is that name too.
     */
    static byte[] ownName(String argv0) {
        String base = argv0.substring(argv0.lastIndexOf('/') + 1);
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        b = Arrays.copyOf(b, Math.min(b.length, 15));
        try {
            Files.write(Path.of("/proc/self/comm"), b);
        } catch (IOException | RuntimeException e) {
            // only the name tracees see of jtrace differs then
        }
        return b;
    }

    void attached(int tid, boolean launched) {
        names.put(tid, launched ? own : Comm.read(tid));
    }

    /** After a call of {@code tid} ended, before its end is printed. */
    void afterCall(int tid, SyscallDef def, long[] args, boolean isError) {
        if (isError) {
            return;
        }
        switch (def.name()) {
            case "execve", "execveat" -> names.put(tid, Comm.read(tid));
            case "prctl" -> {
                // The whole register, as strace compares it (the kernel reads an int).
                if (args[0] == PR_SET_NAME) {
                    names.put(tid, Comm.read(tid));
                }
            }
            default -> { }
        }
    }

    void forget(int tid) {
        names.remove(tid);
    }

    /** {@code <name>} for {@code tid}'s prefix, or the empty string. */
    String decoration(int tid) {
        byte[] name = names.get(tid);
        return name == null ? "" : Comm.decoration(name, hex);
    }
}
