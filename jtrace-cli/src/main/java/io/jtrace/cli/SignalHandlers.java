package io.jtrace.cli;

import sun.misc.Signal;

/** jtrace's handling of the signals that end it (SIGINT, SIGTERM, ...): run an action instead. */
final class SignalHandlers {
    private static final String[] NAMES = {null, "HUP", "INT", "QUIT", null, null, null, null, null, null,
            null, null, null, null, null, "TERM"};

    private SignalHandlers() {}

    static void handle(int signal, Runnable action) {
        try {
            Signal.handle(new Signal(NAMES[signal]), s -> action.run());
        } catch (IllegalArgumentException e) {
            // The JVM reserves this signal (e.g. SIGQUIT without -Xrs): leave it as it is.
        }
    }
}
