package io.jtrace.decode;

import java.util.Locale;
import java.util.Optional;

/** How a system call ended, as strace's {@code -e status=} (and {@code -z}, {@code -Z}) select calls. */
public enum CallStatus {
    /** It returned without an error. */
    SUCCESSFUL,
    /** It returned an error. */
    FAILED,
    /** Its thread ended inside it (exit_group, a kill). */
    UNFINISHED,
    /** Its exit could not be read. */
    UNAVAILABLE,
    /** The tracer detached while it ran. */
    DETACHED;

    /** The status strace's -e status= names {@code text} ({@code successful}...), case ignored. */
    public static Optional<CallStatus> byName(String text) {
        for (CallStatus s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
