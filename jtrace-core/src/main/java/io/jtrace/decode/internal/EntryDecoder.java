package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

/**
 * A call decoded whole when it starts: nothing it writes back is shown, and a call that never
 * returns just ends with {@code ) = ?}.
 */
@FunctionalInterface
public interface EntryDecoder extends CallDecoder {
    @Override
    default void exit(ValueWriter out, Call call, DecodeContext ctx) {
    }

    @Override
    default boolean completeAtEntry() {
        return true;
    }
}
