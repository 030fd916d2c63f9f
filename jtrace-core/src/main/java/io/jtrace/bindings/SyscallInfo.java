package io.jtrace.bindings;

/**
 * {@code struct ptrace_syscall_info} as PTRACE_GET_SYSCALL_INFO fills it: one mutable instance is
 * reused for every stop so that the hot path allocates nothing.
 */
public final class SyscallInfo {
    public static final int SIZE = 88;
    static final int OFF_OP = 0;
    static final int OFF_ARCH = 4;
    static final int OFF_IP = 8;
    static final int OFF_SP = 16;
    static final int OFF_NR = 24;
    static final int OFF_ARGS = 32;
    static final int OFF_RVAL = 24;
    static final int OFF_IS_ERROR = 32;
    static final int OFF_RET_DATA = 80;

    public int op;
    public int arch;
    public long instructionPointer;
    public long stackPointer;
    /** Entry and seccomp stops only. */
    public long nr;
    /** Entry and seccomp stops only. */
    public final long[] args = new long[6];
    /** Exit stops only. */
    public long rval;
    /** Exit stops only. */
    public boolean isError;
    /** Seccomp stops only. */
    public int retData;
}
