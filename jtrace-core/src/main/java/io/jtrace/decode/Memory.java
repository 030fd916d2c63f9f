package io.jtrace.decode;

/** Tracee memory as decoders see it: reads that may come back short, never throw. */
@FunctionalInterface
public interface Memory {
    /** Reads into {@code dst}: the count read, short at an unmapped page, negative when none. */
    long read(long address, byte[] dst, int off, int len);
}
