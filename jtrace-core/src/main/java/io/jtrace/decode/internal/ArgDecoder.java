package io.jtrace.decode.internal;

import io.jtrace.decode.ValueWriter;

/**
 * Decodes one argument that needs more than a table: a structure in tracee memory, an array, a
 * value whose meaning depends on another argument. Named in the syscall table as {@code in:NAME}
 * (decoded at entry) or {@code out:NAME} (decoded at exit, and shown as the address when the call
 * failed).
 */
@FunctionalInterface
public interface ArgDecoder {
    void decode(ValueWriter out, long value, Call call, DecodeContext ctx);
}
