package io.jtrace.decode;

/**
 * A value a decoder reads at a call's entry for its exit, because the call overwrites it (the
 * address length accept and recvfrom are offered, which strace shows as {@code [128 => 16]}).
 * One per thread, cleared at every entry.
 */
public final class Saved {
    private boolean present;
    private long value;
    private Object object;

    /** An empty slot. */
    public Saved() {
    }

    /** Keeps {@code v} for the exit. */
    public void put(long v) {
        value = v;
        present = true;
    }

    /** Whether the entry kept a number with {@link #put}. */
    public boolean has() {
        return present;
    }

    /** The number {@link #put} kept; meaningful only when {@link #has}. */
    public long get() {
        return value;
    }

    /** Something larger than a number (recvmmsg's name lengths and timeout). */
    public void putObject(Object o) {
        object = o;
    }

    /** What {@link #putObject} kept, or null. */
    public Object object() {
        return object;
    }

    void clear() {
        present = false;
        object = null;
    }
}
