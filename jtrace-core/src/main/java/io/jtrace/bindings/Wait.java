package io.jtrace.bindings;

/** wait4(2) options and the decoding of its status word, as the W* macros of {@code <sys/wait.h>}. */
public final class Wait {
    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int WNOTHREAD = 0x20000000;
    public static final int WALL = 0x40000000;

    private Wait() {}

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        return ((byte) ((status & 0x7f) + 1) >> 1) > 0;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    public static boolean coreDumped(int status) {
        return (status & 0x80) != 0;
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* number of a ptrace event stop, or 0. */
    public static int ptraceEvent(int status) {
        return (status >>> 16) & 0xffff;
    }
}
