package io.jtrace.engine;

import io.jtrace.bindings.Kernel;

/**
 * The tracer's own process: what a tool built on jtrace does to itself as strace does, such as
 * ignoring SIGTTOU, reading fatal signals from a descriptor rather than a handler, or ending by the
 * signal its tracee died of. Any thread may call these.
 */
public final class ThisProcess {
    private ThisProcess() {}

    /** Sets {@code signal} to SIG_IGN: it is discarded, pending instances included. */
    public static void ignore(int signal) {
        try (Kernel k = Kernel.open()) {
            k.setIgnored(signal);
        }
    }

    /** Gives {@code signal} its default action, whatever it was, ignored included. */
    public static void setDefault(int signal) {
        try (Kernel k = Kernel.open()) {
            k.setDefaultAction(signal);
        }
    }

    /** Sends {@code signal} to this process, as a failed write to a closed pipe raises SIGPIPE. */
    public static void raise(int signal) {
        try (Kernel k = Kernel.open()) {
            k.kill(k.getpid(), signal);
        }
    }

    /**
     * Ends this process by {@code signal}, as a tracer mirroring its tracee's death does: default
     * action restored, the signal unblocked, no core file. Returns only if the signal did not kill.
     */
    public static void dieBySignal(int signal) {
        try (Kernel k = Kernel.open()) {
            k.dieBySignal(signal);
        }
    }

    /**
     * Lets go of this process's standard input and output, as strace does once its program runs:
     * each becomes the read end of a pipe with no writer (reads see the end, writes fail), close on
     * exec. Until then a traced program in a pipe that closes its own end would still leave the
     * pipe open through the tracer: {@code yes | jtrace sh -c 'exec <&-; ...'} would never see
     * SIGPIPE. Descriptors 0 and 1 are never left closed, so that nothing opened later takes them.
     *
     * @param fds which of 0 and 1 to let go: only those this process was given, since one that
     *            was closed when it started may hold a descriptor of its own since
     */
    public static void releaseStandardStreams(int... fds) {
        final int oCloexec = 0x80000;
        try (Kernel k = Kernel.open()) {
            for (int fd : fds) {
                if (fd != 0 && fd != 1) {
                    throw new IllegalArgumentException("not standard input or output: " + fd);
                }
                int[] p = k.pipe2(oCloexec);
                k.close(p[1]);
                k.dup3(p[0], fd, oCloexec);
                k.close(p[0]);
            }
        }
    }

    /** Waits for child {@code pid} of this process to end, and reaps it. */
    public static void reap(int pid) {
        try (Kernel k = Kernel.open()) {
            k.wait4(pid, WALL);
        }
    }

    private static final int WALL = 0x40000000;

    /**
     * Reads the signals of {@code mask} (bit n-1: signal n) from a signalfd and hands each one's
     * number to {@code action}, for ever, on the calling thread. The signals must be blocked in
     * every thread of the process for it to see them (start the JVM with them blocked). Returns
     * only if the descriptor cannot be made.
     */
    public static void readSignals(long mask, java.util.function.IntConsumer action) {
        try (Kernel k = Kernel.open()) {
            int fd = k.signalfd(mask);
            if (fd < 0) {
                return;
            }
            while (true) {
                int sig = k.readSignal(fd);
                if (sig > 0) {
                    action.accept(sig);
                }
            }
        }
    }
}
