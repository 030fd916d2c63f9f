package io.jtrace.decode;

import java.util.List;

/**
 * One system call, decoded: what {@link Decoding#listener} delivers when a call returns (or when
 * its thread ends inside it).
 *
 * @param tid        the thread that made it
 * @param pid        its process (thread group)
 * @param name       the call's name as strace prints it
 * @param number     its number on x86_64
 * @param arguments  its arguments, decoded as strace shows them: those read at entry, then those
 *                   read at exit (buffers the call filled in)
 * @param result     the result as strace shows it (a number, a descriptor, an error...), or null
 *                   when the call never returned: its thread exited or was killed inside it
 * @param rval       the raw return value (a negated errno when {@code isError})
 * @param isError    whether the call failed
 * @param errno      the error's name ({@code ENOENT}), or null
 * @param entryNanos {@link StopClock#monotonicNanos()} at the entry stop
 * @param exitNanos  {@link StopClock#monotonicNanos()} at the exit stop, or 0 when it never returned
 * @param systemNanos the system CPU time its process used from the entry stop to the exit stop, as
 *                   wait4's rusage reported it at each (what strace -c counts by default), or 0 when
 *                   it never returned
 */
public record SyscallEvent(int tid, int pid, String name, long number, List<Value> arguments, Value result,
                           long rval, boolean isError, String errno, long entryNanos, long exitNanos,
                           long systemNanos) {
    /** Copies {@code arguments}, so that the event does not change. */
    public SyscallEvent {
        arguments = List.copyOf(arguments);
    }

    /** Whether the call returned. */
    public boolean finished() {
        return result != null;
    }

    /**
     * The call as strace prints it, without the padding before {@code =}:
     * {@code openat(AT_FDCWD, "/etc/hostname", O_RDONLY) = 3}, and {@code exit_group(0) = ?} for a
     * call that never returned.
     */
    public String toStrace() {
        return toStrace(HexStyle.NONE);
    }

    /** As {@link #toStrace()}, with strings escaped as {@code hex} says. */
    public String toStrace(HexStyle hex) {
        StringBuilder out = new StringBuilder(64).append(name).append('(');
        TextWriter text = new TextWriter(out, hex);
        for (Value v : arguments) {
            Values.write(v, text);
        }
        out.append(") = ");
        if (result == null) {
            out.append('?');
        } else {
            Values.write(result, text.reset());
        }
        return out.toString();
    }
}
