package io.jtrace.decode;

import io.jtrace.decode.internal.Quoting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command name of a process ({@code /proc/PID/comm}), as strace's {@code -Y}
 * ({@code --decode-pids=comm}) prints it after pids: {@code 1234<bash>}.
 */
public final class Comm {
    /** The most bytes strace reads: its buffer of 16 (TASK_COMM_LEN) holds 15 and a NUL. */
    private static final int MAX = 15;

    private Comm() {}

    /**
     * The name of process or thread {@code pid} as strace reads it: the first line of
     * {@code /proc/PID/comm}, at most 15 bytes, without its newline; empty when there is no such
     * process (or {@code pid} is not positive).
     */
    public static byte[] read(int pid) {
        if (pid <= 0) {
            return new byte[0];
        }
        byte[] buf = new byte[MAX];
        int n = 0;
        try (InputStream in = Files.newInputStream(Path.of("/proc", Integer.toString(pid), "comm"))) {
            // fgets: up to a newline (kept, then stripped) or the buffer's end.
            int c;
            while (n < MAX && (c = in.read()) >= 0) {
                if (c == '\n') {
                    break;
                }
                buf[n++] = (byte) c;
            }
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    /**
     * What strace prints after a pid for {@code comm}: {@code <name>}, the name quoted as strace
     * quotes paths after descriptors ({@code <} and {@code >} escaped, non-printable bytes as
     * {@code -x} says); the empty string for an empty name.
     */
    public static String decoration(byte[] comm, HexStyle hex) {
        if (comm.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(comm.length + 2).append('<');
        Quoting.quoteFdPath(out, comm, 0, comm.length, hex);
        return out.append('>').toString();
    }
}
