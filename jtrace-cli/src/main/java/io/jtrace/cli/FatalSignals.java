package io.jtrace.cli;

import io.jtrace.engine.ThisProcess;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * The signals that end strace (SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM), handled as strace 6.1
 * handles them at its default {@code -I} level, from the first instant of jtrace's life.
 *
 * <p>The launcher ({@code exec-jtrace.sh}) starts the JVM with these signals blocked and with
 * {@code -Xrs}, under which the JVM neither unblocks them in its threads nor handles them, so a
 * signal sent while the JVM starts waits, pending, until jtrace knows what strace would do with it:
 * <ul>
 *   <li>with {@code -o FILE} and a command (strace's {@code -I3}) they are ignored, those already
 *       pending included;</li>
 *   <li>otherwise they are read from a signalfd; the first one detaches every tracee (or, before
 *       there is any, ends jtrace at once) and jtrace then dies of it, as strace does.</li>
 * </ul>
 * A signal jtrace's caller had blocked is left blocked and never acted on, as under strace, whose
 * handlers only run while its original mask is in place.
 */
final class FatalSignals {
    static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGPIPE = 13, SIGTERM = 15;
    private static final int SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
    private static final int[] ALL = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM};
    private static final long SET = mask(ALL);

    private FatalSignals() {}

    /** Whether the launcher blocked the signals in this JVM, as it does for every thread. */
    static boolean blockedByLauncher() {
        long pid = ProcessHandle.current().pid();
        for (Path status : new Path[] {Path.of("/proc/self/task/" + pid + "/status"), Path.of("/proc/thread-self/status")}) {
            if ((Main.statusSet(status, "SigBlk:") & SET) != SET) {
                return false;
            }
        }
        return true;
    }

    /**
     * strace's "never interrupted" mode: the signals are ignored for good, and with
     * {@code alsoTstp} (-I4) SIGTSTP, so that ^Z stops only the program. SIGTTIN and SIGTTOU are
     * ignored in every mode, as strace ignores them, so that a background jtrace is not stopped.
     */
    static void ignore(boolean alsoTstp) {
        for (int sig : ALL) {
            ThisProcess.ignore(sig);
        }
        if (alsoTstp) {
            ThisProcess.ignore(SIGTSTP);
        }
        ThisProcess.ignore(SIGTTIN);
        ThisProcess.ignore(SIGTTOU);
    }

    /**
     * strace's "interrupted while waiting" mode: runs {@code action} with the number of each signal
     * received, on a thread of its own, except for the signals of {@code callerBlocked}.
     */
    static void watch(long callerBlocked, IntConsumer action) {
        ThisProcess.ignore(SIGTTIN);
        ThisProcess.ignore(SIGTTOU);
        long watched = SET & ~callerBlocked;
        if (blockedByLauncher()) {
            Thread.ofPlatform().name("jtrace-signals").daemon(true).start(() -> {
                // A disposition of SIG_IGN from the caller would discard the signals once they
                // are unblocked to die of them; strace installs its handler over it too.
                for (int sig : ALL) {
                    if ((watched & bit(sig)) != 0) {
                        ThisProcess.setDefault(sig);
                    }
                }
                ThisProcess.readSignals(watched, action);
            });
            return;
        }
        // Started without the launcher (java -cp ... io.jtrace.cli.Main): the JVM's own handling,
        // which cannot take SIGQUIT and leaves a signal during start-up to the JVM.
        for (int sig : new int[] {SIGHUP, SIGINT, SIGTERM}) {
            if ((watched & bit(sig)) == 0) {
                continue;
            }
            ThisProcess.setDefault(sig);
            try {
                Signal.handle(new Signal(sig == SIGHUP ? "HUP" : sig == SIGINT ? "INT" : "TERM"), s -> action.accept(sig));
            } catch (IllegalArgumentException e) {
                // The JVM reserves this signal: it keeps its own handling.
            }
        }
    }

    private static long bit(int sig) {
        return 1L << (sig - 1);
    }

    private static long mask(int[] signals) {
        long m = 0;
        for (int s : signals) {
            m |= bit(s);
        }
        return m;
    }
}
