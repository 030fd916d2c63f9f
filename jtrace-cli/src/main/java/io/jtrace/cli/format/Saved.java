package io.jtrace.cli.format;

/**
 * A value a decoder reads at a call's entry for its exit, because the call overwrites it (the
 * address length accept and recvfrom are offered, which strace shows as {@code [128 => 16]}).
 * One per thread, cleared at every entry.
 */
public final class Saved {
    private boolean present;
    private long value;

    public void put(long v) {
        value = v;
        present = true;
    }

    public boolean has() {
        return present;
    }

    public long get() {
        return value;
    }

    void clear() {
        present = false;
    }
}
