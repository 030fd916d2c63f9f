package io.jtrace.decode.internal;

import io.jtrace.decode.TextWriter;
import io.jtrace.decode.ValueWriter;

import io.jtrace.syscalls.Xlat;

import java.nio.ByteBuffer;

/**
 * io_uring, as strace's {@code src/io_uring.c} prints it: io_uring_setup's parameters and the
 * ring offsets the kernel returns, and io_uring_register's argument by opcode. (io_uring_enter
 * needs the table only.)
 */
final class IoUringDecoders {
    /** struct io_uring_params. */
    private static final int PARAMS = 120;
    private static final int IORING_SETUP_ATTACH_WQ = 0x20;
    private static final int REGISTER_BUFFERS = 0, REGISTER_FILES = 2, REGISTER_EVENTFD = 4,
            REGISTER_FILES_UPDATE = 6, REGISTER_EVENTFD_ASYNC = 7, REGISTER_PROBE = 8, REGISTER_RESTRICTIONS = 11,
            REGISTER_FILES2 = 13, REGISTER_FILES_UPDATE2 = 14, REGISTER_BUFFERS2 = 15, REGISTER_BUFFERS_UPDATE = 16,
            REGISTER_IOWQ_AFF = 17, REGISTER_IOWQ_MAX_WORKERS = 19, REGISTER_RING_FDS = 20,
            UNREGISTER_RING_FDS = 21, REGISTER_PBUF_RING = 22, UNREGISTER_PBUF_RING = 23;
    private static final int RESTRICTION_REGISTER_OP = 0, RESTRICTION_SQE_OP = 1,
            RESTRICTION_SQE_FLAGS_ALLOWED = 2, RESTRICTION_SQE_FLAGS_REQUIRED = 3;
    /** The most probe entries strace reads: the kernel's limit. */
    private static final int MAX_PROBE_OPS = 256;
    /** strace's cpuset size, the 128 bytes it starts probing the kernel with, enough for 1024 CPUs. */
    private static final int CPUSET_SIZE = 128;
    private static final int PAGE_SIZE = 4096;

    /** What io_uring_register's entry left for its exit, kept in {@link Call#saved}. */
    private static final long DONE = 0, PENDING = 1, CHANGED = 2;

    private IoUringDecoders() {}

    static void register(Registry r) {
        r.call("io_uring_setup", new Setup());
        r.call("io_uring_register", new Register());
    }

    /**
     * io_uring_setup(entries, params): what the caller set of the parameters, read at entry, and
     * what the kernel filled in, read at exit when it succeeded, in one structure.
     */
    private static final class Setup implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            out.integer(Integer.toUnsignedLong((int) call.arg(0)), ValueWriter.Base.UDEC);
            call.saved().putObject(ctx.readStruct(call.arg(1), PARAMS));
            out.separator();
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            long address = call.arg(1);
            if (!(call.saved().object() instanceof ByteBuffer given)) {
                if (address == 0) {
                    out.pointer(0);
                } else {
                    out.unreadable(address);
                }
                return;
            }
            out.beginStruct();
            out.field("flags");
            int flags = given.getInt(8);
            XlatFormat.flags(out, Xlat.get("uring_setup_flags"), Integer.toUnsignedLong(flags));
            out.field("sq_thread_cpu");
            out.integer(Integer.toUnsignedLong(given.getInt(12)), ValueWriter.Base.HEX);
            out.field("sq_thread_idle");
            out.integer(Integer.toUnsignedLong(given.getInt(16)), ValueWriter.Base.UDEC);
            if ((flags & IORING_SETUP_ATTACH_WQ) != 0) {
                out.field("wq_fd");
                ctx.fd(out, given.getInt(24));
            }
            nonzeroArray(out, "resv", given, 28, 3, 4, ctx);
            ByteBuffer p = call.isError() ? null : ctx.readStruct(address, PARAMS);
            if (p != null) {
                out.field("sq_entries");
                out.integer(Integer.toUnsignedLong(p.getInt(0)), ValueWriter.Base.UDEC);
                out.field("cq_entries");
                out.integer(Integer.toUnsignedLong(p.getInt(4)), ValueWriter.Base.UDEC);
                out.field("features");
                XlatFormat.flags(out, Xlat.get("uring_setup_features"), Integer.toUnsignedLong(p.getInt(20)));
                out.field("sq_off");
                offsets(out, p, 40, "flags", "dropped", "array");
                out.field("cq_off");
                offsets(out, p, 80, "overflow", "cqes", "flags");
            }
            out.endStruct();
        }

        /** struct io_sqring_offsets or io_cqring_offsets: seven offsets, then the reserved words when set. */
        private static void offsets(ValueWriter out, ByteBuffer p, int at, String... last) {
            out.beginStruct();
            String[] names = {"head", "tail", "ring_mask", "ring_entries", last[0], last[1], last[2]};
            for (int i = 0; i < names.length; i++) {
                out.field(names[i]);
                out.integer(Integer.toUnsignedLong(p.getInt(at + 4 * i)), ValueWriter.Base.UDEC);
            }
            hexIfSet(out, "resv1", Integer.toUnsignedLong(p.getInt(at + 28)));
            hexIfSet(out, "resv2", p.getLong(at + 32));
            out.endStruct();
        }
    }

    /**
     * io_uring_register(fd, opcode, arg, nr_args): the argument by opcode, at entry; a probe's is
     * printed at exit too (after {@code =>} when the caller's was not all zeros), as are the
     * worker limits the kernel writes back.
     */
    private static final class Register implements CallDecoder {
        @Override
        public void entry(ValueWriter out, Call call, DecodeContext ctx) {
            ctx.fd(out, (int) call.arg(0));
            int opcode = (int) call.arg(1);
            XlatFormat.value(out, Xlat.get("uring_register_opcodes"), Integer.toUnsignedLong(opcode));
            long arg = call.arg(2);
            long nargs = Integer.toUnsignedLong((int) call.arg(3));
            long state = switch (opcode) {
                case REGISTER_BUFFERS -> {
                    VectorDecoders.iovec(out, arg, nargs, false, VectorDecoders.ALL_DATA, ctx);
                    yield DONE;
                }
                case REGISTER_FILES, REGISTER_EVENTFD, REGISTER_EVENTFD_ASYNC -> {
                    ArrayPrinter.array(out, arg, nargs, 4, ctx, (o, e, i) -> ctx.fd(o, e.getInt(0)));
                    yield DONE;
                }
                case REGISTER_FILES_UPDATE -> {
                    filesUpdate(out, arg, nargs, ctx);
                    yield DONE;
                }
                case REGISTER_PROBE -> probeAtEntry(out, arg, nargs, ctx);
                case REGISTER_RESTRICTIONS -> {
                    ArrayPrinter.array(out, arg, nargs, 16, ctx, (o, e, i) -> restriction(o, e, ctx));
                    yield DONE;
                }
                case REGISTER_FILES2, REGISTER_BUFFERS2 -> {
                    registerResources(out, arg, nargs, opcode, ctx);
                    yield DONE;
                }
                case REGISTER_FILES_UPDATE2, REGISTER_BUFFERS_UPDATE -> {
                    updateResources(out, arg, nargs, opcode, ctx);
                    yield DONE;
                }
                case REGISTER_IOWQ_AFF -> {
                    affinity(out, arg, nargs, ctx);
                    yield DONE;
                }
                case REGISTER_IOWQ_MAX_WORKERS -> maxWorkers(out, arg, nargs, ctx) ? CHANGED : DONE;
                case REGISTER_RING_FDS -> {
                    ArrayPrinter.array(out, arg, nargs, 16, ctx, (o, e, i) -> ringFd(o, e, ctx));
                    yield DONE;
                }
                case UNREGISTER_RING_FDS -> {
                    ArrayPrinter.array(out, arg, nargs, 16, ctx, (o, e, i) -> {
                        o.beginStruct();
                        o.field("offset");
                        o.integer(Integer.toUnsignedLong(e.getInt(0)), ValueWriter.Base.UDEC);
                        hexIfSet(o, "resv", Integer.toUnsignedLong(e.getInt(4)));
                        hexIfSet(o, "data", e.getLong(8));
                        o.endStruct();
                    });
                    yield DONE;
                }
                case REGISTER_PBUF_RING, UNREGISTER_PBUF_RING -> {
                    bufferRing(out, arg, ctx);
                    yield DONE;
                }
                default -> {
                    out.pointer(arg);
                    yield DONE;
                }
            };
            call.saved().put(state);
            if (state == DONE) {
                out.integer(nargs, ValueWriter.Base.UDEC);
            } else if (state == PENDING) {
                out.separator();
            }
        }

        @Override
        public void exit(ValueWriter out, Call call, DecodeContext ctx) {
            long state = call.saved().get();
            if (state == DONE) {
                return;
            }
            long arg = call.arg(2);
            long nargs = Integer.toUnsignedLong((int) call.arg(3));
            if ((int) call.arg(1) == REGISTER_PROBE) {
                if (call.isError()) {
                    if (state == PENDING) {
                        out.pointer(arg);
                    } else {
                        out.separator(); // nr_args follows the probe printed at entry
                    }
                } else {
                    if (state == CHANGED) {
                        out.changed();
                    }
                    ByteBuffer probe = ctx.readOrAddress(out, arg, probeSize(nargs));
                    if (probe != null) {
                        probe(out, probe, nargs, true, ctx);
                    }
                }
            } else {
                out.changed();
                if (call.isError() && arg != 0 && nargs != 0) {
                    out.pointer(arg); // strace reads no element of what a failed call left
                } else {
                    maxWorkers(out, arg, nargs, ctx);
                }
            }
            out.integer(nargs, ValueWriter.Base.UDEC);
        }
    }

    private static int probeSize(long nargs) {
        return (int) (16 + 8 * nargs);
    }

    /**
     * A probe at entry: its address when too long or unreadable (and the call is decoded), nothing
     * when it is all zeros, as the kernel wants it (it is printed at exit), else the structure.
     */
    private static long probeAtEntry(ValueWriter out, long address, long nargs, DecodeContext ctx) {
        if (nargs > MAX_PROBE_OPS) {
            out.pointer(address);
            return DONE;
        }
        ByteBuffer probe = ctx.readOrAddress(out, address, probeSize(nargs));
        if (probe == null) {
            return DONE;
        }
        boolean zero = true;
        for (int i = 0; i < probe.capacity() && zero; i++) {
            zero = probe.get(i) == 0;
        }
        if (zero) {
            return PENDING;
        }
        probe(out, probe, nargs, false, ctx);
        return CHANGED;
    }

    /**
     * struct io_uring_probe and its ops: at entry all {@code nargs}, at exit as many as the kernel
     * says it filled, with {@code ...} when it has more than there is room for.
     */
    private static void probe(ValueWriter out, ByteBuffer p, long nargs, boolean exiting, DecodeContext ctx) {
        int lastOp = Byte.toUnsignedInt(p.get(0)), opsLen = Byte.toUnsignedInt(p.get(1));
        out.beginStruct();
        out.field("last_op");
        XlatFormat.decimal(out, Xlat.get("uring_ops"), lastOp, false);
        out.field("ops_len");
        out.integer(opsLen, ValueWriter.Base.UDEC);
        hexIfSet(out, "resv", Short.toUnsignedLong(p.getShort(2)));
        nonzeroArray(out, "resv2", p, 4, 3, 4, ctx);
        out.field("ops");
        int count = (int) (exiting ? Math.min(opsLen, nargs) : nargs);
        localArray(out, p, 16, count, 8, exiting && nargs < opsLen, ctx, (o, e, i) -> {
            o.beginStruct();
            o.field("op");
            XlatFormat.decimal(o, Xlat.get("uring_ops"), Byte.toUnsignedInt(e.get(0)), false);
            hexIfSet(o, "resv", Byte.toUnsignedLong(e.get(1)));
            o.field("flags");
            XlatFormat.flags(o, Xlat.get("uring_op_flags"), Short.toUnsignedLong(e.getShort(2)));
            hexIfSet(o, "resv2", Integer.toUnsignedLong(e.getInt(4)));
            o.endStruct();
        });
        out.endStruct();
    }

    /** struct io_uring_files_update: offset, then the {@code nargs} descriptors at fds. */
    private static void filesUpdate(ValueWriter out, long address, long nargs, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 16);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("offset");
        out.integer(Integer.toUnsignedLong(b.getInt(0)), ValueWriter.Base.UDEC);
        hexIfSet(out, "resv", Integer.toUnsignedLong(b.getInt(4)));
        out.field("fds");
        updatedFds(out, b.getLong(8), nargs, ctx);
        out.endStruct();
    }

    /** Descriptors to put in a registered table: below -1 by name (IORING_REGISTER_FILES_SKIP). */
    private static void updatedFds(ValueWriter out, long address, long count, DecodeContext ctx) {
        ArrayPrinter.array(out, address, count, 4, ctx, (o, e, i) -> {
            int fd = e.getInt(0);
            if (fd < -1) {
                XlatFormat.decimal(o, Xlat.get("uring_files_update_fds"), fd, true);
            } else {
                ctx.fd(o, fd);
            }
        });
    }

    /** struct io_uring_restriction: what the opcode restricts, by name. */
    private static void restriction(ValueWriter out, ByteBuffer e, DecodeContext ctx) {
        int opcode = Short.toUnsignedInt(e.getShort(0));
        long what = Byte.toUnsignedLong(e.get(2));
        out.beginStruct();
        out.field("opcode");
        XlatFormat.value(out, Xlat.get("uring_restriction_opcodes"), opcode);
        switch (opcode) {
            case RESTRICTION_REGISTER_OP -> {
                out.field("register_op");
                XlatFormat.value(out, Xlat.get("uring_register_opcodes"), what);
            }
            case RESTRICTION_SQE_OP -> {
                out.field("sqe_op");
                XlatFormat.value(out, Xlat.get("uring_ops"), what);
            }
            case RESTRICTION_SQE_FLAGS_ALLOWED, RESTRICTION_SQE_FLAGS_REQUIRED -> {
                out.field("sqe_flags");
                XlatFormat.flags(out, Xlat.get("uring_sqe_flags"), what);
            }
            default -> out.comment("op: " + XlatFormat.hexString(what));
        }
        hexIfSet(out, "resv", Byte.toUnsignedLong(e.get(3)));
        nonzeroArray(out, "resv2", e, 4, 3, 4, ctx);
        out.endStruct();
    }

    /** struct io_uring_rsrc_register, for IORING_REGISTER_FILES2 and IORING_REGISTER_BUFFERS2. */
    private static void registerResources(ValueWriter out, long address, long size, int opcode, DecodeContext ctx) {
        ByteBuffer b = size < 32 ? null : ctx.readOrAddress(out, address, 32);
        if (size < 32) {
            out.pointer(address);
        }
        if (b == null) {
            return;
        }
        long nr = Integer.toUnsignedLong(b.getInt(0));
        out.beginStruct();
        out.field("nr");
        out.integer(nr, ValueWriter.Base.UDEC);
        out.field("flags");
        XlatFormat.flags(out, Xlat.get("uring_register_rsrc_flags"), Integer.toUnsignedLong(b.getInt(4)));
        hexIfSet(out, "resv2", b.getLong(8));
        resourceData(out, b.getLong(16), nr, opcode, ctx);
        tags(out, b.getLong(24), nr, ctx);
        nonzeroBytes(out, address, size, ctx);
        out.endStruct();
    }

    /** struct io_uring_rsrc_update2, for IORING_REGISTER_FILES_UPDATE2 and IORING_REGISTER_BUFFERS_UPDATE. */
    private static void updateResources(ValueWriter out, long address, long size, int opcode, DecodeContext ctx) {
        ByteBuffer b = size < 32 ? null : ctx.readOrAddress(out, address, 32);
        if (size < 32) {
            out.pointer(address);
        }
        if (b == null) {
            return;
        }
        long nr = Integer.toUnsignedLong(b.getInt(24));
        out.beginStruct();
        out.field("offset");
        out.integer(Integer.toUnsignedLong(b.getInt(0)), ValueWriter.Base.UDEC);
        hexIfSet(out, "resv", Integer.toUnsignedLong(b.getInt(4)));
        resourceData(out, b.getLong(8), nr, opcode, ctx);
        tags(out, b.getLong(16), nr, ctx);
        out.field("nr");
        out.integer(nr, ValueWriter.Base.UDEC);
        hexIfSet(out, "resv2", Integer.toUnsignedLong(b.getInt(28)));
        nonzeroBytes(out, address, size, ctx);
        out.endStruct();
    }

    /** The data of a resource registration: descriptors, or buffers as an iovec array. */
    private static void resourceData(ValueWriter out, long data, long nr, int opcode, DecodeContext ctx) {
        out.field("data");
        switch (opcode) {
            case REGISTER_FILES2 -> ArrayPrinter.array(out, data, nr, 4, ctx, (o, e, i) -> ctx.fd(o, e.getInt(0)));
            case REGISTER_FILES_UPDATE2 -> updatedFds(out, data, nr, ctx);
            default -> VectorDecoders.iovec(out, data, nr, false, VectorDecoders.ALL_DATA, ctx);
        }
    }

    private static void tags(ValueWriter out, long tags, long nr, DecodeContext ctx) {
        out.field("tags");
        ArrayPrinter.array(out, tags, nr, 8, ctx, (o, e, i) -> o.integer(e.getLong(0), ValueWriter.Base.HEX));
    }

    /**
     * strace's print_nonzero_bytes for what follows a 32-byte structure of {@code size} bytes (at
     * most a page): nothing when all zeros, {@code ???} when unreadable, else
     * {@code /* bytes 32..N *}{@code / "\x.."}, the bytes in hex, shortened to -s.
     */
    private static void nonzeroBytes(ValueWriter out, long address, long size, DecodeContext ctx) {
        int total = (int) Math.min(size, PAGE_SIZE);
        if (total <= 32) {
            return;
        }
        int len = total - 32;
        ByteBuffer b = ctx.read(address + 32, len);
        if (b == null) {
            out.literal("???");
            return;
        }
        boolean zero = true;
        for (int i = 0; i < len && zero; i++) {
            zero = b.get(i) == 0;
        }
        if (zero) {
            return;
        }
        int shown = Math.min(len, ctx.stringLimit());
        StringBuilder text = new StringBuilder("/* bytes 32..").append(total - 1).append(" */ ");
        Quoting.quoteBytes(text, b.array(), 0, shown, io.jtrace.decode.HexStyle.ALL);
        if (shown < len) {
            text.append("...");
        }
        out.literal(text.toString());
    }

    /**
     * IORING_REGISTER_IOWQ_MAX_WORKERS' limits, indexed by worker kind; returns whether they were
     * all printed (the kernel then writes back the old ones, printed at exit).
     */
    private static boolean maxWorkers(ValueWriter out, long address, long nargs, DecodeContext ctx) {
        Xlat kinds = Xlat.get("uring_iowq_acct");
        return ArrayPrinter.array(out, address, nargs, 4, ctx, (o, e, i) -> {
            StringBuilder index = new StringBuilder();
            XlatFormat.decimal(new TextWriter(index, ctx.hex()), kinds, i, false);
            o.field("[" + index + "]");
            o.integer(Integer.toUnsignedLong(e.getInt(0)), ValueWriter.Base.UDEC);
        });
    }

    /**
     * A CPU mask of {@code len} bytes, as strace's print_affinitylist: the CPUs in it, space
     * separated, of the first {@link #CPUSET_SIZE} bytes, with {@code ...} when there are more.
     */
    private static void affinity(ValueWriter out, long address, long len, DecodeContext ctx) {
        if (!ctx.dereference() || address == 0) {
            out.pointer(address);
            return;
        }
        if (len == 0) {
            out.beginArray();
            out.endArray();
            return;
        }
        int read = (int) Math.min(len, CPUSET_SIZE);
        int size = (read + 7) / 8 * 8;
        ByteBuffer b = ctx.readOrAddress(out, address, read);
        if (b != null) {
            ProcessDecoders.cpuList(out, b, read, size < len);
        }
    }

    /** An element of IORING_REGISTER_RING_FDS: where to put the descriptor (-1 for anywhere), and it. */
    private static void ringFd(ValueWriter out, ByteBuffer e, DecodeContext ctx) {
        int offset = e.getInt(0);
        out.beginStruct();
        out.field("offset");
        out.integer(offset == -1 ? -1 : Integer.toUnsignedLong(offset), ValueWriter.Base.DEC);
        hexIfSet(out, "resv", Integer.toUnsignedLong(e.getInt(4)));
        out.field("data");
        ctx.fd(out, (int) e.getLong(8));
        out.endStruct();
    }

    /** struct io_uring_buf_reg. */
    private static void bufferRing(ValueWriter out, long address, DecodeContext ctx) {
        ByteBuffer b = ctx.readOrAddress(out, address, 40);
        if (b == null) {
            return;
        }
        out.beginStruct();
        out.field("ring_addr");
        out.pointer(b.getLong(0));
        out.field("ring_entries");
        out.integer(Integer.toUnsignedLong(b.getInt(8)), ValueWriter.Base.UDEC);
        out.field("bgid");
        out.integer(Short.toUnsignedLong(b.getShort(12)), ValueWriter.Base.UDEC);
        hexIfSet(out, "pad", Short.toUnsignedLong(b.getShort(14)));
        nonzeroArray(out, "resv", b, 16, 3, 8, ctx);
        out.endStruct();
    }

    /** A member strace prints in hex only when it is not zero (the reserved ones). */
    private static void hexIfSet(ValueWriter out, String name, long value) {
        if (value != 0) {
            out.field(name);
            out.integer(value, ValueWriter.Base.HEX);
        }
    }

    /** A reserved array member, printed in hex only when not all zeros. */
    private static void nonzeroArray(ValueWriter out, String name, ByteBuffer b, int at, int count, int size,
                                     DecodeContext ctx) {
        boolean zero = true;
        for (int i = 0; i < count * size && zero; i++) {
            zero = b.get(at + i) == 0;
        }
        if (!zero) {
            out.field(name);
            localArray(out, b, at, count, size, false, ctx, (o, e, i) ->
                    o.integer(size == 8 ? e.getLong(0) : Integer.toUnsignedLong(e.getInt(0)), ValueWriter.Base.HEX));
        }
    }

    /**
     * An array already read, as strace's print_local_array: {@code -s} elements unless -v, and
     * {@code ...} at the end when {@code truncated}.
     */
    private static void localArray(ValueWriter out, ByteBuffer b, int at, int count, int size, boolean truncated,
                                   DecodeContext ctx, ArrayPrinter.ElementWriter element) {
        long limit = ArrayPrinter.shown(count, ctx);
        out.beginArray();
        for (int i = 0; i < count; i++) {
            if (i >= limit) {
                out.elided();
                truncated = false;
                break;
            }
            element.write(out, b.slice(at + i * size, size).order(java.nio.ByteOrder.LITTLE_ENDIAN), i);
        }
        if (truncated) {
            out.elided();
        }
        out.endArray();
    }
}
