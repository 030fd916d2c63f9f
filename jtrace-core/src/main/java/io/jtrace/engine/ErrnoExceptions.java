package io.jtrace.engine;

import io.jtrace.bindings.ErrnoException;

/** Turns errno values into the words users read. */
final class ErrnoExceptions {
    private ErrnoExceptions() {}

    static String reason(int errno) {
        return new ErrnoException("", errno).reason();
    }
}
