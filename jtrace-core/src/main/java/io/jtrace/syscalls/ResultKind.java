package io.jtrace.syscalls;

/** How strace prints a system call's successful result: the {@code result} column of the syscall table. */
public enum ResultKind {
    /** Signed decimal. */
    INT,
    /** A new file descriptor, with what -y shows of it (strace's RVAL_FD). */
    FD,
    /** An address, in hex with {@code 0x} always. */
    ADDR;

    static ResultKind parse(String text) {
        return switch (text) {
            case "int" -> INT;
            case "fd" -> FD;
            case "addr" -> ADDR;
            default -> throw new IllegalArgumentException("unknown result kind " + text);
        };
    }
}
