package io.jtrace.decode.internal;

import io.jtrace.decode.Comm;
import io.jtrace.decode.HexStyle;
import io.jtrace.decode.ValueWriter;

/**
 * -Y in force on the decoding thread, so that decoders deep inside a structure (siginfo's si_pid,
 * struct flock's l_pid...) name pids without being handed the options: like {@link XlatFormat}'s
 * -X, each decoder puts its own in force while it writes.
 */
public final class PidNames {
    /** The -x style names are quoted with while -Y is in force on this thread, else null. */
    private static final ThreadLocal<HexStyle[]> CURRENT = ThreadLocal.withInitial(() -> new HexStyle[1]);

    private PidNames() {}

    /** Puts -Y in force (quoting names as {@code hex} says), or not when null; returns what to restore. */
    public static HexStyle enter(HexStyle hex) {
        HexStyle[] current = CURRENT.get();
        HexStyle previous = current[0];
        current[0] = hex;
        return previous;
    }

    /** Restores what {@link #enter} returned. */
    public static void leave(HexStyle previous) {
        CURRENT.get()[0] = previous;
    }

    /**
     * A process or thread id as strace's printpid prints one of type PT_TID or PT_TGID: under -Y
     * followed by the name of the process it names, when it is positive and that process exists.
     */
    public static void write(ValueWriter out, int pid) {
        HexStyle hex = CURRENT.get()[0];
        String comm = hex == null ? "" : Comm.decoration(Comm.read(pid), hex);
        out.pid(pid, comm.isEmpty() ? null : comm);
    }
}
