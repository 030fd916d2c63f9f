package io.jtrace.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A copy of a {@code siginfo_t} (128 bytes on x86_64). The union's fields are read by offset; which
 * ones mean something depends on the signal and si_code, as in the kernel's copy_siginfo_to_user.
 */
public final class SigInfo {
    /** The size of {@code siginfo_t} in bytes, what PTRACE_GETSIGINFO copies. */
    public static final int SIZE = 128;
    private final ByteBuffer bytes;

    SigInfo(byte[] raw) {
        this.bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A siginfo_t read from tracee memory: {@link #SIZE} bytes, copied. */
    public static SigInfo of(byte[] raw) {
        if (raw.length < SIZE) {
            throw new IllegalArgumentException("a siginfo_t is " + SIZE + " bytes, not " + raw.length);
        }
        return new SigInfo(raw.clone());
    }

    /** si_signo: the signal's number. */
    public int signo() { return bytes.getInt(0); }
    /** si_errno: an errno the sender attached, usually 0. */
    public int errno() { return bytes.getInt(4); }
    /**
     * si_code: who sent the signal and why: zero or negative when a process did ({@code SI_USER},
     * {@code SI_QUEUE}, {@code SI_TKILL}), positive when the kernel did, with a meaning per signal
     * ({@code CLD_EXITED}, {@code SEGV_MAPERR}) or {@code SI_KERNEL}.
     */
    public int code() { return bytes.getInt(8); }
    /** si_pid for kill, sigqueue and SIGCHLD; si_tid for POSIX timers. */
    public int pid() { return bytes.getInt(16); }
    /** si_uid for kill, sigqueue and SIGCHLD; si_overrun for POSIX timers. */
    public int uid() { return bytes.getInt(20); }
    /** SIGCHLD's si_status. */
    public int status() { return bytes.getInt(24); }
    /** SIGCHLD's si_utime, in clock ticks. */
    public long utime() { return bytes.getLong(32); }
    /** SIGCHLD's si_stime, in clock ticks. */
    public long stime() { return bytes.getLong(40); }
    /** si_addr for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP. */
    public long addr() { return bytes.getLong(16); }
    /** si_value (sigval) for sigqueue and timers. */
    public long value() { return bytes.getLong(24); }

    /** The 32-bit field at byte {@code offset}, for union members without an accessor of their own. */
    public int int32(int offset) { return bytes.getInt(offset); }
    /** The 64-bit field at byte {@code offset}, for union members without an accessor of their own. */
    public long int64(int offset) { return bytes.getLong(offset); }

    /** Two copies of the same 128 bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SigInfo other && bytes.equals(other.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    /** The fields every signal has, then the bytes of the union in hex. */
    @Override
    public String toString() {
        byte[] union = new byte[SIZE - 16];
        bytes.get(16, union);
        return "SigInfo[signo=" + signo() + ", errno=" + errno() + ", code=" + code() + ", fields="
                + java.util.HexFormat.of().formatHex(union) + "]";
    }
}
