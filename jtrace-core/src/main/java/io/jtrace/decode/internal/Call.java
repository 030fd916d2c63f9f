package io.jtrace.decode.internal;

import io.jtrace.decode.Saved;

import io.jtrace.syscalls.SyscallDef;

/**
 * The system call being printed: its definition, its six arguments (those it has narrowed to their
 * types in the table, see {@link SyscallDef#narrow}), the stack pointer at entry,
 * what a decoder kept from its entry, and, once it returned, its result. At entry {@code exited} is
 * false and {@code rval} means nothing.
 */
public record Call(SyscallDef def, long[] args, long stackPointer, Saved saved, boolean exited, long rval,
                   boolean isError) {
    public long arg(int i) {
        return args[i];
    }
}
