package io.jtrace.cli;

import io.jtrace.bindings.Kernel;
import sun.misc.Signal;

/** jtrace's handling of the signals that end it (SIGINT, SIGTERM, ...): run an action instead. */
final class SignalHandlers {
    private static final String[] NAMES = {null, "HUP", "INT", null, null, null, null, null, null, null,
            null, null, null, null, null, "TERM"};

    private SignalHandlers() {}

    /**
     * Runs {@code action} on {@code signal}. strace handles these signals even when its caller
     * ignored them (a background job ignores SIGINT); the JVM would not install a handler for an
     * ignored signal, so the disposition is reset first. The tracee's own ignored set was read before.
     */
    static void handle(int signal, Runnable action) {
        try (Kernel k = Kernel.open()) {
            k.setDefaultAction(signal);
        }
        try {
            Signal.handle(new Signal(NAMES[signal]), s -> action.run());
        } catch (IllegalArgumentException e) {
            // The JVM reserves this signal: it keeps its own handling.
        }
    }
}
