package io.jtrace.syscalls;

/**
 * How strace prints one argument of a system call that has no decoder of its own. The kinds are
 * the ones a syscall table's {@code kinds} column names; see the header of {@code x86_64.tsv}. How
 * many of the register's bits a kind sees is not the kind's business but the argument's
 * {@link ArgType}: the value is narrowed before it is printed.
 *
 * <p>Callers can switch over the plain kinds and the buffers in one exhaustive switch:
 * {@code case ArgKind.Plain.PATH -> ...; case ArgKind.InBuf(int lengthArg) -> ...}.
 */
public sealed interface ArgKind
        permits ArgKind.Plain, ArgKind.InBuf, ArgKind.OutBuf, ArgKind.Flags, ArgKind.Enum, ArgKind.In, ArgKind.Out {

    /** Kinds that need nothing but the argument's own value. */
    enum Plain implements ArgKind {
        /** Signed decimal of an {@code int}. */
        INT,
        /** Signed decimal of all 64 bits. */
        LONG,
        /** Unsigned decimal of all 64 bits. */
        ULONG,
        /** {@code 0x} and lower-case hex digits, or {@code 0}. */
        HEX,
        /** {@code NULL}, or the address in hex. */
        PTR,
        /** A file descriptor: an {@code int}, with its path under {@code -y}. */
        FD,
        /** A NUL-terminated path read from the tracee, which {@code -s} does not shorten. */
        PATH,
        /** A NUL-terminated string read from the tracee, shortened to {@code -s} characters. */
        STR,
        /** A file mode or permission bits, in octal with a leading 0. */
        OCT,
        /** A directory descriptor of the *at calls: {@code AT_FDCWD} or an {@code int}. */
        DIRFD,
        /** A signal number: its name, or the number when it has none. */
        SIGNAL,
        /** Unsigned decimal of an {@code unsigned int}. */
        UINT
    }

    /**
     * A bit set printed by names joined with {@code |}, from the constant table {@code table}.
     *
     * @param table the name of an {@link Xlat} table
     */
    record Flags(String table) implements ArgKind {}

    /**
     * One value printed by its name from the constant table {@code table}.
     *
     * @param table the name of an {@link Xlat} table
     */
    record Enum(String table) implements ArgKind {}

    /**
     * Something the call reads, printed by the decoder named {@code decoder} when the call starts.
     *
     * @param decoder the decoder's name, as the syscall table spells it
     */
    record In(String decoder) implements ArgKind {}

    /**
     * Something the call writes, printed by the decoder named {@code decoder} when the call returns,
     * and as its address when the call failed.
     *
     * @param decoder the decoder's name, as the syscall table spells it
     */
    record Out(String decoder) implements ArgKind {}

    /**
     * A buffer the call reads, printed when the call starts.
     *
     * @param lengthArg index, from 0, of the argument holding the buffer's length
     */
    record InBuf(int lengthArg) implements ArgKind {
        /** Checks that the index is not negative. */
        public InBuf {
            if (lengthArg < 0) {
                throw new IllegalArgumentException("negative argument index " + lengthArg);
            }
        }
    }

    /**
     * A buffer the call fills, printed when the call returns with the return value as its length.
     *
     * @param capacityArg index, from 0, of the argument holding the buffer's capacity
     */
    record OutBuf(int capacityArg) implements ArgKind {
        /** Checks that the index is not negative. */
        public OutBuf {
            if (capacityArg < 0) {
                throw new IllegalArgumentException("negative argument index " + capacityArg);
            }
        }
    }

    /**
     * The kind a table names: {@code int}, {@code uint}, {@code long}, {@code ulong}, {@code hex},
     * {@code ptr}, {@code fd}, {@code dirfd}, {@code path}, {@code str}, {@code oct}, {@code signal},
     * {@code inbuf:N}, {@code outbuf:N}, {@code flags:TABLE}, {@code enum:TABLE}, {@code in:DECODER}
     * or {@code out:DECODER}.
     *
     * @throws IllegalArgumentException if {@code token} names no kind
     */
    static ArgKind parse(String token) {
        int colon = token.indexOf(':');
        if (colon >= 0) {
            String name = token.substring(colon + 1);
            return switch (token.substring(0, colon)) {
                case "inbuf" -> new InBuf(parseIndex(token, name));
                case "outbuf" -> new OutBuf(parseIndex(token, name));
                case "flags" -> new Flags(name);
                case "enum" -> new Enum(name);
                case "in" -> new In(name);
                case "out" -> new Out(name);
                default -> throw new IllegalArgumentException("unknown argument kind " + token);
            };
        }
        return switch (token) {
            case "int" -> Plain.INT;
            case "long" -> Plain.LONG;
            case "ulong" -> Plain.ULONG;
            case "hex" -> Plain.HEX;
            case "ptr" -> Plain.PTR;
            case "fd" -> Plain.FD;
            case "path" -> Plain.PATH;
            case "str" -> Plain.STR;
            case "oct" -> Plain.OCT;
            case "dirfd" -> Plain.DIRFD;
            case "signal" -> Plain.SIGNAL;
            case "uint" -> Plain.UINT;
            default -> throw new IllegalArgumentException("unknown argument kind " + token);
        };
    }

    private static int parseIndex(String token, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad argument index in " + token, e);
        }
    }
}
