package io.jtrace.decode;

/**
 * A call decoded whole when it starts: nothing it writes back is shown, and a call that never
 * returns just ends with {@code ) = ?}.
 */
@FunctionalInterface
interface EntryDecoder extends CallDecoder {
    @Override
    default void exit(ValueWriter out, Call call, DecodeContext ctx) {
    }

    @Override
    default boolean completeAtEntry() {
        return true;
    }
}
