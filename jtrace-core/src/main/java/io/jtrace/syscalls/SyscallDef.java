package io.jtrace.syscalls;

import java.util.List;

/**
 * One system call of an arch's table.
 *
 * @param number          the kernel's number for it
 * @param name            the kernel's name for it
 * @param knownToStrace61 whether strace 6.1 prints it by name; if not, strace prints
 *                        {@link #straceName()} with six hex arguments, which {@code args} then says
 * @param args            how strace prints each argument, one entry per printed argument
 * @param types           the C type of each printed argument, which says how many of the register's
 *                        bits the kind sees (see {@link ArgType})
 * @param result          how strace prints a successful result
 */
public record SyscallDef(int number, String name, boolean knownToStrace61, List<ArgKind> args,
                         List<ArgType> types, ResultKind result) {

    /**
     * Checks the definition against itself: one type per kind, each of a width its kind can print,
     * and buffer lengths that name one of the call's arguments.
     */
    public SyscallDef {
        java.util.Objects.requireNonNull(result, "result");
        if (number < 0) {
            throw new IllegalArgumentException("negative syscall number " + number);
        }
        args = List.copyOf(args);
        types = List.copyOf(types);
        if (types.size() != args.size()) {
            throw new IllegalArgumentException(name + ": " + args.size() + " kinds but " + types.size() + " types");
        }
        for (int i = 0; i < args.size(); i++) {
            checkWidth(name, i, args.get(i), types.get(i));
        }
        for (ArgKind kind : args) {
            int lengthArg = switch (kind) {
                case ArgKind.InBuf(int index) -> index;
                case ArgKind.OutBuf(int index) -> index;
                case ArgKind.Plain _, ArgKind.Flags _, ArgKind.Enum _, ArgKind.In _, ArgKind.Out _ -> 0;
            };
            if (lengthArg >= args.size()) {
                throw new IllegalArgumentException(
                        name + ": buffer length is argument " + lengthArg + " of " + args.size());
            }
        }
    }

    /**
     * A call whose arguments are all 64 bits wide (unsigned long), as strace's printargs reads them;
     * kinds that print an int then do not fit.
     */
    public SyscallDef(int number, String name, boolean knownToStrace61, List<ArgKind> args) {
        this(number, name, knownToStrace61, args, java.util.Collections.nCopies(args.size(), ArgType.ULONG));
    }

    /** A call whose result is printed in decimal. */
    public SyscallDef(int number, String name, boolean knownToStrace61, List<ArgKind> args, List<ArgType> types) {
        this(number, name, knownToStrace61, args, types, ResultKind.INT);
    }

    /**
     * Kinds that print 32 bits need a 32- or 16-bit type, and kinds that print or follow all 64 bits
     * a 64-bit one: a table that says otherwise has one of the two columns wrong.
     */
    private static void checkWidth(String name, int i, ArgKind kind, ArgType type) {
        Boolean narrow = switch (kind) {
            case ArgKind.Plain p -> switch (p) {
                case INT, UINT, FD, DIRFD, SIGNAL, OCT -> true;
                case LONG, ULONG, PTR, PATH, STR -> false;
                case HEX -> null;
            };
            case ArgKind.InBuf _, ArgKind.OutBuf _ -> false;
            case ArgKind.Flags _, ArgKind.Enum _, ArgKind.In _, ArgKind.Out _ -> null;
        };
        if (narrow != null && narrow != type.isNarrow()) {
            throw new IllegalArgumentException(name + ": argument " + i + " of kind " + kind
                    + " cannot have type " + type.token());
        }
    }

    /**
     * The first {@link #nargs()} of {@code registers} narrowed to their types, the rest as they are:
     * the values strace decodes. {@code registers} itself when no value changes, as in nearly every
     * call a real program makes: tracing allocates nothing for it then.
     */
    public long[] narrow(long[] registers) {
        long[] out = registers;
        for (int i = 0; i < types.size() && i < registers.length; i++) {
            long v = types.get(i).narrow(registers[i]);
            if (v != registers[i]) {
                if (out == registers) {
                    out = registers.clone();
                }
                out[i] = v;
            }
        }
        return out;
    }

    /** How many arguments strace prints. */
    public int nargs() {
        return args.size();
    }

    /** The name strace 6.1 prints: the kernel's, or {@code syscall_0x} and the number in hex. */
    public String straceName() {
        return knownToStrace61 ? name : unknownName(number);
    }

    /** The name strace 6.1 prints for a number it has no name for, such as {@code syscall_0x1c4}. */
    public static String unknownName(long number) {
        return "syscall_0x" + Long.toHexString(number);
    }
}
