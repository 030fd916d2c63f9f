package io.jtrace.cli.format;

/** Tracee memory as decoders see it: reads that may come back short, never throw. */
@FunctionalInterface
public interface Memory {
    /** Reads into {@code dst}: the count read, short at an unmapped page, negative when none. */
    long read(long address, byte[] dst, int off, int len);

    /**
     * Reads a NUL-terminated string of at most {@code max} bytes into {@code dst} (which holds at least
     * {@code max} bytes), a page at a time so that a string ending just before an unmapped page is
     * read whole, as strace's umovestr reads. Returns the bytes read, the NUL included when it was
     * found, or -1 when a byte before the NUL or the {@code max}th could not be read: strace then
     * prints the address, however much of the string it read.
     */
    default int readCString(long address, byte[] dst, int max) {
        int done = 0;
        while (done < max) {
            long at = address + done;
            int chunk = (int) Math.min(max - done, 4096 - (at & 4095));
            long n = read(at, dst, done, chunk);
            if (n <= 0) {
                return -1;
            }
            for (int i = done; i < done + n; i++) {
                if (dst[i] == 0) {
                    return i + 1;
                }
            }
            done += (int) n;
        }
        return done;
    }
}
