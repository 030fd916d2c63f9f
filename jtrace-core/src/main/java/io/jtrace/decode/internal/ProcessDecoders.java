package io.jtrace.decode.internal;

import io.jtrace.decode.ConstantStyle;
import io.jtrace.decode.HexStyle;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Signals;
import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * Processes, signals, time and resources: clone, wait4, rt_sigaction, prlimit64 and their kin. This
 * class holds the process calls and registers the family's other decoders ({@link SignalDecoders},
 * {@link TimeDecoders}, {@link ResourceDecoders}).
 */
final class ProcessDecoders {
    private static final long CSIGNAL = 0xff;
    private static final long CLONE_PIDFD = 0x1000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000, CLONE_INTO_CGROUP = 0x200000000L;
    /** The largest CPU mask strace reads, in bytes. */
    private static final int MAX_CPU_MASK = 1 << 16;
    /** The kernel's NGROUPS_MAX: strace prints the address of a longer group list. */
    private static final long NGROUPS_MAX = 65536;

    private ProcessDecoders() {}

    static void register(Registry r) {
        r.arg("wait_status", ProcessDecoders::waitStatus);
        r.arg("wait_rusage", (out, v, call, ctx) -> {
            if (call.rval() > 0) {
                ResourceDecoders.rusage(out, v, ctx);
            } else {
                out.pointer(v);
            }
        });
        r.arg("stored_uint", (out, v, call, ctx) -> {
            ByteBuffer b = ctx.readOrAddress(out, v, 4);
            if (b != null) {
                out.beginArray();
                out.integer(Integer.toUnsignedLong(b.getInt(0)), ValueWriter.Base.DEC);
                out.endArray();
            }
        });
        r.arg("cpuset_in", (out, v, call, ctx) -> cpuset(out, v, call.arg(1), ctx));
        r.arg("cpuset_out", (out, v, call, ctx) -> {
            if (call.isError()) {
                out.pointer(v);
            } else {
                cpuset(out, v, call.rval(), ctx);
            }
        });
        r.call("rt_sigreturn", SignalDecoders.rtSigreturn());
        r.arg("gids_in", (out, v, call, ctx) -> gids(out, v, call.arg(0), ctx));
        r.arg("gids_out", (out, v, call, ctx) -> gids(out, v, call.rval(), ctx));
        r.call("kcmp", (EntryDecoder) ProcessDecoders::kcmp);
        r.call("clone", new Clone());
        r.call("clone3", new Clone3());
        r.call("arch_prctl", new ArchPrctl());
        r.call("futex", new FutexDecoder());
    }

    /**
     * An array of {@code count} group ids ({@code [0, 27]}), no more than -s of them shown unless
     * -v, read one at a time as strace's print_array reads them; -1 stays -1, other ids are
     * unsigned. NULL, an unreadable first id or a count that is not a size (more than
     * NGROUPS_MAX, as an unsigned int) prints the address.
     */
    private static void gids(ValueWriter out, long address, long count, DecodeContext ctx) {
        long n = Integer.toUnsignedLong((int) count);
        if (n > NGROUPS_MAX || address == 0) {
            out.pointer(address);
        } else if (n == 0) {
            out.beginArray();
            out.endArray();
        } else {
            ArrayPrinter.write(out, address, n, 4, ArrayPrinter.shown(n, ctx), ctx, (o, e, i) -> id(o, e.getInt(0)));
        }
    }

    /** A user or group id: -1 (unchanged) as -1, any other value unsigned. */
    private static void id(ValueWriter out, int id) {
        out.integer(id == -1 ? -1 : Integer.toUnsignedLong(id), ValueWriter.Base.DEC);
    }

    /**
     * A thread id the kernel stored, as {@code [N]}, which -Y names; the address when the call
     * failed or it is unreadable.
     */
    private static void storedPid(ValueWriter out, long address, Call call, DecodeContext ctx) {
        if (call.isError()) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, 4);
        if (b != null) {
            out.beginArray();
            PidNames.write(out, b.getInt(0), io.jtrace.decode.PidNamespaces.IdType.TID);
            out.endArray();
        }
    }

    /** As {@link #storedPid}, for a file descriptor, which -y decorates. */
    private static void storedFd(ValueWriter out, long address, Call call, DecodeContext ctx) {
        if (call.isError()) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, 4);
        if (b != null) {
            out.beginArray();
            ctx.fd(out, b.getInt(0));
            out.endArray();
        }
    }

    /** wait4's status: the address when no child changed state, else the status's macros. */
    private static void waitStatus(ValueWriter out, long address, Call call, DecodeContext ctx) {
        if (call.rval() == 0) {
            out.pointer(address);
            return;
        }
        ByteBuffer b = ctx.readOrAddress(out, address, 4);
        if (b != null) {
            int status = b.getInt(0);
            out.beginArray();
            // The macros that test the status are strace's spelling of its bits: one symbol.
            out.symbol(waitStatus(status), Integer.toUnsignedLong(status));
            out.endArray();
        }
    }

    /** What the status macros say of {@code status}: {@code {WIFEXITED(s) && WEXITSTATUS(s) == 0}}. */
    private static String waitStatus(int status) {
        StringBuilder out = new StringBuilder();
        int low = status & 0x7f;
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
        return out.toString();
    }

    /**
     * A CPU mask of {@code size} bytes (an unsigned int): the numbers of the CPUs in it,
     * {@code [0 1]}, which strace separates with spaces: one symbol, whose number is the mask's
     * first 64 CPUs. An empty mask is {@code []}, but only where strace would read it.
     */
    private static void cpuset(ValueWriter out, long address, long size, DecodeContext ctx) {
        long len = size & 0xffffffffL;
        if (address == 0 || !ctx.dereference()) {
            out.pointer(address);
            return;
        }
        if (len == 0) {
            out.beginArray();
            out.endArray();
            return;
        }
        int bytes = (int) Math.min(len, MAX_CPU_MASK);
        ByteBuffer b = ctx.readOrAddress(out, address, bytes);
        if (b != null) {
            cpuList(out, b, bytes, false);
        }
    }

    /**
     * The CPUs set in the first {@code bytes} bytes of {@code b}, {@code [0 1]}, space separated
     * as strace separates them, {@code ...} last when {@code more} bytes were left unread: one
     * symbol, whose number is the mask's first 64 CPUs.
     */
    static void cpuList(ValueWriter out, ByteBuffer b, int bytes, boolean more) {
        StringBuilder text = new StringBuilder("[");
        long raw = 0;
        for (int i = 0; i < bytes * 8; i++) {
            if ((b.get(i / 8) >> (i % 8) & 1) != 0) {
                if (text.length() > 1) {
                    text.append(' ');
                }
                text.append(i);
                if (i < 64) {
                    raw |= 1L << i;
                }
            }
        }
        if (more) {
            text.append(text.length() > 1 ? " ..." : "...");
        }
        out.symbol(text.append(']').toString(), raw);
    }

    /**
     * clone(flags, stack, parent_tid, child_tid, tls), printed by name: the exit signal apart from
     * the flags, and the pointers the kernel writes through only at exit, when the flags use them.
     */
    private static final class Clone implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            long flags = call.arg(0) & ~CSIGNAL;
            int signal = (int) (call.arg(0) & CSIGNAL);
            out.field("child_stack");
            out.pointer(call.arg(1));
            out.field("flags");
            if (flags == 0) {
                XlatFormat.signal(out, signal);
            } else if (signal == 0) {
                XlatFormat.flags(out, Xlat.get("clone_flags"), flags);
            } else {
                // The flags and the exit signal are one value, as strace prints them.
                StringBuilder text = new StringBuilder();
                XlatFormat.flags(text, Xlat.get("clone_flags"), flags);
                text.append('|');
                XlatFormat.signal(text, signal);
                out.symbol(text.toString(), flags | signal);
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            long flags = call.arg(0) & ~CSIGNAL;
            boolean parentTid = (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0;
            boolean tls = (flags & CLONE_SETTLS) != 0;
            boolean childTid = (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0;
            if (parentTid || tls || childTid) {
                out.separator(); // strace prints these after the entry's arguments only at exit
            }
            if (parentTid) {
                out.field("parent_tid");
                if ((flags & CLONE_PARENT_SETTID) != 0) {
                    storedPid(out, call.arg(2), call, ctx);
                } else {
                    storedFd(out, call.arg(2), call, ctx);
                }
            }
            if (tls) {
                out.field("tls");
                out.pointer(call.arg(4));
            }
            if (childTid) {
                out.field("child_tidptr");
                out.pointer(call.arg(3));
            }
        }
    }

    /**
     * clone3(args, size): struct clone_args at entry, the bytes past the part strace knows when
     * they are not zero; at exit, after {@code =>}, the pid file descriptor and parent tid the
     * kernel stored, and those trailing bytes again.
     */
    private static final class Clone3 implements CallDecoder {
        /** The size of the first version of struct clone_args (up to tls), and of the one strace knows. */
        private static final int MIN_SIZE = 64, FULL_SIZE = 88;
        private static final int SET_TID = 64, SET_TID_SIZE = 72, CGROUP = 80;
        /** The most set_tid entries strace reads, the kernel's limit of nested pid namespaces. */
        private static final int MAX_SET_TID_SIZE = 32;
        /** strace looks for nonzero bytes past what it knows within one page only. */
        private static final long PAGE_SIZE = 4096;

        /** How much of the structure strace reads: the size given, no more than it knows. */
        private static int fetchSize(Call call) {
            return Long.compareUnsigned(call.arg(1), FULL_SIZE) > 0 ? FULL_SIZE : (int) call.arg(1);
        }

        /** Whether the structure is larger than what strace knows, so that its tail is looked at. */
        private static boolean hasTail(Call call) {
            return Long.compareUnsigned(call.arg(1), FULL_SIZE) > 0;
        }

        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            int fetchSize = fetchSize(call);
            ByteBuffer b;
            if (fetchSize < MIN_SIZE) {
                out.pointer(call.arg(0));
                b = null;
            } else {
                b = ctx.readOrAddress(out, call.arg(0), fetchSize);
            }
            if (b == null) {
                out.integer(call.arg(1), ValueWriter.Base.UDEC);
                return;
            }
            ByteBuffer full = ByteBuffer.allocate(FULL_SIZE).order(b.order()).put(b.rewind());
            structure(out, full, fetchSize, ctx);
            String tail = hasTail(call) ? tail(call, ctx) : null;
            if (tail != null) {
                out.literal(tail);
            }
            out.endStruct();
            if ((full.getLong(0) & (CLONE_PIDFD | CLONE_PARENT_SETTID)) != 0 || hasTail(call)) {
                call.saved().put(1); // the size follows what the kernel stored, at exit
            } else {
                out.integer(call.arg(1), ValueWriter.Base.UDEC);
            }
        }

        /** The structure's members up to cgroup, leaving it open. Members past {@code size} read as zero. */
        private static void structure(ValueWriter out, ByteBuffer b, int size, DecodeContext ctx) {
            long flags = b.getLong(0);
            out.beginStruct();
            out.field("flags");
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
            out.field("exit_signal");
            if (Long.compareUnsigned(exitSignal, Integer.MAX_VALUE) < 0) {
                XlatFormat.signal(out, (int) exitSignal);
            } else {
                out.integer(exitSignal, ValueWriter.Base.UDEC);
            }
            field(out, "stack", b.getLong(40));
            out.field("stack_size");
            out.integer(b.getLong(48), ValueWriter.Base.HEX);
            if ((flags & CLONE_SETTLS) != 0) {
                field(out, "tls", b.getLong(56));
            }
            long setTid = b.getLong(SET_TID), setTidSize = b.getLong(SET_TID_SIZE);
            if (setTid != 0 || setTidSize != 0) {
                out.field("set_tid");
                if (setTid == 0 || setTidSize == 0 || Long.compareUnsigned(setTidSize, MAX_SET_TID_SIZE) > 0) {
                    out.pointer(setTid);
                } else {
                    ArrayPrinter.write(out, setTid, setTidSize, 4, ArrayPrinter.shown(setTidSize, ctx), ctx,
                            (o, e, i) -> o.integer(e.getInt(0), ValueWriter.Base.DEC));
                }
                out.field("set_tid_size");
                out.integer(setTidSize, ValueWriter.Base.UDEC);
            }
            if (size > CGROUP && (b.getLong(CGROUP) != 0 || (flags & CLONE_INTO_CGROUP) != 0)) {
                out.field("cgroup");
                out.integer(b.getLong(CGROUP), ValueWriter.Base.UDEC);
            }
        }

        private static void field(ValueWriter out, String name, long address) {
            out.field(name);
            out.pointer(address);
        }

        /**
         * The bytes past the structure strace knows, up to the size given or the end of the first
         * page: null when they are all zero, {@code ???} when they cannot be read, else
         * {@code /* bytes 88..95 *}{@code / "\xde..."} in hex, no more than -s of them.
         */
        private static String tail(Call call, DecodeContext ctx) {
            int total = Long.compareUnsigned(call.arg(1), PAGE_SIZE) > 0 ? (int) PAGE_SIZE : (int) call.arg(1);
            int len = total - FULL_SIZE;
            byte[] bytes = new byte[len];
            if (!ctx.readFully(call.arg(0) + FULL_SIZE, bytes, 0, len)) {
                return "???";
            }
            boolean zero = true;
            for (byte x : bytes) {
                zero &= x == 0;
            }
            if (zero) {
                return null;
            }
            int shown = Math.min(len, ctx.stringLimit());
            StringBuilder text = new StringBuilder("/* bytes ").append(FULL_SIZE).append("..").append(total - 1)
                    .append(" */ ");
            Quoting.quoteBytes(text, bytes, 0, shown, HexStyle.ALL);
            if (shown < len) {
                text.append("...");
            }
            return text.toString();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            if (!call.saved().has()) {
                return;
            }
            if (!call.isError()) {
                written(out, call, ctx);
            }
            out.separator();
            out.integer(call.arg(1), ValueWriter.Base.UDEC);
        }

        /**
         * What the kernel stored, {@code => {pidfd=[3], parent_tid=[42]}}, with the tail read again;
         * nothing when there is none of them to show.
         */
        private static void written(ValueWriter out, Call call, DecodeContext ctx) {
            ByteBuffer b = ctx.read(call.arg(0), fetchSize(call));
            if (b == null) {
                out.changed();
                out.pointer(call.arg(0));
                return;
            }
            long flags = b.getLong(0);
            String tail = hasTail(call) ? tail(call, ctx) : null;
            if ((flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) == 0 && tail == null) {
                return;
            }
            out.changed();
            out.beginStruct();
            if ((flags & CLONE_PIDFD) != 0) {
                out.field("pidfd");
                storedFd(out, b.getLong(8), call, ctx);
            }
            if ((flags & CLONE_PARENT_SETTID) != 0) {
                out.field("parent_tid");
                storedPid(out, b.getLong(24), call, ctx);
            }
            if (tail != null) {
                out.literal(tail);
            }
            out.endStruct();
        }
    }

    /**
     * arch_prctl(option, arg), as strace's x86 decoder: what arg is depends on the option. ARCH_GET_FS
     * and ARCH_GET_GS store an address, ARCH_GET_XCOMP_* a mask of XSAVE features, both printed at
     * exit; ARCH_REQ_XCOMP_* take a feature number and return a mask; ARCH_GET_CPUID has no
     * argument; every other option's arg is printed in hex.
     */
    private static final class ArchPrctl implements CallDecoder {
        /** How an option's argument is decoded. */
        private enum Arg { NONE, STORED_ADDRESS, STORED_FEATURES, FEATURE, HEX }

        private static final int ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004, ARCH_GET_CPUID = 0x1011, ARCH_GET_XCOMP_SUPP = 0x1021,
                ARCH_GET_XCOMP_PERM = 0x1022, ARCH_REQ_XCOMP_PERM = 0x1023,
                ARCH_GET_XCOMP_GUEST_PERM = 0x1024, ARCH_REQ_XCOMP_GUEST_PERM = 0x1025;

        private static Arg arg(Call call) {
            return switch ((int) call.arg(0)) {
                case ARCH_GET_FS, ARCH_GET_GS -> Arg.STORED_ADDRESS;
                case ARCH_GET_CPUID -> Arg.NONE;
                case ARCH_GET_XCOMP_SUPP, ARCH_GET_XCOMP_PERM, ARCH_GET_XCOMP_GUEST_PERM -> Arg.STORED_FEATURES;
                case ARCH_REQ_XCOMP_PERM, ARCH_REQ_XCOMP_GUEST_PERM -> Arg.FEATURE;
                default -> Arg.HEX;
            };
        }

        /**
         * The kernel does not export the XFEATURE names, so strace shows the numbers with the names
         * in a comment unless -X raw asks for numbers alone.
         */
        private static ConstantStyle featureStyle() {
            return XlatFormat.raw() ? ConstantStyle.RAW : ConstantStyle.VERBOSE;
        }

        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            XlatFormat.value(out, Xlat.get("archvals"), call.arg(0) & 0xffffffffL);
            switch (arg(call)) {
                case NONE -> { }
                case STORED_ADDRESS, STORED_FEATURES -> out.separator();
                case FEATURE -> {
                    ConstantStyle previous = XlatFormat.enter(featureStyle());
                    try {
                        XlatFormat.value(out, Xlat.get("x86_xfeature_bits"), call.arg(1));
                    } finally {
                        XlatFormat.leave(previous);
                    }
                }
                case HEX -> out.integer(call.arg(1), ValueWriter.Base.HEX);
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            Arg arg = arg(call);
            if (arg != Arg.STORED_ADDRESS && arg != Arg.STORED_FEATURES) {
                return;
            }
            if (call.isError()) {
                out.pointer(call.arg(1));
                return;
            }
            ByteBuffer b = ctx.readOrAddress(out, call.arg(1), 8);
            if (b == null) {
                return;
            }
            out.beginArray();
            if (arg == Arg.STORED_ADDRESS) {
                out.pointer(b.getLong(0));
            } else {
                ConstantStyle previous = XlatFormat.enter(featureStyle());
                try {
                    XlatFormat.flags(out, Xlat.get("x86_xfeatures"), b.getLong(0));
                } finally {
                    XlatFormat.leave(previous);
                }
            }
            out.endArray();
        }

        /**
         * ARCH_REQ_XCOMP_*'s positive result is a feature mask: in hex, with the names it has
         * (when it has any, and -X raw does not leave them out) after it.
         */
        @Override
        public boolean result(ValueWriter out, Call call, DecodeContext ctx) {
            if (arg(call) != Arg.FEATURE || call.isError() || call.rval() <= 0) {
                return false;
            }
            long mask = call.rval();
            out.integer(mask, ValueWriter.Base.HEX);
            String names = XlatFormat.raw() ? null : featureNames(mask);
            if (names != null) {
                out.beginNote("");
                out.symbol(names, mask);
                out.endNote();
            }
            return true;
        }

        /** The names of a feature mask's bits, then its unnamed bits in hex; null when none has a name. */
        private static String featureNames(long mask) {
            StringBuilder names = new StringBuilder();
            long left = mask;
            for (Xlat.Entry e : Xlat.get("x86_xfeatures").entries()) {
                if ((left & e.value()) == e.value()) {
                    names.append(names.isEmpty() ? "" : "|").append(e.name());
                    left &= ~e.value();
                }
            }
            if (names.isEmpty()) {
                return null;
            }
            if (left != 0) {
                names.append('|').append(XlatFormat.hexString(left));
            }
            return names.toString();
        }
    }

    private static final int KCMP_FILE = 0, KCMP_EPOLL_TFD = 7;

    /**
     * kcmp: the two pids and the type, then what the type compares: two descriptors, a descriptor
     * and an epoll slot, nothing for the resources a process has one of, or the two indexes in hex.
     */
    private static void kcmp(ValueWriter out, Call call, DecodeContext ctx) {
        int pid1 = (int) call.arg(0), pid2 = (int) call.arg(1);
        ctx.pid(out, pid1);
        ctx.pid(out, pid2);
        int type = (int) call.arg(2);
        XlatFormat.value(out, Xlat.get("kcmp_types"), call.arg(2));
        long idx1 = call.arg(3), idx2 = call.arg(4);
        if (type == KCMP_FILE) {
            ctx.fdOf(out, pid1, (int) idx1);
            ctx.fdOf(out, pid2, (int) idx2);
        } else if (type == KCMP_EPOLL_TFD) {
            ctx.fdOf(out, pid1, (int) idx1);
            ByteBuffer b = ctx.readOrAddress(out, idx2, 12);
            if (b != null) {
                out.beginStruct();
                out.field("efd");
                ctx.fdOf(out, pid2, b.getInt(0));
                out.field("tfd");
                ctx.fdOf(out, pid2, b.getInt(4));
                out.field("toff");
                out.integer(Integer.toUnsignedLong(b.getInt(8)), ValueWriter.Base.DEC);
                out.endStruct();
            }
        } else if (type < KCMP_FILE || type > KCMP_EPOLL_TFD) {
            out.integer(idx1, ValueWriter.Base.HEX);
            out.integer(idx2, ValueWriter.Base.HEX);
        }
    }

    /** {@code 0}, or {@code 0x} and hex digits, as strace's {@code %#lx}. */
    static void hex(StringBuilder out, long v) {
        out.append(v == 0 ? "0" : "0x" + Long.toHexString(v));
    }
}
