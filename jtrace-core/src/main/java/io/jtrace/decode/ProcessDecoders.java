package io.jtrace.decode;

import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Processes, signals, time and resources: clone, wait4, rt_sigaction, prlimit64 and their kin. This
 * class holds the process calls and registers the family's other decoders ({@link SignalDecoders},
 * {@link TimeDecoders}, {@link ResourceDecoders}).
 */
final class ProcessDecoders {
    private static final long CSIGNAL = 0xff;
    private static final long CLONE_PIDFD = 0x1000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000, CLONE_INTO_CGROUP = 0x200000000L;
    private static final int ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    /** The largest CPU mask strace reads, in bytes. */
    private static final int MAX_CPU_MASK = 1 << 16;

    private ProcessDecoders() {}

    static void register(Registry r) {
        r.textArg("wait_status", ProcessDecoders::waitStatus);
        r.textArg("wait_rusage", (out, v, call, ctx) -> {
            if (call.rval() > 0) {
                ResourceDecoders.rusage(out, v, ctx);
            } else {
                DecodeContext.address(out, v);
            }
        });
        r.textArg("stored_uint", (out, v, call, ctx) -> {
            ByteBuffer b = readOrAddress(out, ctx, v, 4);
            if (b != null) {
                out.append('[').append(Integer.toUnsignedString(b.getInt(0))).append(']');
            }
        });
        r.textArg("cpuset_in", (out, v, call, ctx) -> cpuset(out, v, call.arg(1), ctx));
        r.textArg("cpuset_out", (out, v, call, ctx) -> cpuset(out, v, call.rval(), ctx));
        r.textCall("rt_sigreturn", SignalDecoders.rtSigreturn());
        r.textArg("gids_in", (out, v, call, ctx) -> gids(out, v, call.arg(0), ctx));
        r.textArg("gids_out", (out, v, call, ctx) -> gids(out, v, call.rval(), ctx));
        r.textCall("kcmp", (TextEntryDecoder) ProcessDecoders::kcmp);
        r.textCall("clone", new Clone());
        r.textCall("clone3", new Clone3());
        r.textCall("arch_prctl", new ArchPrctl());
        r.call("futex", new FutexDecoder());
    }

    /**
     * Reads a structure whole, as strace's umove_or_printaddr: null, after printing the address
     * ({@code NULL} for 0), when it cannot.
     */
    /**
     * An array of {@code count} group ids ({@code [0, 27]}), no more than -s of them shown; -1
     * stays -1, other ids are unsigned. NULL, an unreadable array or a count that is not a size
     * prints the address.
     */
    private static void gids(StringBuilder out, long address, long count, DecodeContext ctx) {
        int n = (int) count;
        if (n == 0 && address != 0) {
            out.append("[]");
            return;
        }
        if (address == 0 || n < 0 || count != n) {
            DecodeContext.address(out, address);
            return;
        }
        int shown = Math.min(n, ctx.stringLimit());
        ByteBuffer b = ctx.read(address, 4 * Math.max(shown, 1));
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        out.append('[');
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append(", ");
            }
            FileDecoders.id(out, b.getInt(4 * i));
        }
        out.append(shown == n ? "]" : shown == 0 ? "...]" : ", ...]");
    }

    static ByteBuffer readOrAddress(StringBuilder out, DecodeContext ctx, long address, int size) {
        ByteBuffer b = ctx.read(address, size);
        if (b == null) {
            DecodeContext.address(out, address);
        }
        return b;
    }

    /** {@code 0}, or {@code 0x} and hex digits, as strace's {@code %#lx}. */
    static void hex(StringBuilder out, long v) {
        out.append(v == 0 ? "0" : "0x" + Long.toHexString(v));
    }

    /** An int the kernel stored, as {@code [N]}, or the address when the call failed or it is unreadable. */
    private static void storedInt(StringBuilder out, long address, Call call, DecodeContext ctx) {
        ByteBuffer b = call.isError() ? null : ctx.read(address, 4);
        if (b == null) {
            DecodeContext.address(out, address);
        } else {
            out.append('[').append(b.getInt(0)).append(']');
        }
    }

    /** wait4's status: the address when no child changed state, else the status's macros. */
    private static void waitStatus(StringBuilder out, long address, Call call, DecodeContext ctx) {
        if (call.rval() == 0) {
            DecodeContext.address(out, address);
            return;
        }
        ByteBuffer b = readOrAddress(out, ctx, address, 4);
        if (b != null) {
            waitStatus(out, b.getInt(0));
        }
    }

    static void waitStatus(StringBuilder out, int status) {
        int low = status & 0x7f;
        out.append('[');
        if ((status & 0xff) == 0x7f) {
            int sig = status >> 8 & 0xff;
            out.append("{WIFSTOPPED(s) && WSTOPSIG(s) == ").append(Signals.name(sig & 0x7f))
                    .append((sig & 0x80) != 0 ? " | 0x80}" : "}");
            status &= ~(sig << 8 | 0x7f);
        } else if (low != 0 && status != 0xffff) {
            out.append("{WIFSIGNALED(s) && WTERMSIG(s) == ").append(Signals.name(low))
                    .append((status & 0x80) != 0 ? " && WCOREDUMP(s)}" : "}");
            status &= ~0xff;
        } else if (low == 0) {
            out.append("{WIFEXITED(s) && WEXITSTATUS(s) == ").append(status >> 8 & 0xff).append('}');
            status &= ~0xff00;
        } else {
            out.append("{WIFCONTINUED(s)}");
            status &= ~0xffff;
        }
        int event = status >>> 16;
        if (event != 0) {
            out.append(" | ");
            XlatFormat.value(out, Xlat.get("ptrace_events"), event);
            out.append(" << 16");
            status &= 0xffff;
        }
        if (status != 0) {
            out.append(" | 0x").append(Integer.toHexString(status));
        }
        out.append(']');
    }

    /** A CPU mask of {@code size} bytes: the numbers of the CPUs in it, {@code [0 1]}. */
    private static void cpuset(StringBuilder out, long address, long size, DecodeContext ctx) {
        int bytes = (int) Math.min(Math.max(size, 0), MAX_CPU_MASK);
        ByteBuffer b = size <= 0 ? null : ctx.read(address, bytes);
        if (b == null) {
            DecodeContext.address(out, address);
            return;
        }
        out.append('[');
        boolean first = true;
        for (int i = 0; i < bytes * 8; i++) {
            if ((b.get(i / 8) >> (i % 8) & 1) != 0) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                out.append(i);
            }
        }
        out.append(']');
    }

    /**
     * clone(flags, stack, parent_tid, child_tid, tls), printed by name: the exit signal apart from
     * the flags, and the pointers the kernel writes through only at exit, when the flags use them.
     */
    private static final class Clone implements TextCallDecoder {
        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            long flags = call.arg(0) & ~CSIGNAL;
            int signal = (int) (call.arg(0) & CSIGNAL);
            out.append("child_stack=");
            DecodeContext.address(out, call.arg(1));
            out.append(", flags=");
            if (flags != 0) {
                XlatFormat.flags(out, Xlat.get("clone_flags"), flags);
                if (signal != 0) {
                    out.append('|');
                    XlatFormat.signal(out, signal);
                }
            } else {
                XlatFormat.signal(out, signal);
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            long flags = call.arg(0) & ~CSIGNAL;
            if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
                out.append(", parent_tid=");
                storedInt(out, call.arg(2), call, ctx);
            }
            if ((flags & CLONE_SETTLS) != 0) {
                out.append(", tls=");
                DecodeContext.address(out, call.arg(4));
            }
            if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
                out.append(", child_tidptr=");
                DecodeContext.address(out, call.arg(3));
            }
            out.append(')');
        }
    }

    /**
     * clone3(args, size): struct clone_args at entry; the pid file descriptor and parent tid the
     * kernel stored, after {@code =>}, at exit.
     */
    private static final class Clone3 implements TextCallDecoder {
        private static final int MIN_SIZE = 64, FULL_SIZE = 88, CGROUP = 80;

        private static int fetchSize(Call call) {
            return (int) Math.min(Long.compareUnsigned(call.arg(1), FULL_SIZE) > 0 ? FULL_SIZE : call.arg(1), FULL_SIZE);
        }

        /** Whether the kernel writes anything back, which strace then prints at exit. */
        private static boolean writesBack(ByteBuffer b) {
            return b != null && (b.getLong(0) & (CLONE_PIDFD | CLONE_PARENT_SETTID)) != 0;
        }

        private static ByteBuffer args(Call call, DecodeContext ctx) {
            int size = fetchSize(call);
            return Long.compareUnsigned(call.arg(1), MIN_SIZE) < 0 ? null : ctx.read(call.arg(0), size);
        }

        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            ByteBuffer b = args(call, ctx);
            if (b == null) {
                DecodeContext.address(out, call.arg(0));
            } else {
                structure(out, b, fetchSize(call));
            }
            if (!writesBack(b)) {
                out.append(", ").append(Long.toUnsignedString(call.arg(1)));
            }
        }

        private static void structure(StringBuilder out, ByteBuffer b, int size) {
            long flags = b.getLong(0);
            out.append("{flags=");
            XlatFormat.flags(out, Xlat.get("clone3_flags"), flags);
            if ((flags & CLONE_PIDFD) != 0) {
                field(out, "pidfd", b.getLong(8));
            }
            if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
                field(out, "child_tid", b.getLong(16));
            }
            if ((flags & CLONE_PARENT_SETTID) != 0) {
                field(out, "parent_tid", b.getLong(24));
            }
            long exitSignal = b.getLong(32);
            out.append(", exit_signal=");
            if (Long.compareUnsigned(exitSignal, Integer.MAX_VALUE) < 0) {
                XlatFormat.signal(out, (int) exitSignal);
            } else {
                out.append(Long.toUnsignedString(exitSignal));
            }
            field(out, "stack", b.getLong(40));
            out.append(", stack_size=");
            hex(out, b.getLong(48));
            if ((flags & CLONE_SETTLS) != 0) {
                field(out, "tls", b.getLong(56));
            }
            if (size > CGROUP && (b.getLong(CGROUP) != 0 || (flags & CLONE_INTO_CGROUP) != 0)) {
                out.append(", cgroup=").append(Long.toUnsignedString(b.getLong(CGROUP)));
            }
            out.append('}');
        }

        private static void field(StringBuilder out, String name, long address) {
            out.append(", ").append(name).append('=');
            DecodeContext.address(out, address);
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            ByteBuffer b = args(call, ctx);
            if (writesBack(b)) {
                if (!call.isError()) {
                    long flags = b.getLong(0);
                    String separator = " => {";
                    if ((flags & CLONE_PIDFD) != 0) {
                        out.append(separator).append("pidfd=");
                        storedInt(out, b.getLong(8), call, ctx);
                        separator = ", ";
                    }
                    if ((flags & CLONE_PARENT_SETTID) != 0) {
                        out.append(separator).append("parent_tid=");
                        storedInt(out, b.getLong(24), call, ctx);
                    }
                    out.append('}');
                }
                out.append(", ").append(Long.toUnsignedString(call.arg(1)));
            }
            out.append(')');
        }
    }

    /** arch_prctl(option, arg): ARCH_GET_FS and ARCH_GET_GS store an address at arg, printed at exit. */
    private static final class ArchPrctl implements TextCallDecoder {
        private static boolean stores(Call call) {
            int option = (int) call.arg(0);
            return option == ARCH_GET_FS || option == ARCH_GET_GS;
        }

        @Override
        public void entry(StringBuilder out, Call call, DecodeContext ctx) {
            XlatFormat.value(out, Xlat.get("archvals"), call.arg(0));
            out.append(", ");
            if (!stores(call)) {
                hex(out, call.arg(1));
            }
        }

        @Override
        public void exit(StringBuilder out, Call call, DecodeContext ctx) {
            if (stores(call)) {
                ByteBuffer b = call.isError() ? null : ctx.read(call.arg(1), 8);
                if (b == null) {
                    DecodeContext.address(out, call.arg(1));
                } else {
                    out.append('[');
                    DecodeContext.address(out, b.getLong(0));
                    out.append(']');
                }
            }
            out.append(')');
        }
    }

    private static final int KCMP_FILE = 0, KCMP_EPOLL_TFD = 7;

    /**
     * kcmp: the two pids and the type, then what the type compares: two descriptors, a descriptor
     * and an epoll slot, nothing for the resources a process has one of, or the two indexes in hex.
     */
    private static void kcmp(StringBuilder out, Call call, DecodeContext ctx) {
        int pid1 = (int) call.arg(0), pid2 = (int) call.arg(1);
        out.append(pid1).append(", ").append(pid2).append(", ");
        int type = (int) call.arg(2);
        XlatFormat.value(out, Xlat.get("kcmp_types"), call.arg(2));
        long idx1 = call.arg(3), idx2 = call.arg(4);
        if (type == KCMP_FILE) {
            out.append(", ");
            ctx.fdOf(out, pid1, (int) idx1);
            out.append(", ");
            ctx.fdOf(out, pid2, (int) idx2);
        } else if (type == KCMP_EPOLL_TFD) {
            out.append(", ");
            ctx.fdOf(out, pid1, (int) idx1);
            out.append(", ");
            ByteBuffer b = readOrAddress(out, ctx, idx2, 12);
            if (b != null) {
                out.append("{efd=");
                ctx.fdOf(out, pid2, b.getInt(0));
                out.append(", tfd=");
                ctx.fdOf(out, pid2, b.getInt(4));
                out.append(", toff=").append(Integer.toUnsignedString(b.getInt(8))).append('}');
            }
        } else if (type < KCMP_FILE || type > KCMP_EPOLL_TFD) {
            out.append(", ");
            hex(out, idx1);
            out.append(", ");
            hex(out, idx2);
        }
    }
}
