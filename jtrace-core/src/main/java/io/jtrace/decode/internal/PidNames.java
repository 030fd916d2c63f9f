package io.jtrace.decode.internal;

import io.jtrace.decode.Comm;
import io.jtrace.decode.HexStyle;
import io.jtrace.decode.PidNamespaces;
import io.jtrace.decode.ValueWriter;

import java.util.function.IntSupplier;

/**
 * -Y and --pidns-translation in force on the decoding thread, so that decoders deep inside a
 * structure (siginfo's si_pid, struct flock's l_pid...) decorate pids without being handed the
 * options: like {@link XlatFormat}'s -X, each decoder puts its own in force while it writes.
 */
public final class PidNames {
    /**
     * What is in force: -Y's names quoted as {@code comm} says (null without -Y), translations
     * between namespaces by {@code namespaces} (null without them) of the ids that the thread
     * {@code tid} sees.
     */
    public record Mode(HexStyle comm, PidNamespaces namespaces, IntSupplier tid) {}

    private static final ThreadLocal<Mode[]> CURRENT = ThreadLocal.withInitial(() -> new Mode[1]);

    private PidNames() {}

    /** Puts {@code mode} in force, or nothing when null; returns what to restore. */
    public static Mode enter(Mode mode) {
        Mode[] current = CURRENT.get();
        Mode previous = current[0];
        current[0] = mode;
        return previous;
    }

    /** Restores what {@link #enter} returned. */
    public static void leave(Mode previous) {
        CURRENT.get()[0] = previous;
    }

    /** Whether pids are decorated at all. */
    public static boolean active() {
        return CURRENT.get()[0] != null;
    }

    /**
     * A process or thread id as strace's printpid prints one of type PT_TID or PT_TGID: under -Y
     * followed by the name of the process it names, when it is positive and that process exists.
     */
    public static void write(ValueWriter out, int pid) {
        write(out, pid, PidNamespaces.IdType.TGID);
    }

    /**
     * An id of {@code type} as strace's printpid prints it: -Y names processes and threads (not
     * groups or sessions); with --pidns-translation, an id the tracee sees in another namespace is
     * followed by {@code /* N in strace's PID NS *}{@code /}.
     */
    public static void write(ValueWriter out, int pid, PidNamespaces.IdType type) {
        Mode mode = CURRENT.get()[0];
        out.pid(pid, decoration(mode, pid, type));
    }

    /**
     * strace's printpid_tgid_pgid: a positive id is a process's, one below -1 a process group's
     * (negated), translated as such but printed as given.
     */
    public static void writeTgidPgid(ValueWriter out, int pid) {
        Mode mode = CURRENT.get()[0];
        String d = pid > 0 ? decoration(mode, pid, PidNamespaces.IdType.TGID)
                : pid < -1 ? decoration(mode, -pid, PidNamespaces.IdType.PGID) : null;
        out.pid(pid, d);
    }

    private static String decoration(Mode mode, int pid, PidNamespaces.IdType type) {
        if (mode == null || pid <= 0) {
            return null;
        }
        boolean comm = mode.comm() != null
                && (type == PidNamespaces.IdType.TID || type == PidNamespaces.IdType.TGID);
        if (!comm && mode.namespaces() == null) {
            return null;
        }
        int ours = pid;
        if (mode.namespaces() != null) {
            ours = mode.namespaces().translate(mode.tid().getAsInt(), pid, type);
            if (ours == 0) {
                return null;
            }
        }
        StringBuilder d = new StringBuilder();
        if (comm) {
            d.append(Comm.decoration(Comm.read(ours), mode.comm()));
        }
        if (mode.namespaces() != null && ours != pid) {
            d.append(" /* ").append(ours).append(" in strace's PID NS */");
        }
        return d.isEmpty() ? null : d.toString();
    }
}
