package io.jtrace.syscalls;

/**
 * The C type of one system call argument, as the table's {@code types} column names it: the type
 * strace 6.1 reads the register as, which is the type in the kernel's prototype
 * (include/linux/syscalls.h) unless strace narrows further.
 *
 * <p>The register of an argument narrower than 64 bits holds whatever the caller left in its upper
 * bits; the kernel ignores them, and so does strace. {@link #narrow} keeps only the type's bits,
 * zero-extended, so that every kind and decoder sees the value the kernel sees: a decoder that
 * prints it signed casts it to {@code int}, and flags and constants are matched and printed against
 * the 32-bit value, as strace's printflags and printxval take an {@code unsigned int}.
 */
public enum ArgType {
    /** {@code int}, and the kernel's 32-bit signed types: pid_t, clockid_t, timer_t, key_serial_t, mqd_t, rwf_t. */
    INT("int", 0xffff_ffffL),
    /** {@code unsigned int}, u32, uid_t, gid_t, qid_t, and the {@code unsigned int fd} of the older calls. */
    UINT("uint", 0xffff_ffffL),
    /** {@code umode_t}: 16 bits. */
    U16("u16", 0xffffL),
    /** {@code long}, loff_t, off_t: all 64 bits. */
    LONG("long", -1L),
    /** {@code unsigned long}, size_t, u64, aio_context_t: all 64 bits. */
    ULONG("ulong", -1L),
    /** Any pointer: all 64 bits. */
    PTR("ptr", -1L);

    private final String token;
    private final long mask;

    ArgType(String token, long mask) {
        this.token = token;
        this.mask = mask;
    }

    /** The name the table gives the type. */
    public String token() {
        return token;
    }

    /** Whether the type is narrower than the 64-bit register. */
    public boolean isNarrow() {
        return mask != -1L;
    }

    /** The register's value as the kernel reads it: the type's low bits, zero-extended. */
    public long narrow(long register) {
        return register & mask;
    }

    /**
     * The type a table names: {@code int}, {@code uint}, {@code u16}, {@code long}, {@code ulong} or
     * {@code ptr}.
     *
     * @throws IllegalArgumentException if {@code token} names no type
     */
    public static ArgType parse(String token) {
        for (ArgType t : values()) {
            if (t.token.equals(token)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown argument type " + token);
    }
}
