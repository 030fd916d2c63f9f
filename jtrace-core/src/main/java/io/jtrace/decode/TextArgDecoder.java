package io.jtrace.decode;

/**
 * Prints one argument that needs more than a table: a structure in tracee memory, an array, a
 * value whose meaning depends on another argument. Named in the syscall table as {@code in:NAME}
 * (printed at entry) or {@code out:NAME} (printed at exit, and as the address when the call failed).
 */
@FunctionalInterface
public interface TextArgDecoder {
    void decode(StringBuilder out, long value, Call call, DecodeContext ctx);
}
