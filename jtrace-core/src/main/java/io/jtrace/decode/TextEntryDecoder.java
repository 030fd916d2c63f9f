package io.jtrace.decode;

/**
 * A call printed whole when it starts: nothing it writes back is shown, and a call that never
 * returns just ends with {@code ) = ?}.
 */
@FunctionalInterface
interface TextEntryDecoder extends TextCallDecoder {
    @Override
    default void exit(StringBuilder out, Call call, DecodeContext ctx) {
        out.append(')');
    }

    @Override
    default boolean completeAtEntry() {
        return true;
    }
}
