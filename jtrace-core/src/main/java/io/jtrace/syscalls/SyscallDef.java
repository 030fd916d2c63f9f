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
 */
public record SyscallDef(int number, String name, boolean knownToStrace61, List<ArgKind> args) {

    public SyscallDef {
        if (number < 0) {
            throw new IllegalArgumentException("negative syscall number " + number);
        }
        args = List.copyOf(args);
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
