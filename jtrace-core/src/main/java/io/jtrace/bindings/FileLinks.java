package io.jtrace.bindings;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * readlink and stat on paths as bytes. java.nio decodes a link's target as text, which loses bytes
 * that are not UTF-8; -y prints a descriptor's path byte for byte, so it reads the link here. Each
 * call allocates its own scratch memory and may be made from any thread.
 */
public final class FileLinks {
    private static final long NR_READLINK = 89, NR_NEWFSTATAT = 262;
    private static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    /** {@code struct stat} on x86_64: st_dev at 0, st_ino at 8, st_mode at 24, st_rdev at 40; 144 bytes. */
    private static final int STAT_SIZE = 144, ST_DEV = 0, ST_INO = 8, ST_MODE = 24, ST_RDEV = 40;

    /** What {@link #stat} reports of a file. */
    public record Id(long dev, long ino, int mode, long rdev) {}

    private FileLinks() {}

    /**
     * The target of symbolic link {@code path}, at most {@code max} bytes of it (readlink(2)
     * shortens a longer one silently), or null when it cannot be read.
     */
    public static byte[] readlink(byte[] path, int max) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = cString(a, path);
            MemorySegment buf = a.allocate(max);
            long n = LibC.syscall(LibC.allocateCapture(a), NR_READLINK, p.address(), buf.address(), max, 0, 0, 0);
            if (n < 0) {
                return null;
            }
            byte[] out = new byte[(int) n];
            MemorySegment.copy(buf, JAVA_BYTE, 0, out, 0, out.length);
            return out;
        }
    }

    /** stat(2), or lstat(2) unless {@code follow}, of {@code path}; null when it fails. */
    public static Id stat(byte[] path, boolean follow) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = cString(a, path);
            MemorySegment st = a.allocate(STAT_SIZE, 8);
            long r = LibC.syscall(LibC.allocateCapture(a), NR_NEWFSTATAT, AT_FDCWD, p.address(), st.address(),
                    follow ? 0 : AT_SYMLINK_NOFOLLOW, 0, 0);
            if (r < 0) {
                return null;
            }
            return new Id(st.get(JAVA_LONG, ST_DEV), st.get(JAVA_LONG, ST_INO), st.get(JAVA_INT, ST_MODE),
                    st.get(JAVA_LONG, ST_RDEV));
        }
    }

    private static MemorySegment cString(Arena a, byte[] path) {
        MemorySegment p = a.allocate(path.length + 1L);
        MemorySegment.copy(path, 0, p, JAVA_BYTE, 0, path.length);
        p.set(JAVA_BYTE, path.length, (byte) 0);
        return p;
    }
}
